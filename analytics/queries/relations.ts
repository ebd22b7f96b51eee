/**
 * What the warehouse holds right now, so reads can use a model view or macro once it has landed
 * and fall back to raw-table SQL before (a warehouse synced by an older build lacks some).
 */
import type { Warehouse } from "../db.ts";

/** Names of the tables and views present. */
export async function relationNames(warehouse: Warehouse): Promise<Set<string>> {
  const rows = await warehouse.all<{ name: string }>("SELECT table_name AS name FROM information_schema.tables");
  return new Set(rows.map((r) => r.name));
}

/** True when a macro (or function) called `name` is defined. */
export async function hasMacro(warehouse: Warehouse, name: string): Promise<boolean> {
  const [r] = await warehouse.all<{ n: number }>(
    "SELECT CAST(count(*) AS INTEGER) AS n FROM duckdb_functions() WHERE function_name = $name",
    { name },
  );
  return (r?.n ?? 0) > 0;
}
