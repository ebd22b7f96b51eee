/**
 * The contract between the subgraph runtime's two halves:
 * - the indexer (WASM host, sources, indexing loop) writes through `SubgraphStore`;
 * - the store + GraphQL API (block-range versioned entities, graph-node's query API) implements it.
 *
 * Entity values in JS, by schema type (the store's layout maps them to columns):
 *   ID / String            -> string
 *   Bytes                  -> string, lowercase 0x-hex
 *   Int                    -> number (i32)
 *   Int8, BigInt           -> bigint
 *   Timestamp              -> bigint (microseconds since the epoch, as graph-node)
 *   BigDecimal             -> string, graph-node's normalised decimal text
 *   Boolean                -> boolean
 *   reference to an entity -> the referenced id, typed as that entity's id type
 *   [T]                    -> array of the above
 *   missing/null           -> null
 */

export type EntityValue = string | number | bigint | boolean | null | EntityValue[];
export type Entity = Record<string, EntityValue>;

export interface BlockPtr {
  number: number;
  /** 0x-prefixed 32-byte hash, lowercase. */
  hash: string;
}

export interface BlockInfo extends BlockPtr {
  parentHash: string;
  /** Seconds since the epoch. */
  timestamp: number;
}

/** One entity write within a block: the full entity after graph-node's merge on `store.set`. */
export type EntityChange =
  | { kind: "set"; entityType: string; id: string; data: Entity }
  | { kind: "remove"; entityType: string; id: string };

export interface SubgraphStore {
  /** The last block whose changes are committed, or null before the first. */
  cursor(): BlockPtr | null;
  /** Latest committed version of an entity (what `store.get` sees at the start of a block), or null. */
  get(entityType: string, id: string): Entity | null;
  /** Entities of `entityType` whose `field` references `id` (for `@derivedFrom` / `store.loadRelated`). */
  getDerived(entityType: string, field: string, id: string): Entity[];
  /**
   * Atomically: apply every block's changes (each versioned at its own block number, so queries at a
   * past block see the state as of then) and move the cursor to the last block. Blocks are ascending
   * and each follows the cursor. Either all of it is durable or none of it is.
   */
  commit(blocks: Array<{ block: BlockInfo; changes: EntityChange[] }>, dataSources?: string): void;
  /**
   * Optional pipelined `commit` (same contract, on another thread): durable when the promise
   * resolves; batches commit in call order. While any is in flight, reads see the state before it
   * and the other write methods throw, so callers read through their own overlay and await first.
   */
  commitInBackground?(blocks: Array<{ block: BlockInfo; changes: EntityChange[] }>, dataSources?: string): Promise<void>;
  /**
   * Optional: the data sources created from templates, as last given to `commit`/`revertTo` (opaque
   * JSON, written in the same transaction as the batch that created them), or null if never given.
   * Stores without it leave the indexer to keep them in a side file.
   */
  dataSources?(): string | null;
  /** Hash of an indexed block (kept for recent blocks at least), for reorg detection. */
  blockHash(number: number): string | null;
  /** Undo every change made after `number` and move the cursor back to it (reorg). */
  revertTo(block: BlockPtr, dataSources?: string): void;
  /** Record a deterministic handler failure: `_meta.hasIndexingErrors` turns true; indexing stops. */
  setFatalError(message: string, block: BlockPtr): void;
  fatalError(): { message: string; block: BlockPtr } | null;
  close(): void;
}
