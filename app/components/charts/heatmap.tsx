/** Hour-of-week heatmap (rows Monday–Sunday, columns 00–23 UTC), colour = value. */

import { interpolateRgb, max, min, scaleSequential } from "d3";
import { ChartFrame } from "./frame";
import { fmt } from "./line";
import type { ChartOptions, RenderedChart } from "./types";

export interface HeatmapData {
  cells: { row: number; col: number; value: number }[];
  rowLabels: string[];
  colLabels: string[];
  unit: string;
  /** Appended to column labels in tooltips, e.g. ":00 UTC" for hours. */
  colSuffix?: string;
}

/** Renders the grid; empty cells stay blank. */
export function heatmapChart(data: HeatmapData, o: ChartOptions): RenderedChart {
  const plot = { left: 40, top: 22, right: o.width - 10, bottom: o.height - 22 };
  const cw = (plot.right - plot.left) / data.colLabels.length;
  const ch = (plot.bottom - plot.top) / data.rowLabels.length;
  const lo = min(data.cells, (c) => c.value) ?? 0;
  const hi = max(data.cells, (c) => c.value) ?? 1;
  // Low fees read as the background, high fees as the warning colour; works on both themes.
  const colour = scaleSequential(
    interpolateRgb(
      o.palette.series[0] === "var(--s1)" ? "#9db7f5" : o.palette.series[0],
      o.palette.wash === "var(--wash)" ? "#d92d20" : o.palette.wash,
    ),
  ).domain([lo, hi === lo ? lo + 1 : hi]);
  const points = data.cells.map((c) => ({
    x: plot.left + c.col * cw + cw / 2,
    y: plot.top + c.row * ch + ch / 2,
    lines: [`${data.rowLabels[c.row]} · ${data.colLabels[c.col]}${data.colSuffix ?? ""}`, `${fmt(c.value)} ${data.unit}`],
  }));
  const svg = (
    <ChartFrame width={o.width} height={o.height} title={o.title} kind="heatmap" palette={o.palette}>
      {data.cells.map((c, i) => (
        <rect
          key={`${c.row}-${c.col}`}
          className="cell"
          x={plot.left + c.col * cw + 0.5}
          y={plot.top + c.row * ch + 0.5}
          width={cw - 1}
          height={ch - 1}
          fill={colour(c.value)}
          stroke={o.focusIndex === i ? o.palette.text : "none"}
        />
      ))}
      <g fontSize={10} fill={o.palette.muted}>
        {data.rowLabels.map((l, r) => (
          <text key={l} x={plot.left - 6} y={plot.top + r * ch + ch / 2 + 3} textAnchor="end">
            {l}
          </text>
        ))}
        {data.colLabels.map((l, c) =>
          c % 3 === 0 ? (
            <text key={l} x={plot.left + c * cw + cw / 2} y={plot.bottom + 14} textAnchor="middle">
              {l}
            </text>
          ) : null,
        )}
        <text x={plot.left} y={12}>
          {`${fmt(lo)}–${fmt(hi)} ${data.unit}`}
        </text>
      </g>
    </ChartFrame>
  );
  return { svg, points, invertX: (px) => (px - plot.left) / cw, plot };
}
