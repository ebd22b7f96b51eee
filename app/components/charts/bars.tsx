/** Stacked daily bars (e.g. clean volume with wash volume on top), or plain bars with one stack. */

import { max, scaleBand, scaleLinear } from "d3";
import { formatShort, ValueAxis } from "./axes";
import { ChartFrame } from "./frame";
import { fmt } from "./line";
import { type ChartOptions, MARGIN, type RenderedChart } from "./types";

export interface BarData {
  /** Category labels along x (e.g. days "2026-03-02", or score ranges). */
  labels: string[];
  stacks: { name: string; values: number[]; color: "clean" | "wash" | "series" }[];
  unit: string;
}

/** Renders `data` as stacked bars. */
export function barChart(data: BarData, o: ChartOptions): RenderedChart {
  const plot = { left: MARGIN.left, top: MARGIN.top, right: o.width - MARGIN.right, bottom: o.height - MARGIN.bottom };
  const totals = data.labels.map((_, i) => data.stacks.reduce((s, st) => s + (st.values[i] ?? 0), 0));
  const x = scaleBand<number>()
    .domain(data.labels.map((_, i) => i))
    .range([plot.left, plot.right])
    .padding(0.15);
  const y = scaleLinear()
    .domain([0, max(totals) || 1])
    .range([plot.bottom, plot.top])
    .nice();
  const colour = (c: BarData["stacks"][number]["color"], i: number) =>
    c === "series" ? o.palette.series[i % o.palette.series.length] : o.palette[c];
  const every = Math.max(1, Math.ceil(data.labels.length / Math.max(2, Math.floor(o.width / 90))));
  const points = data.labels.map((label, i) => ({
    x: (x(i) ?? 0) + x.bandwidth() / 2,
    y: y(totals[i]),
    lines: [label, ...data.stacks.map((s) => `${s.name}: ${fmt(s.values[i] ?? 0)} ${data.unit}`)],
  }));
  const focus = o.focusIndex !== undefined ? o.focusIndex : -1;
  const svg = (
    <ChartFrame width={o.width} height={o.height} title={o.title} kind="bars" palette={o.palette}>
      <ValueAxis y={y} left={plot.left} right={plot.right} palette={o.palette} format={formatShort} />
      <text x={plot.left - 44} y={14} fontSize={11} fill={o.palette.muted}>
        {data.unit}
      </text>
      {data.labels.map((label, i) => {
        let acc = 0;
        return (
          <g key={label} className="bar" opacity={focus === -1 || focus === i ? 1 : 0.55}>
            {data.stacks.map((s, si) => {
              const v = s.values[i] ?? 0;
              const y0 = y(acc);
              acc += v;
              return (
                <rect key={s.name} x={x(i)} width={x.bandwidth()} y={y(acc)} height={Math.max(0, y0 - y(acc))} fill={colour(s.color, si)} />
              );
            })}
          </g>
        );
      })}
      <g fontSize={11} fill={o.palette.muted}>
        {data.labels.map((label, i) =>
          i % every === 0 ? (
            <text key={label} x={(x(i) ?? 0) + x.bandwidth() / 2} y={plot.bottom + 16} textAnchor="middle">
              {label.length > 10 ? label.slice(5) : label}
            </text>
          ) : null,
        )}
      </g>
      <g className="legend" fontSize={11} fill={o.palette.text}>
        {data.stacks.map((s, i) => (
          <g key={s.name} transform={`translate(${plot.left + i * 110},12)`}>
            <rect width={10} height={10} y={-9} fill={colour(s.color, i)} />
            <text x={14}>{s.name}</text>
          </g>
        ))}
      </g>
    </ChartFrame>
  );
  return {
    svg,
    points,
    invertX: (px) =>
      Math.max(
        0,
        Math.min(data.labels.length - 1, Math.floor((px - plot.left) / ((plot.right - plot.left) / Math.max(1, data.labels.length)))),
      ),
    plot,
  };
}
