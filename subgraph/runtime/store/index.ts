/**
 * The persistent subgraph store: SQLite (node:sqlite, WAL) under `dir`, one table per entity type
 * with block-range versions, the block cursor, block hashes and the fatal error in the same file so
 * that one transaction covers a whole batch. Implements the indexer's `SubgraphStore` contract and
 * the query side the GraphQL API uses.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { BackgroundWriter, canWriteInBackground } from "./background-writer.ts";
import { parseTsQuery, rankDocuments } from "./fulltext.ts";
import { IdFilter } from "./id-filter.ts";
import { buildLayout, decodeRow, type TableDef, tableDdl } from "./layout.ts";
import { type EntityQuery, runDerivedBatch, runEntityQuery } from "./query.ts";
import { concreteTypes, parseSubgraphSchema, type SubgraphSchema } from "./schema.ts";
import { Sqlite } from "./sqlite.ts";
import type { BlockInfo, BlockPtr, Entity, EntityValue, SubgraphStore } from "./types.ts";
import { toColumn } from "./values.ts";
import { idParam, StoreWriteError } from "./write.ts";
import { type CommitBatch, StoreWriter, toBlockInfo } from "./writer.ts";

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
  /** Always available here: commits on the store's writer thread (falls back to inline on Nodes without type stripping). */
  commitInBackground(blocks: CommitBatch, dataSources?: string): Promise<void>;
  dataSources(): string | null;
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

type BlockRow = Parameters<typeof toBlockInfo>[0];

class SqliteSubgraphStore implements QueryableStore {
  readonly schema: SubgraphSchema;
  private readonly tables: Map<string, TableDef>;
  private readonly writer: StoreWriter;
  private background: BackgroundWriter | null = null;
  /** Per immutable table, a filter of its ids (built on first use, kept current by every commit). */
  private readonly idFilters = new Map<TableDef, IdFilter>();
  /** Entity writes made on this connection (revert, synchronous commit): the writer thread's cache must not outlive them. */
  private ownWrites = 0;

  constructor(
    private readonly db: Sqlite,
    schemaSdl: string,
    readonly name: string,
    readonly deploymentId: string,
    private readonly file: string,
  ) {
    this.schema = parseSubgraphSchema(schemaSdl);
    this.tables = buildLayout(this.schema);
    this.writer = new StoreWriter(db, this.schema, this.tables);
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
    return this.writer.meta(key);
  }

  private setMeta(key: string, value: string | null): void {
    this.assertNoBackgroundCommit();
    this.writer.setMeta(key, value);
  }

  cursor(): BlockPtr | null {
    return this.writer.cursor();
  }

  get(entityType: string, id: string): Entity | null {
    const t = this.tables.get(entityType);
    if (!t || entityType.includes(":")) throw new StoreWriteError(`unknown entity type ${entityType}`);
    if (t.entity.immutable && !this.mayHold(t, id)) return null;
    return this.writer.versions.latest(t, id);
  }

  /** For an immutable table: false when the id is certainly not stored. */
  private mayHold(t: TableDef, id: string): boolean {
    let filter = this.idFilters.get(t);
    if (!filter) {
      // A scan sees only durable rows: build it when no background commit is in flight.
      if (this.background && this.background.inFlight > 0) return true;
      const rows = this.db.prepare(`SELECT id FROM ${t.table}`).all() as Array<{ id: unknown }>;
      filter = new IdFilter(rows.length);
      for (const row of rows) filter.add(String(row.id));
      this.idFilters.set(t, filter);
    }
    return filter.mayHold(String(idParam(t, id)));
  }

  /** Adds the ids a batch sets to the filters, before the batch is written. */
  private noteIds(blocks: CommitBatch): void {
    if (this.idFilters.size === 0) return;
    for (const { changes } of blocks)
      for (const c of changes) {
        const t = c.kind === "set" ? this.tables.get(c.entityType) : undefined;
        const filter = t && this.idFilters.get(t);
        if (!t || !filter) continue;
        try {
          filter.add(String(idParam(t, c.id)));
        } catch {
          // A bad id: the writer rejects the batch with the reason.
        }
      }
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

  commit(blocks: CommitBatch, dataSources?: string): void {
    this.assertNoBackgroundCommit();
    this.noteIds(blocks);
    this.ownWrites++;
    this.writer.commit(blocks, dataSources);
  }

  commitInBackground(blocks: CommitBatch, dataSources?: string): Promise<void> {
    if (!canWriteInBackground()) return Promise.resolve(this.commit(blocks, dataSources));
    this.noteIds(blocks);
    this.background ??= new BackgroundWriter(this.file, this.schema.sdl);
    // The thread's connection wrote behind this connection's version cache: drop it once durable.
    return this.background.commit(blocks, dataSources, this.ownWrites).finally(() => this.writer.versions.forget());
  }

  private assertNoBackgroundCommit(): void {
    if (this.background && this.background.inFlight > 0)
      throw new StoreWriteError("a background commit is still in flight; await it before writing to the store");
  }

  blockHash(number: number): string | null {
    const cursor = this.cursor();
    if (!cursor || number > cursor.number) return null;
    return this.blockByNumber(number)?.hash ?? null;
  }

  revertTo(block: BlockPtr, dataSources?: string): void {
    this.assertNoBackgroundCommit();
    this.ownWrites++;
    this.writer.revertTo(block, dataSources);
  }

  dataSources(): string | null {
    return this.meta("datasources");
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
    return this.writer.blockByNumber(number);
  }

  recordChainBlocks(blocks: BlockInfo[]): void {
    const cursor = this.cursor();
    this.db.transaction(() => {
      for (const b of blocks) if (!cursor || b.number > cursor.number) this.writer.putBlock(b);
    });
  }

  close(): void {
    void this.background?.close();
    this.db.close();
  }
}

/** Open (or create) the store of subgraph `name` under `dir`. */
export function openSqliteStore(options: OpenStoreOptions): QueryableStore {
  mkdirSync(options.dir, { recursive: true });
  const file = join(options.dir, `${options.name.replace(/[^A-Za-z0-9_.-]/g, "_")}.sqlite`);
  const db = new Sqlite(file);
  try {
    return new SqliteSubgraphStore(db, options.schemaSdl, options.name, options.deploymentId, file);
  } catch (error) {
    db.close();
    throw error;
  }
}
