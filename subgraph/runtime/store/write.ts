/**
 * Writing entity versions: a `set` at block B closes the open version (block_to = B) and opens a
 * new one from B; a write to the same entity within B replaces B's version; `remove` closes it.
 * Immutable entities are written once and never closed (graph-host-spec §5.1.7, §5.4).
 */
import { encodeRow, type TableDef } from "./layout.ts";
import type { Sqlite } from "./sqlite.ts";
import type { Entity, EntityChange } from "./types.ts";
import { parseScalar } from "./values.ts";

/** Raised when a write breaks graph-node's store rules (unknown type, immutable rewrite, bad id). */
export class StoreWriteError extends Error {
  override name = "StoreWriteError";
}

function idParam(t: TableDef, id: string): string | bigint {
  if (t.idKind === "Int8") {
    if (!/^-?\d+$/.test(id)) throw new StoreWriteError(`${t.typeName} id must be an Int8 decimal string, got ${JSON.stringify(id)}`);
    return BigInt(id);
  }
  try {
    return parseScalar(t.idKind, id) as string;
  } catch (error) {
    throw new StoreWriteError(`${t.typeName} id: ${(error as Error).message}`);
  }
}

function openVersion(db: Sqlite, t: TableDef, id: string | bigint): { vid: bigint; blockFrom: number } | null {
  const row = db.prepare(`SELECT vid, block_from FROM ${t.table} WHERE id = ? AND block_to IS NULL`).get(id) as
    | { vid: bigint; block_from: bigint }
    | undefined;
  return row ? { vid: row.vid, blockFrom: Number(row.block_from) } : null;
}

function insertVersion(db: Sqlite, t: TableDef, data: Entity, block: number): void {
  const { names, values } = encodeRow(t, data);
  const placeholders = names.map(() => "?").join(", ");
  db.prepare(`INSERT INTO ${t.table} (block_from, block_to, ${names.join(", ")}) VALUES (?, NULL, ${placeholders})`).run(block, ...values);
}

/** Apply one entity change at `block`. */
export function applyChange(db: Sqlite, tables: Map<string, TableDef>, change: EntityChange, block: number): void {
  const t = tables.get(change.entityType);
  if (!t || change.entityType.includes(":"))
    throw new StoreWriteError(`Cannot set entity of type ${change.entityType}: not an @entity type of schema.graphql`);
  const id = idParam(t, change.id);
  const current = openVersion(db, t, id);
  if (t.entity.immutable && current && current.blockFrom !== block && t.entity.skipDuplicates) return;
  if (t.entity.immutable && current && current.blockFrom !== block) {
    throw new StoreWriteError(
      `entity ${t.typeName}[${change.id}] is immutable; ${change.kind === "set" ? `inserting it at block ${block}` : `removing it at block ${block}`} is not possible as it was already inserted at block ${current.blockFrom}`,
    );
  }
  if (current) {
    if (current.blockFrom === block) db.prepare(`DELETE FROM ${t.table} WHERE vid = ?`).run(current.vid);
    else db.prepare(`UPDATE ${t.table} SET block_to = ? WHERE vid = ?`).run(block, current.vid);
  }
  if (change.kind === "set") {
    const dataId = change.data.id;
    if (dataId !== undefined && dataId !== null && String(dataId) !== change.id) {
      throw new StoreWriteError(
        `Value of ${t.typeName} attribute 'id' conflicts with ID passed to \`store.set()\`: ${String(dataId)} != ${change.id}`,
      );
    }
    const data: Entity = { ...change.data, id };
    insertVersion(db, t, data, block);
  }
}

/** Undo every version written after `block` in every table. */
export function revertTables(db: Sqlite, tables: Map<string, TableDef>, block: number): void {
  for (const t of tables.values()) {
    db.prepare(`DELETE FROM ${t.table} WHERE block_from > ?`).run(block);
    db.prepare(`UPDATE ${t.table} SET block_to = NULL WHERE block_to > ?`).run(block);
  }
}
