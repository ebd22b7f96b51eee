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

const memo = new WeakMap<Warehouse, Map<string, Promise<boolean>>>();

/** A yes/no about the warehouse's catalogue, asked once per warehouse instance (a failed ask is retried). */
function askOnce(warehouse: Warehouse, key: string, ask: () => Promise<boolean>): Promise<boolean> {
  let byKey = memo.get(warehouse);
  if (!byKey) {
    byKey = new Map();
    memo.set(warehouse, byKey);
  }
  const known = byKey.get(key);
  if (known) return known;
  const answer = ask();
  byKey.set(key, answer);
  answer.catch(() => byKey.delete(key));
  return answer;
}

/**
 * True when a macro (or function) called `name` is defined. duckdb_functions() lists every
 * built-in too (~30 ms a call), and macros only appear when a warehouse is opened (applySchema), so
 * the answer is kept per warehouse instance.
 */
export function hasMacro(warehouse: Warehouse, name: string): Promise<boolean> {
  return askOnce(warehouse, `macro:${name}`, () =>
    warehouse
      .all<{ n: number }>("SELECT CAST(count(*) AS INTEGER) AS n FROM duckdb_functions() WHERE function_name = $name", { name })
      .then(([r]) => (r?.n ?? 0) > 0),
  );
}

/**
 * True when a table or view called `name` exists. Model tables are created when a writable
 * warehouse is opened (applySchema), so the answer is kept per warehouse instance.
 */
export function hasRelation(warehouse: Warehouse, name: string): Promise<boolean> {
  return askOnce(warehouse, `relation:${name}`, () =>
    warehouse
      .all<{ n: number }>("SELECT CAST(count(*) AS INTEGER) AS n FROM information_schema.tables WHERE table_name = $name", { name })
      .then(([r]) => (r?.n ?? 0) > 0),
  );
}
