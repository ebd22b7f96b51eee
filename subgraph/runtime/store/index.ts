/**
 * The persistent subgraph store: SQLite (node:sqlite, WAL) under `dir`, one table per entity type
 * with block-range versions, the block cursor, block hashes and the fatal error in the same file so
 * that one transaction covers a whole batch. Implements the indexer's `SubgraphStore` contract and
 * the query side the GraphQL API uses.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { rollUp } from "./aggregate.ts";
import { parseTsQuery, rankDocuments } from "./fulltext.ts";
import { buildLayout, decodeRow, type TableDef, tableDdl } from "./layout.ts";
import { type EntityQuery, runDerivedBatch, runEntityQuery } from "./query.ts";
import { concreteTypes, parseSubgraphSchema, type SubgraphSchema } from "./schema.ts";
import { Sqlite } from "./sqlite.ts";
import type { BlockInfo, BlockPtr, Entity, EntityChange, EntityValue, SubgraphStore } from "./types.ts";
import { parseScalar, toColumn } from "./values.ts";
import { applyChange, revertTables, StoreWriteError } from "./write.ts";

export { type FixtureData, loadFixture } from "./fixtures.ts";
export type { EntityQuery, Filter, FilterOp } from "./query.ts";
export { StoreQueryError } from "./query.ts";
export type { SubgraphSchema } from "./schema.ts";
export { parseSubgraphSchema } from "./schema.ts";
export { StoreWriteError } from "./write.ts";

/** Raised when the store directory cannot be used (e.g. it holds another schema's data). */
export class StoreOpenError extends Error {
  override name = "StoreOpenError";
}

/** An entity returned by a query, with its concrete type. */
export interface TypedEntity {
  typeName: string;
  entity: Entity;
}

/** The store as the GraphQL API sees it: the indexer contract plus reads at a block. */
export interface QueryableStore extends SubgraphStore {
  readonly schema: SubgraphSchema;
  readonly name: string;
  readonly deploymentId: string;
  /** Entities matching `q`, in order. Throws StoreQueryError for unsupported filters/orders. */
  query(q: EntityQuery): TypedEntity[];
  /**
   * One page of a `@derivedFrom` list for many parents in one query, keyed by `String(parentId)`;
   * null when the field's shape needs one `query` per parent (interface children, list back-refs).
   */
  queryDerivedBatch(q: Omit<EntityQuery, "derived" | "ids">, field: string, parentIds: EntityValue[]): Map<string, TypedEntity[]> | null;
  /** A known block (indexed or only recorded with `recordChainBlocks`) by hash, or null. */
  blockByHash(hash: string): BlockInfo | null;
  /** A known block by number, or null. */
  blockByNumber(number: number): BlockInfo | null;
  /** Record blocks the chain has but the subgraph has not indexed (graph-node's chain store). */
  recordChainBlocks(blocks: BlockInfo[]): void;
}

export interface OpenStoreOptions {
  /** Directory for the store file (created when missing). */
  dir: string;
  /** Subgraph name; the file is `<dir>/<name>.sqlite`. */
  name: string;
  schemaSdl: string;
  deploymentId: string;
}

type BlockRow = { number: bigint; hash: string; parent_hash: string; timestamp: bigint };
const toBlockInfo = (r: BlockRow | undefined): BlockInfo | null =>
  r ? { number: Number(r.number), hash: r.hash, parentHash: r.parent_hash, timestamp: Number(r.timestamp) } : null;

class SqliteSubgraphStore implements QueryableStore {
  readonly schema: SubgraphSchema;
  private readonly tables: Map<string, TableDef>;

