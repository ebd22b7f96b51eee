/**
 * Sales scatter: each sale a dot at (time, price); a sale that trips any *enabled* wash rule is
 * drawn as a red cross and its tooltip names the rules and why. Toggling a rule re-renders.
 */

import { extent, max, scaleLinear, scaleUtc, utcFormat } from "d3";
import { formatShort, TimeAxis, ValueAxis } from "./axes";
import { ChartFrame } from "./frame";
import { fmt } from "./line";
import { type ChartOptions, MARGIN, type RenderedChart } from "./types";

export interface ScatterPoint {
  timeMs: number;
  value: number;
  label: string;
  /** Keys of the wash rules this sale trips. */
  rules: string[];
}

export interface ScatterData {
  points: ScatterPoint[];
  unit: string;
  /** Rule key → the reason shown on hover. */
  reasons: Record<string, string>;
}

const tooltipTime = utcFormat("%Y-%m-%d %H:%M UTC");

/** Renders the scatter; `enabledRules` decides which rules mark a sale as wash. */
export function scatterChart(data: ScatterData, o: ChartOptions & { enabledRules: ReadonlySet<string> }): RenderedChart {
  const plot = { left: MARGIN.left, top: MARGIN.top, right: o.width - MARGIN.right, bottom: o.height - MARGIN.bottom };
  const full = extent(data.points, (p) => p.timeMs) as [number, number] | [undefined, undefined];
  const domain: [number, number] = o.xDomain ?? (full[0] === undefined ? [0, 1] : [full[0], full[1] === full[0] ? full[0] + 1 : full[1]]);
  const shown = data.points.filter((p) => p.timeMs >= domain[0] && p.timeMs <= domain[1]);
  const x = scaleUtc().domain(domain).range([plot.left, plot.right]);
  const y = scaleLinear()
    .domain([0, (max(shown, (p) => p.value) ?? 1) * 1.08 || 1])
    .range([plot.bottom, plot.top])
    .nice();
  const marked = shown.map((p) => p.rules.filter((r) => o.enabledRules.has(r)));
  const points = shown.map((p, i) => ({
    x: x(p.timeMs),
    y: y(p.value),
    lines: [
      `${p.label} · ${fmt(p.value)} ${data.unit}`,
      tooltipTime(new Date(p.timeMs)),
      ...(marked[i].length ? marked[i].map((r) => `wash: ${data.reasons[r] ?? r}`) : ["clean sale"]),
    ],
  }));
  const washCount = marked.filter((m) => m.length > 0).length;
  const svg = (
    <ChartFrame
      width={o.width}
      height={o.height}
      title={o.title}
      kind="scatter"
      palette={o.palette}
      data={{ "data-wash-count": washCount }}
    >
      <ValueAxis y={y} left={plot.left} right={plot.right} palette={o.palette} format={formatShort} />
      <TimeAxis x={x} y={plot.bottom} palette={o.palette} ticks={Math.max(2, Math.floor(o.width / 110))} />
      <text x={plot.left - 44} y={14} fontSize={11} fill={o.palette.muted}>
        {data.unit}
      </text>
      <g className="marks">
        {points.map((p, i) =>
          marked[i].length ? (
            <path
              key={shown[i].label + shown[i].timeMs}
              className="sale sale-wash"
              d={`M${p.x - 3.5},${p.y - 3.5}l7,7m0,-7l-7,7`}
              stroke={o.palette.wash}
              strokeWidth={1.8}
            />
          ) : (
            <circle
              key={shown[i].label + shown[i].timeMs}
              className="sale sale-clean"
              cx={p.x}
              cy={p.y}
              r={2.6}
              fill={o.palette.clean}
              fillOpacity={0.7}
            />
          ),
        )}
      </g>
      <g className="legend" fontSize={11} fill={o.palette.text}>
        <circle cx={plot.left + 5} cy={8} r={4} fill={o.palette.clean} />
        <text x={plot.left + 14} y={12}>
          clean ({shown.length - washCount})
        </text>
        <path d={`M${plot.left + 111},4l8,8m0,-8l-8,8`} stroke={o.palette.wash} strokeWidth={2} />
        <text x={plot.left + 124} y={12}>
          wash ({washCount})
        </text>
      </g>
      {o.focusIndex !== undefined && points[o.focusIndex] ? (
        <circle
          className="focus"
          cx={points[o.focusIndex].x}
          cy={points[o.focusIndex].y}
          r={6}
          fill="none"
          stroke={o.palette.text}
          strokeWidth={1.5}
        />
      ) : null}
    </ChartFrame>
  );
  return { svg, points, invertX: (px) => x.invert(px).getTime(), plot };
}
