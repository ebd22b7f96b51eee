/**
 * A valuation waterfall as an SVG chart: one row per step (floor, base, each trait premium), a bar
 * from the value before the step to the value after it on one ETH scale, rising steps in the series
 * colour and falling ones in the warning colour; the row's label on the left, its value on the right.
 */
import { max, scaleBand, scaleLinear } from "d3";
import { formatShort } from "./axes";
import { ChartFrame } from "./frame";
import { fmt } from "./line";
import { type ChartOptions, MARGIN, type RenderedChart } from "./types";

export interface WaterfallData {
  steps: { label: string; valueBeforeEth: number; valueAfterEth: number; deltaEth: number }[];
  unit: string;
}

/** Room for step labels such as "Background: Gold" left of the bars, and the value right of them. */
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 64;

export function waterfallChart(data: WaterfallData, o: ChartOptions): RenderedChart {
  const labelWidth = Math.min(LABEL_WIDTH, Math.floor(o.width * 0.35));
  const plot = { left: labelWidth, top: MARGIN.top, right: o.width - VALUE_WIDTH, bottom: o.height - MARGIN.bottom };
  const top = max(data.steps, (s) => Math.max(s.valueBeforeEth, s.valueAfterEth)) ?? 0;
  const x = scaleLinear()
    .domain([0, top > 0 ? top : 1])
    .range([plot.left, plot.right])
    .nice();
  const y = scaleBand<number>()
    .domain(data.steps.map((_, i) => i))
    .range([plot.top, plot.bottom])
    .padding(0.25);
  const focus = o.focusIndex ?? -1;
  const sign = (d: number) => (Math.abs(d) < 1e-12 ? "±0" : `${d >= 0 ? "+" : "−"}${fmt(Math.abs(d))}`);
  const points = data.steps.map((s, i) => ({
    x: x(Math.max(s.valueBeforeEth, s.valueAfterEth)),
    y: (y(i) ?? 0) + y.bandwidth() / 2,
    lines: [s.label, `${sign(s.deltaEth)} ${data.unit}`, `→ ${fmt(s.valueAfterEth)} ${data.unit}`],
  }));
  const maxChars = Math.max(6, Math.floor(labelWidth / 6.5));
  const svg = (
    <ChartFrame width={o.width} height={o.height} title={o.title} kind="waterfall" palette={o.palette}>
      <g className="axis axis-x" fontSize={11} fill={o.palette.muted}>
        {x.ticks(4).map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={plot.top} y2={plot.bottom} stroke={o.palette.grid} />
            <text x={x(t)} y={plot.bottom + 16} textAnchor="middle">
              {formatShort(t)}
            </text>
          </g>
        ))}
        <text x={plot.right} y={14} textAnchor="end">
          {data.unit}
        </text>
      </g>
      {data.steps.map((s, i) => {
        const lo = Math.min(s.valueBeforeEth, s.valueAfterEth);
        const hi = Math.max(s.valueBeforeEth, s.valueAfterEth);
        const rowY = y(i) ?? 0;
        const mid = rowY + y.bandwidth() / 2 + 4;
        return (
          <g key={s.label} className="step" opacity={focus === -1 || focus === i ? 1 : 0.55}>
            <text x={plot.left - 8} y={mid} textAnchor="end" fontSize={11} fill={o.palette.text}>
              {s.label.length > maxChars ? `${s.label.slice(0, maxChars - 1)}…` : s.label}
            </text>
            <rect
              x={x(lo)}
              width={Math.max(2, x(hi) - x(lo))}
              y={rowY}
              height={y.bandwidth()}
              fill={s.deltaEth >= 0 ? o.palette.series[0] : o.palette.wash}
            />
            {i > 0 ? (
              // The connector from the previous step's end: where this step starts.
              <line
                x1={x(s.valueBeforeEth)}
                x2={x(s.valueBeforeEth)}
                y1={rowY - y.step() * y.padding()}
                y2={rowY}
                stroke={o.palette.muted}
              />
            ) : null}
            <text x={plot.right + 6} y={mid} fontSize={11} fill={o.palette.muted}>
              {fmt(s.valueAfterEth)}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
  return {
    svg,
    points,
    invertX: (px) => x.invert(px),
    plot,
  };
}