  constructor(
    private readonly db: Sqlite,
    schemaSdl: string,
    readonly name: string,
    readonly deploymentId: string,
  ) {
    this.schema = parseSubgraphSchema(schemaSdl);
    this.tables = buildLayout(this.schema);
    db.db.function("hf_bytes_contains", { deterministic: true }, (hay: unknown, needle: unknown) => {
      if (typeof hay !== "string" || typeof needle !== "string") return 0;
      const h = hay.slice(2);
      const n = needle.replace(/^0x/, "").toLowerCase();
      for (let i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + 1)) if (i % 2 === 0) return 1;
      return 0;
    });
    const parsed = new Map<string, ReturnType<typeof parseTsQuery>>();
    db.db.function("hf_fulltext", { deterministic: true, varargs: true }, (text: unknown, english: unknown, ...docs: unknown[]) => {
      const key = `${english}:${String(text)}`;
      let query = parsed.get(key);
      if (!query) {
        query = parseTsQuery(String(text), Number(english) === 1);
        if (parsed.size > 100) parsed.clear();
        parsed.set(key, query);
      }
      return rankDocuments(query, docs, Number(english) === 1);
    });
    db.db.exec("CREATE TABLE IF NOT EXISTS hf_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    db.db.exec(
      "CREATE TABLE IF NOT EXISTS hf_blocks (number INTEGER PRIMARY KEY, hash TEXT NOT NULL, parent_hash TEXT NOT NULL, timestamp INTEGER NOT NULL)",
    );
    db.db.exec("CREATE INDEX IF NOT EXISTS hf_blocks_hash ON hf_blocks (hash)");
    const storedSdl = this.meta("schema");
    if (storedSdl !== null && storedSdl !== schemaSdl) {
      throw new StoreOpenError(
        `the store for subgraph ${name} was created from a different schema.graphql; remove its file or use another --db directory`,
      );
    }
    db.transaction(() => {
      for (const t of this.tables.values()) for (const ddl of tableDdl(t)) db.db.exec(ddl);
      this.setMeta("schema", schemaSdl);
    });
  }

  private meta(key: string): string | null {
    const row = this.db.prepare("SELECT value FROM hf_meta WHERE key = ?").get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  private setMeta(key: string, value: string | null): void {
    if (value === null) this.db.prepare("DELETE FROM hf_meta WHERE key = ?").run(key);
    else
      this.db
        .prepare("INSERT INTO hf_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .run(key, value);
  }

  cursor(): BlockPtr | null {
    const raw = this.meta("cursor");
    return raw ? (JSON.parse(raw) as BlockPtr) : null;
  }

  get(entityType: string, id: string): Entity | null {
    const t = this.tables.get(entityType);
    if (!t || entityType.includes(":")) throw new StoreWriteError(`unknown entity type ${entityType}`);
    const key = t.idKind === "Int8" ? BigInt(id) : (parseScalar(t.idKind, id) as string);
    const row = this.db.prepare(`SELECT * FROM ${t.table} WHERE id = ? AND block_to IS NULL`).get(key);
    return row ? decodeRow(t, row as Record<string, unknown>) : null;
  }

  getDerived(entityType: string, field: string, id: string): Entity[] {
    const out: Entity[] = [];
    for (const entity of concreteTypes(this.schema, entityType)) {
      const t = this.tables.get(entity.name) as TableDef;
      const c = t.columns.get(field);
      if (!c) throw new StoreWriteError(`unknown field ${entityType}.${field}`);
      const key = toColumn(c.kind, false, c.kind === "Int8" ? BigInt(id) : id).value;
      const where = c.field.name === "id" ? "id = ?" : c.field.list ? `? IN (SELECT value FROM json_each(${c.col}))` : `${c.col} = ?`;
      const rows = this.db.prepare(`SELECT * FROM ${t.table} WHERE block_to IS NULL AND ${where} ORDER BY id`).all(key);
      for (const row of rows) out.push(decodeRow(t, row as Record<string, unknown>));
    }
    return out;
  }

  commit(blocks: Array<{ block: BlockInfo; changes: EntityChange[] }>): void {
    if (blocks.length === 0) return;
    this.db.transaction(() => {
      let previous = this.cursor();
      let prevTime = previous ? this.blockByNumber(previous.number)?.timestamp : undefined;
      for (const { block, changes } of blocks) {
        if (previous && block.number <= previous.number)
          throw new StoreWriteError(`block ${block.number} does not follow the cursor at block ${previous.number}`);
        for (const change of changes) applyChange(this.db, this.tables, change, block.number);
        if (prevTime !== undefined) rollUp(this.db, this.schema, this.tables, prevTime, block.timestamp, block.number);
        this.putBlock(block);
        previous = { number: block.number, hash: block.hash };
        prevTime = block.timestamp;
      }
      this.setMeta("cursor", JSON.stringify(previous));
    });
  }

  private putBlock(block: BlockInfo): void {
    this.db
      .prepare(
        "INSERT INTO hf_blocks (number, hash, parent_hash, timestamp) VALUES (?, ?, ?, ?) ON CONFLICT(number) DO UPDATE SET hash = excluded.hash, parent_hash = excluded.parent_hash, timestamp = excluded.timestamp",
      )
      .run(block.number, block.hash.toLowerCase(), block.parentHash.toLowerCase(), block.timestamp);
  }

  blockHash(number: number): string | null {
    const cursor = this.cursor();
    if (!cursor || number > cursor.number) return null;
    return this.blockByNumber(number)?.hash ?? null;
  }

  revertTo(block: BlockPtr): void {
    const cursor = this.cursor();
    if (!cursor || block.number > cursor.number)
      throw new StoreWriteError(`cannot revert to block ${block.number}: the store is at block ${cursor?.number ?? "none"}`);
    this.db.transaction(() => {
      revertTables(this.db, this.tables, block.number);
      this.db.prepare("DELETE FROM hf_blocks WHERE number > ?").run(block.number);
      // A negative block means "before the first block": nothing is indexed any more.
      this.setMeta("cursor", block.number < 0 ? null : JSON.stringify({ number: block.number, hash: block.hash }));
      const fatal = this.fatalError();
      if (fatal && fatal.block.number > block.number) this.setMeta("fatal", null);
    });
  }

  setFatalError(message: string, block: BlockPtr): void {
    this.setMeta("fatal", JSON.stringify({ message, block }));
  }

  fatalError(): { message: string; block: BlockPtr } | null {
    const raw = this.meta("fatal");
    return raw ? (JSON.parse(raw) as { message: string; block: BlockPtr }) : null;
  }

  query(q: EntityQuery): TypedEntity[] {
    return runEntityQuery(this.db, this.schema, this.tables, q).map(({ table, row }) => ({
      typeName: table.typeName,
      entity: decodeRow(table, row),
    }));
  }

  queryDerivedBatch(q: Omit<EntityQuery, "derived" | "ids">, field: string, parentIds: EntityValue[]): Map<string, TypedEntity[]> | null {
    const batch = runDerivedBatch(this.db, this.schema, this.tables, q, field, parentIds);
    if (!batch) return null;
    const out = new Map<string, TypedEntity[]>();
    for (const [key, rows] of batch)
      out.set(
        key,
        rows.map(({ table, row }) => ({ typeName: table.typeName, entity: decodeRow(table, row) })),
      );
    return out;
  }

  blockByHash(hash: string): BlockInfo | null {
    return toBlockInfo(this.db.prepare("SELECT * FROM hf_blocks WHERE hash = ?").get(hash.toLowerCase()) as BlockRow | undefined);
  }

  blockByNumber(number: number): BlockInfo | null {
    return toBlockInfo(this.db.prepare("SELECT * FROM hf_blocks WHERE number = ?").get(number) as BlockRow | undefined);
  }

  recordChainBlocks(blocks: BlockInfo[]): void {
    const cursor = this.cursor();
    this.db.transaction(() => {
      for (const b of blocks) if (!cursor || b.number > cursor.number) this.putBlock(b);
    });
  }

  close(): void {
    this.db.close();
  }
}

/** Open (or create) the store of subgraph `name` under `dir`. */
export function openSqliteStore(options: OpenStoreOptions): QueryableStore {
  mkdirSync(options.dir, { recursive: true });
  const db = new Sqlite(join(options.dir, `${options.name.replace(/[^A-Za-z0-9_.-]/g, "_")}.sqlite`));
  try {
    return new SqliteSubgraphStore(db, options.schemaSdl, options.name, options.deploymentId);
  } catch (error) {
    db.close();
    throw error;
  }
}
