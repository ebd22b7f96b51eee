/**
 * Benchmark helpers: time a piece of work and report peak RSS beside it. Benchmarks print figures;
 * they never fail on time (timed tests are flaky on a shared 2-core machine).
 */
import { performance } from "node:perf_hooks";

export interface Measurement {
  label: string;
  ms: number;
  peakRssMb: number;
  extra?: Record<string, string | number>;
}

/** Runs `work` once after `warmup` unmeasured runs; returns wall time and the process's peak RSS so far. */
export async function measure<T>(label: string, work: () => Promise<T> | T, { warmup = 0 } = {}): Promise<Measurement & { result: T }> {
  for (let i = 0; i < warmup; i++) await work();
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  // process.resourceUsage().maxRSS is in kilobytes and covers the whole process lifetime.
  return { label, ms, peakRssMb: process.resourceUsage().maxRSS / 1024, result };
}

/** Prints rows as an aligned table: label, time, peak RSS, then any extra columns. */
export function report(title: string, rows: Measurement[]): void {
  console.log(`\n## ${title}`);
  const extraKeys = [...new Set(rows.flatMap((r) => Object.keys(r.extra ?? {})))];
  const header = ["what", "time", "peak RSS", ...extraKeys];
  const body = rows.map((r) => [
    r.label,
    r.ms >= 1000 ? `${(r.ms / 1000).toFixed(2)} s` : `${r.ms.toFixed(1)} ms`,
    // A peer measured in another process (e.g. Ponder) has no RSS we can read: say so, not "NaN".
    Number.isFinite(r.peakRssMb) ? `${r.peakRssMb.toFixed(0)} MB` : "n/a",
    ...extraKeys.map((k) => String(r.extra?.[k] ?? "")),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of body) console.log(line(row));
}
