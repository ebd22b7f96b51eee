/**
 * Chart rows → CSV and Parquet downloads. Parquet goes through an in-memory DuckDB (native, with
 * Parquet built in): rows are loaded from a temp CSV and written with the methodology version in
 * the file's key/value metadata. E1's analytics/export.ts exports whole views; this exports what a
 * chart shows.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChartRows } from "../lib/chart-specs";

/** Bumped whenever a chart's numbers would change for the same raw data. */
export const METHODOLOGY_VERSION = "hashfloor-app-v1";

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = Array.isArray(v) ? v.join(";") : String(v);
  // Quote anything with separators, and defuse spreadsheet formulas (=, +, -, @ at the start).
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV with a header row (columns from the first row). */
export function toCsv(rows: ChartRows): string {
  if (rows.length === 0) return "\n";
  const cols = Object.keys(rows[0]);
  return `${[cols.join(","), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(","))].join("\n")}\n`;
}

/** Parquet bytes of `rows`. */
export async function toParquet(rows: ChartRows): Promise<Buffer> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const dir = mkdtempSync(join(tmpdir(), "hashfloor-export-"));
  try {
    const csv = join(dir, "rows.csv");
    const out = join(dir, "rows.parquet");
    writeFileSync(csv, toCsv(rows));
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    try {
      // Paths are our own temp files (no user input); COPY takes no bound parameters for them.
      await con.run(
        `COPY (SELECT * FROM read_csv('${csv}', header = true, auto_detect = true)) TO '${out}'
         (FORMAT parquet, KV_METADATA { methodology: '${METHODOLOGY_VERSION}' })`,
      );
    } finally {
      con.closeSync();
      db.closeSync();
    }
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
