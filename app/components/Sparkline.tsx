/** A tiny floor sparkline for table rows (d3 line, no axes); accessible through its label. */
import { extent, line, scaleLinear } from "d3";

export function Sparkline({
  values,
  label,
  width = 120,
  height = 28,
}: {
  values: number[];
  label: string;
  width?: number;
  height?: number;
}) {
  if (values.length < 2) return <span className="muted">—</span>;
  const [lo, hi] = extent(values) as [number, number];
  const x = scaleLinear()
    .domain([0, values.length - 1])
    .range([1, width - 1]);
  const y = scaleLinear()
    .domain([lo, hi === lo ? lo + 1 : hi])
    .range([height - 2, 2]);
  const d = line<number>()
    .x((_, i) => x(i))
    .y((v) => y(v))(values);
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <path d={d ?? ""} fill="none" stroke="var(--s1)" strokeWidth={1.5} />
    </svg>
  );
}
