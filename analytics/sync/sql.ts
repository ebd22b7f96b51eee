/**
 * Read-only SQL over the warehouse for `hashfloor sql`: the file is opened in DuckDB's READ_ONLY
 * access mode, so a writing statement fails inside DuckDB and the warehouse cannot change. READ_ONLY
 * still lets `COPY … TO 'file'` write anywhere the user can, so external access is switched off (and
 * the setting locked) before the user's SQL runs: the command reads the warehouse and nothing else.
 */
import { openWarehouse, type Row } from "../db.ts";

export class ReadOnlySqlError extends Error {
  override name = "ReadOnlySqlError";
}

export interface SqlResult {
  rows: Row[];
  /** The rows as an aligned text table. */
  table: string;
}

function formatTable(rows: Row[]): string {
  if (!rows.length) return "(no rows)";
  const columns = Object.keys(rows[0]);
  const text = (v: unknown) => (v === null || v === undefined ? "NULL" : typeof v === "object" ? JSON.stringify(v) : String(v));
  const body = rows.map((r) => columns.map((c) => text(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [
    line(columns),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...body.map(line),
    `(${rows.length} row${rows.length === 1 ? "" : "s"})`,
  ].join("\n");
}

/** Runs `sql` on the warehouse at `dbPath`, read-only; throws ReadOnlySqlError with DuckDB's reason. */
export async function runReadOnlySql({ dbPath, sql }: { dbPath: string; sql: string }): Promise<SqlResult> {
  const warehouse = await openWarehouse({ path: dbPath, readOnly: true }).catch((error: Error) => {
    // e.g. another process (a running sync or dashboard) holds the file's write lock.
    throw new ReadOnlySqlError(`cannot open ${dbPath}: ${error.message.split("\n")[0]}`);
  });
  try {
    await warehouse.run("SET enable_external_access = false; SET lock_configuration = true;");
    const rows = await warehouse.all(sql);
    return { rows, table: formatTable(rows) };
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0];
    if (/file system operations are disabled|external access is disabled|configuration has been locked|lock_configuration/i.test(reason)) {
      throw new ReadOnlySqlError(`hashfloor sql reads the warehouse only: files and settings are off limits (${reason})`);
    }
    if (/read-only mode|read only/i.test(reason)) {
      throw new ReadOnlySqlError(`hashfloor sql is read-only: the warehouse refused to change (${reason}); it is unchanged`);
    }
    throw new ReadOnlySqlError(`query failed: ${reason}`);
  } finally {
    warehouse.close();
  }
}
