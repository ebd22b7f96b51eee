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

const macroMemo = new WeakMap<Warehouse, Map<string, Promise<boolean>>>();

/**
 * True when a macro (or function) called `name` is defined. duckdb_functions() lists every
 * built-in too (~30 ms a call), and macros only appear when a warehouse is opened (applySchema), so
 * the answer is kept per warehouse instance.
 */
export function hasMacro(warehouse: Warehouse, name: string): Promise<boolean> {
  let byName = macroMemo.get(warehouse);
  if (!byName) {
    byName = new Map();
    macroMemo.set(warehouse, byName);
  }
  const known = byName.get(name);
  if (known) return known;
  const answer = warehouse
    .all<{ n: number }>("SELECT CAST(count(*) AS INTEGER) AS n FROM duckdb_functions() WHERE function_name = $name", { name })
    .then(([r]) => (r?.n ?? 0) > 0);
  byName.set(name, answer);
  answer.catch(() => byName.delete(name));
  return answer;
}

const relationMemo = new WeakMap<Warehouse, Map<string, Promise<boolean>>>();

/**
 * True when a table or view called `name` exists. Model tables are created when a writable
 * warehouse is opened (applySchema), so the answer is kept per warehouse instance.
 */
export function hasRelation(warehouse: Warehouse, name: string): Promise<boolean> {
  let byName = relationMemo.get(warehouse);
  if (!byName) {
    byName = new Map();
    relationMemo.set(warehouse, byName);
  }
  const known = byName.get(name);
  if (known) return known;
  const answer = warehouse
    .all<{ n: number }>("SELECT CAST(count(*) AS INTEGER) AS n FROM information_schema.tables WHERE table_name = $name", { name })
    .then(([r]) => (r?.n ?? 0) > 0);
  byName.set(name, answer);
  answer.catch(() => byName.delete(name));
  return answer;
}
