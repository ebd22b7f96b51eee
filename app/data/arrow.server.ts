/**
 * Arrow IPC extracts of the warehouse views for the in-browser SQL console (duckdb-wasm cannot
 * load its Parquet extension offline, so data moves as Arrow). Only named views are served, each
 * capped in rows; wei amounts stay decimal text so nothing loses precision.
 */
import { tableFromJSON, tableToIPC } from "apache-arrow";
import type { Warehouse } from "../../analytics/db";
import { relationNames } from "./warehouse.server";

/** Views (and raw tables) the console loads, in the order it loads them. */
export const CONSOLE_RELATIONS = [
  "collections",
  "sales_clean",
  "floor_daily",
  "rarity_openrarity",
  "gas_blocks",
  "blocks",
  "price_points",
] as const;
export type ConsoleRelation = (typeof CONSOLE_RELATIONS)[number];

/** Rows per extract: enough for the devnet; a browser tab is not a warehouse. */
export const MAX_EXTRACT_ROWS = 200_000;

/** Which console relations this warehouse has. */
export async function availableConsoleRelations(warehouse: Warehouse): Promise<ConsoleRelation[]> {
  const names = await relationNames(warehouse);
  const macros = await warehouse.all<{ name: string }>(
    "SELECT function_name AS name FROM duckdb_functions() WHERE function_type = 'table_macro'",
  );
  const all = new Set([...names, ...macros.map((m) => m.name)]);
  return CONSOLE_RELATIONS.filter((r) => all.has(r));
}

/** The relation as an Arrow IPC stream (HUGEINT/DECIMAL/TIMESTAMP as text, other numbers as doubles). */
export async function relationToArrowIpc({
  warehouse,
  relation,
}: {
  warehouse: Warehouse;
  relation: ConsoleRelation;
}): Promise<Uint8Array> {
  // `relation` is one of CONSOLE_RELATIONS (checked by the caller's schema), never user text.
  const rows = await warehouse.all(`SELECT * FROM ${relation} LIMIT ${MAX_EXTRACT_ROWS}`);
  const normalised = rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) out[k] = typeof v === "bigint" ? v.toString() : v;
    return out;
  });
  return tableToIPC(tableFromJSON(normalised.length ? normalised : [{ empty: null }]), "stream");
}
