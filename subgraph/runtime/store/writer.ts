/**
 * The write side of the SQLite store: entity versions, block hashes, the cursor and the fatal error,
 * always changed together in one transaction. It runs on the store's own connection for synchronous
 * writes, and on a second connection in a worker thread for pipelined commits (writer-worker.ts),
 * so this module's imports must stay loadable by plain Node (erasable TypeScript only).
 */
import { rollUp } from "./aggregate.ts";
import type { TableDef } from "./layout.ts";
import type { SubgraphSchema } from "./schema.ts";
import type { Sqlite } from "./sqlite.ts";
import type { BlockInfo, BlockPtr, EntityChange } from "./types.ts";
import { EntityVersions, StoreWriteError } from "./write.ts";

export type CommitBatch = Array<{ block: BlockInfo; changes: EntityChange[] }>;

type BlockRow = { number: bigint; hash: string; parent_hash: string; timestamp: bigint };
export const toBlockInfo = (r: BlockRow | undefined): BlockInfo | null =>
  r ? { number: Number(r.number), hash: r.hash, parentHash: r.parent_hash, timestamp: Number(r.timestamp) } : null;

export class StoreWriter {
  readonly versions: EntityVersions;
  private readonly db: Sqlite;
  private readonly schema: SubgraphSchema;
  private readonly tables: Map<string, TableDef>;

  constructor(db: Sqlite, schema: SubgraphSchema, tables: Map<string, TableDef>) {
    this.db = db;
    this.schema = schema;
    this.tables = tables;
    this.versions = new EntityVersions(db, tables);
  }

  meta(key: string): string | null {
    const row = this.db.prepare("SELECT value FROM hf_meta WHERE key = ?").get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string | null): void {
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

  blockByNumber(number: number): BlockInfo | null {
    return toBlockInfo(this.db.prepare("SELECT * FROM hf_blocks WHERE number = ?").get(number) as BlockRow | undefined);
  }

  putBlock(block: BlockInfo): void {
    this.db
      .prepare(
        "INSERT INTO hf_blocks (number, hash, parent_hash, timestamp) VALUES (?, ?, ?, ?) ON CONFLICT(number) DO UPDATE SET hash = excluded.hash, parent_hash = excluded.parent_hash, timestamp = excluded.timestamp",
      )
      .run(block.number, block.hash.toLowerCase(), block.parentHash.toLowerCase(), block.timestamp);
  }

  /**
   * Every block's changes, versioned at its own number, the cursor and (when given) the template
   * data sources: all durable or none.
   */
  commit(blocks: CommitBatch, dataSources?: string): void {
    if (blocks.length === 0) return;
    this.inTransaction(() => {
      let previous = this.cursor();
      let prevTime = previous ? this.blockByNumber(previous.number)?.timestamp : undefined;
      for (const { block, changes } of blocks) {
        if (previous && block.number <= previous.number)
          throw new StoreWriteError(`block ${block.number} does not follow the cursor at block ${previous.number}`);
        for (const change of changes) this.versions.apply(change, block.number);
        if (prevTime !== undefined) rollUp(this.db, this.schema, this.tables, prevTime, block.timestamp, block.number);
        this.putBlock(block);
        previous = { number: block.number, hash: block.hash };
        prevTime = block.timestamp;
      }
      this.setMeta("cursor", JSON.stringify(previous));
      if (dataSources !== undefined) this.setMeta("datasources", dataSources);
    });
  }

  revertTo(block: BlockPtr, dataSources?: string): void {
    const cursor = this.cursor();
    if (!cursor || block.number > cursor.number)
      throw new StoreWriteError(`cannot revert to block ${block.number}: the store is at block ${cursor?.number ?? "none"}`);
    this.inTransaction(() => {
      this.versions.revert(block.number);
      this.db.prepare("DELETE FROM hf_blocks WHERE number > ?").run(block.number);
      // A negative block means "before the first block": nothing is indexed any more.
      this.setMeta("cursor", block.number < 0 ? null : JSON.stringify({ number: block.number, hash: block.hash }));
      const fatal = this.meta("fatal");
      if (fatal && (JSON.parse(fatal) as { block: BlockPtr }).block.number > block.number) this.setMeta("fatal", null);
      if (dataSources !== undefined) this.setMeta("datasources", dataSources);
    });
  }

  /** A transaction whose rollback also empties the version cache, which may hold its writes. */
  inTransaction(fn: () => void): void {
    try {
      this.db.transaction(fn);
    } catch (error) {
      this.versions.forget();
      throw error;
    }
  }
}
