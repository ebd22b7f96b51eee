/**
 * Exports any warehouse view (or table) to CSV or Parquet, stamped with the methodology version:
 * in the Parquet file's key-value metadata, and in the file name for CSV (which has no metadata).
 */
import { mkdirSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import type { Warehouse } from "./db.ts";
import { floorMethodologyVersion } from "./floors/refresh.ts";
import { valuationMethodologyVersion } from "./nft/valuation.ts";

/** The version of the SQL models as a whole; bump it when a view's meaning changes. */
export const modelsMethodologyVersion = "models-2026.11-1";
/** One string naming every method version an export depends on. */
export const methodologyVersion = `${modelsMethodologyVersion}+${floorMethodologyVersion}+${valuationMethodologyVersion}`;

export type ExportFormat = "csv" | "parquet";

export class ExportError extends Error {
  override name = "ExportError";
}

/** SQL string literal: COPY … TO takes no bound parameters, so quote the path ourselves. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The CSV file name with the methodology version in it (unchanged when it already carries it). */
export function versionedCsvPath(file: string): string {
  if (basename(file).includes(methodologyVersion)) return file;
  const ext = extname(file) || ".csv";
  return join(dirname(file), `${basename(file, extname(file))}.${methodologyVersion}${ext}`);
}

/**
 * Writes `view` to `file`. Returns the path written (CSV paths gain the version), the row count
 * and the version. Throws ExportError for an unknown view.
 */
export async function exportView({
  warehouse,
  view,
  format,
  file,
}: {
  warehouse: Warehouse;
  view: string;
  format: ExportFormat;
  file: string;
}): Promise<{ file: string; rows: number; methodologyVersion: string }> {
  const [found] = await warehouse.all<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' AND table_name = $1",
    [view],
  );
  if (!found) throw new ExportError(`no view or table named "${view}" in the warehouse; e.g. collection_stats, floor_daily, gas_blocks`);
  const relation = `"${found.name.replaceAll('"', '""')}"`;
  const target = format === "csv" ? versionedCsvPath(file) : file;
  mkdirSync(dirname(target), { recursive: true });
  const options =
    format === "parquet"
      ? `FORMAT parquet, KV_METADATA {methodology_version: ${literal(methodologyVersion)}, view: ${literal(found.name)}}`
      : "FORMAT csv, HEADER true";
  await warehouse.run(`COPY (SELECT * FROM ${relation}) TO ${literal(target)} (${options})`);
  const [{ n }] = await warehouse.all<{ n: string }>(`SELECT count(*) AS n FROM ${relation}`);
  return { file: target, rows: Number(n), methodologyVersion };
}
