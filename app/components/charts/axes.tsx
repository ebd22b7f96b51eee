import type { ScaleLinear, ScaleTime } from "d3";
import type { Palette } from "./palette";

/** Bottom time axis with UTC tick labels. */
export function TimeAxis({ x, y, palette, ticks = 6 }: { x: ScaleTime<number, number>; y: number; palette: Palette; ticks?: number }) {
  const format = x.tickFormat(ticks);
  return (
    <g className="axis axis-x" transform={`translate(0,${y})`} fontSize={11} fill={palette.muted}>
      {x.ticks(ticks).map((t) => (
        <text key={t.getTime()} x={x(t)} y={16} textAnchor="middle">
          {format(t)}
        </text>
      ))}
    </g>
  );
}

/** Left value axis with horizontal grid lines. */
export function ValueAxis({
  y,
  left,
  right,
  palette,
  format,
  ticks = 5,
}: {
  y: ScaleLinear<number, number>;
  left: number;
  right: number;
  palette: Palette;
  format: (v: number) => string;
  ticks?: number;
}) {
  return (
    <g className="axis axis-y" fontSize={11} fill={palette.muted}>
      {y.ticks(ticks).map((t) => (
        <g key={t}>
          <line x1={left} x2={right} y1={y(t)} y2={y(t)} stroke={palette.grid} />
          <text x={left - 6} y={y(t) + 4} textAnchor="end">
            {format(t)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** Short numbers for axes: 1.2k, 0.035, 12. */
export function formatShort(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${(v / 1e3).toFixed(1)}k`;
  if (a >= 10 || a === 0) return v.toFixed(0);
  if (a >= 1) return v.toFixed(1);
  return v.toPrecision(2);
}
