/**
 * Time series chart: one or more lines (gaps where a value is null), an optional band (e.g. the
 * interquartile range around the floors) and a legend. Used for floors, base fee, payback curves.
 */

import { area, extent, line, max, min, scaleLinear, scaleUtc, utcFormat } from "d3";
import { formatShort, TimeAxis, ValueAxis } from "./axes";
import { ChartFrame } from "./frame";
import { type ChartOptions, MARGIN, type RenderedChart } from "./types";

export interface LineSeries {
  name: string;
  values: (number | null)[];
}

export interface LineData {
  /** UTC instants, ms since epoch, ascending; one per value index. */
  timesMs: number[];
  series: LineSeries[];
  band?: { name: string; low: (number | null)[]; high: (number | null)[] };
  /** Unit shown in tooltips and the axis caption, e.g. "ETH", "gwei". */
  unit: string;
}

const tooltipTime = utcFormat("%Y-%m-%d %H:%M UTC");

/** Renders `data` as an SVG line chart. */
export function lineChart(data: LineData, o: ChartOptions): RenderedChart {
  const plot = { left: MARGIN.left, top: MARGIN.top, right: o.width - MARGIN.right, bottom: o.height - MARGIN.bottom };
  const full = extent(data.timesMs) as [number, number] | [undefined, undefined];
  const domain: [number, number] = o.xDomain ?? (full[0] === undefined ? [0, 1] : [full[0], full[1] === full[0] ? full[0] + 1 : full[1]]);
  const visible = data.timesMs.map((t) => t >= domain[0] && t <= domain[1]);
  const all = [...data.series.flatMap((s) => s.values), ...(data.band ? [...data.band.low, ...data.band.high] : [])].filter(
    (v, i): v is number => v !== null && Number.isFinite(v) && visible[i % data.timesMs.length],
  );
  const lo = min(all) ?? 0;
  const hi = max(all) ?? 1;
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.1 || 1;
  const x = scaleUtc().domain(domain).range([plot.left, plot.right]);
  const y = scaleLinear()
    // Prices never go below zero; net positions (payback curves) do.
    .domain([lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi + pad])
    .range([plot.bottom, plot.top])
    .nice();
  const idx = data.timesMs.map((_, i) => i).filter((i) => visible[i]);
  const path = (values: (number | null)[]) =>
    line<number>()
      .defined((i) => values[i] !== null && Number.isFinite(values[i] as number))
      .x((i) => x(data.timesMs[i]))
      .y((i) => y(values[i] as number))(idx) ?? "";
  const band = data.band;
  const bandPath = band
    ? (area<number>()
        .defined((i) => band.low[i] !== null && band.high[i] !== null)
        .x((i) => x(data.timesMs[i]))
        .y0((i) => y(band.low[i] as number))
        .y1((i) => y(band.high[i] as number))(idx) ?? "")
    : "";
  const points = idx.map((i) => {
    const first = data.series.find((s) => s.values[i] !== null);
    const v = first?.values[i];
    return {
      x: x(data.timesMs[i]),
      y: v === null || v === undefined ? plot.bottom : y(v),
      lines: [
        tooltipTime(new Date(data.timesMs[i])),
        ...data.series.map((s) => `${s.name}: ${s.values[i] === null ? "—" : `${fmt(s.values[i] as number)} ${data.unit}`}`),
        ...(band && band.low[i] !== null
          ? [`${band.name}: ${fmt(band.low[i] as number)}–${fmt(band.high[i] as number)} ${data.unit}`]
          : []),
      ],
    };
  });
  const focus = o.focusIndex !== undefined ? points[o.focusIndex] : undefined;
  const svg = (
    <ChartFrame width={o.width} height={o.height} title={o.title} kind="line" palette={o.palette}>
      <ValueAxis y={y} left={plot.left} right={plot.right} palette={o.palette} format={formatShort} />
      <TimeAxis x={x} y={plot.bottom} palette={o.palette} ticks={Math.max(2, Math.floor(o.width / 110))} />
      <text x={plot.left - 44} y={14} fontSize={11} fill={o.palette.muted}>
        {data.unit}
      </text>
      <g clipPath="none">
        {band ? <path d={bandPath} fill={o.palette.band} stroke="none" className="band" /> : null}
        {data.series.map((s, i) => (
          <path
            key={s.name}
            d={path(s.values)}
            fill="none"
            stroke={o.palette.series[i % o.palette.series.length]}
            strokeWidth={2}
            className="series"
          />
        ))}
      </g>
      <g className="legend" fontSize={11} fill={o.palette.text}>
        {[...data.series.map((s) => s.name), ...(band ? [band.name] : [])].map((name, i) => (
          <g key={name} transform={`translate(${plot.left + i * Math.max(90, (plot.right - plot.left) / (data.series.length + 1))},12)`}>
            <rect
              width={10}
              height={10}
              y={-9}
              fill={i < data.series.length ? o.palette.series[i % o.palette.series.length] : o.palette.band}
            />
            <text x={14}>{name}</text>
          </g>
        ))}
      </g>
      {focus ? (
        <g className="focus" pointerEvents="none">
          <line x1={focus.x} x2={focus.x} y1={plot.top} y2={plot.bottom} stroke={o.palette.muted} strokeDasharray="3 3" />
          <circle cx={focus.x} cy={focus.y} r={4} fill={o.palette.series[0]} stroke={o.palette.background} strokeWidth={2} />
        </g>
      ) : null}
    </ChartFrame>
  );
  return { svg, points, invertX: (px) => x.invert(px).getTime(), plot };
}

/** Values in tooltips: enough digits for floors in ETH and fees in gwei. */
// One formatter for all calls: toLocaleString builds a new Intl formatter every time (slow in SSR loops).
const WHOLE = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function fmt(v: number): string {
  const a = Math.abs(v);
  if (a >= 1000) return WHOLE.format(v);
  if (a >= 1) return v.toFixed(3);
  return v.toPrecision(3);
}
