/**
 * Writing entity versions: a `set` at block B closes the open version (block_to = B) and opens a
 * new one from B; a write to the same entity within B replaces B's version; `remove` closes it.
 * Immutable entities are written once and never closed (graph-host-spec §5.1.7, §5.4).
 *
 * `EntityVersions` keeps a write-through cache of each entity's open version (its vid, block_from
 * and decoded value), as graph-node's writable store keeps recent entities: an indexer updates the
 * same entities block after block, and without it every write would first SELECT the open version
 * and every `store.get` would read and decode it again. The cache only ever holds what SQLite
 * holds; the store calls `forget()` whenever a transaction rolls back or a revert deletes versions.
 */
import { decodeRow, encodeRow, type TableDef } from "./layout.ts";
import type { Sqlite } from "./sqlite.ts";
import type { Entity, EntityChange } from "./types.ts";
import { parseScalar } from "./values.ts";

/** Raised when a write breaks graph-node's store rules (unknown type, immutable rewrite, bad id). */
export class StoreWriteError extends Error {
  override name = "StoreWriteError";
}

type IdKey = string | bigint;
/** An entity's open version; null = no open version (never written, or removed). */
type Open = { vid: bigint; blockFrom: number; entity: Entity } | null;

const SQLITE_CONSTRAINT_UNIQUE = 2067;

// Enough for every token of a large collection; past it the cache starts over (SQLite still has all).
const MAX_CACHED_ENTITIES = 250_000;

interface TableSql {
  selectOpen: string;
  insert: string;
  deleteVid: string;
  closeVid: string;
}

export function idParam(t: TableDef, id: string): IdKey {
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

function tableSql(t: TableDef): TableSql {
  const { names } = encodeRow(t, {});
  return {
    selectOpen: `SELECT * FROM ${t.table} WHERE id = ? AND block_to IS NULL`,
    insert: `INSERT INTO ${t.table} (block_from, block_to, ${names.join(", ")}) VALUES (?, NULL, ${names.map(() => "?").join(", ")})`,
    deleteVid: `DELETE FROM ${t.table} WHERE vid = ?`,
    closeVid: `UPDATE ${t.table} SET block_to = ? WHERE vid = ?`,
  };
}

/** The row SQLite would return for encoded column values, so cached entities decode exactly as read ones. */
function rowOf(names: string[], values: unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    row[name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name] = values[i];
  }
  return row;
}

export class EntityVersions {
  private readonly sql = new Map<TableDef, TableSql>();
  private readonly open = new Map<TableDef, Map<IdKey, Open>>();
  private cached = 0;
  private readonly db: Sqlite;
  private readonly tables: Map<string, TableDef>;

  constructor(db: Sqlite, tables: Map<string, TableDef>) {
    this.db = db;
    this.tables = tables;
    for (const t of tables.values()) {
      this.sql.set(t, tableSql(t));
      this.open.set(t, new Map());
    }
  }

  /** The table of an entity type the mappings may write (not an aggregation's `Name:interval`). */
  table(entityType: string): TableDef {
    const t = this.tables.get(entityType);
    if (!t || entityType.includes(":"))
      throw new StoreWriteError(`Cannot set entity of type ${entityType}: not an @entity type of schema.graphql`);
    return t;
  }

  /** The latest committed value of an entity, or null. */
  latest(t: TableDef, id: string): Entity | null {
    return this.openVersion(t, idParam(t, id))?.entity ?? null;
  }

  private openVersion(t: TableDef, id: IdKey): Open {
    const byId = this.open.get(t) as Map<IdKey, Open>;
    const hit = byId.get(id);
    if (hit !== undefined) return hit;
    const row = this.db.prepare((this.sql.get(t) as TableSql).selectOpen).get(id) as Record<string, unknown> | undefined;
    const found: Open = row ? { vid: row.vid as bigint, blockFrom: Number(row.block_from), entity: decodeRow(t, row) } : null;
    // Immutable entities are written once and seldom read back: caching them would only cost memory.
    if (!t.entity.immutable) this.remember(byId, id, found);
    return found;
  }

  private remember(byId: Map<IdKey, Open>, id: IdKey, value: Open): void {
    if (!byId.has(id)) {
      if (this.cached >= MAX_CACHED_ENTITIES) this.forget();
      this.cached++;
    }
    byId.set(id, value);
  }

  /** Drop every cached version (after a rollback or a revert). */
  forget(): void {
    for (const byId of this.open.values()) byId.clear();
    this.cached = 0;
  }

  /** Apply one entity change at `block`. */
  apply(change: EntityChange, block: number): void {
    const t = this.table(change.entityType);
    const sql = this.sql.get(t) as TableSql;
    const id = idParam(t, change.id);
    if (change.kind === "set") {
      const dataId = change.data.id;
      if (dataId !== undefined && dataId !== null && String(dataId) !== change.id) {
        throw new StoreWriteError(
          `Value of ${t.typeName} attribute 'id' conflicts with ID passed to \`store.set()\`: ${String(dataId)} != ${change.id}`,
        );
      }
    }
    // A new immutable entity (the common case) is one INSERT; the unique id index reports a rewrite.
    if (t.entity.immutable && change.kind === "set" && this.tryInsertImmutable(t, sql, id, change.data, block)) return;
    const current = this.openVersion(t, id);
    if (t.entity.immutable && current && current.blockFrom !== block) {
      if (t.entity.skipDuplicates) return;
      throw new StoreWriteError(
        `entity ${t.typeName}[${change.id}] is immutable; ${change.kind === "set" ? `inserting it at block ${block}` : `removing it at block ${block}`} is not possible as it was already inserted at block ${current.blockFrom}`,
      );
    }
    if (current) {
      if (current.blockFrom === block) this.db.prepare(sql.deleteVid).run(current.vid);
      else this.db.prepare(sql.closeVid).run(block, current.vid);
    }
    const byId = this.open.get(t) as Map<IdKey, Open>;
    if (change.kind === "remove") {
      if (!t.entity.immutable) this.remember(byId, id, null);
      return;
    }
    const { names, values } = encodeRow(t, { ...change.data, id });
    const { lastInsertRowid } = this.db.prepare(sql.insert).run(block, ...values);
    if (!t.entity.immutable)
      this.remember(byId, id, { vid: BigInt(lastInsertRowid), blockFrom: block, entity: decodeRow(t, rowOf(names, values)) });
  }

  /** Inserts a new immutable entity; false when its id is taken (the caller then looks at why). */
  private tryInsertImmutable(t: TableDef, sql: TableSql, id: IdKey, data: Entity, block: number): boolean {
    try {
      this.db.prepare(sql.insert).run(block, ...encodeRow(t, { ...data, id }).values);
      return true;
    } catch (error) {
      if ((error as { errcode?: number }).errcode === SQLITE_CONSTRAINT_UNIQUE) return false;
      throw error;
    }
  }

  /** Undo every version written after `block` in every table. */
  revert(block: number): void {
    this.forget();
    for (const t of this.tables.values()) {
      this.db.prepare(`DELETE FROM ${t.table} WHERE block_from > ?`).run(block);
      this.db.prepare(`UPDATE ${t.table} SET block_to = NULL WHERE block_to > ?`).run(block);
    }
  }
}
