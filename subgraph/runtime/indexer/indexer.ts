/**
 * The indexing loop: fetch a range from the source, check it continues the indexed chain (parent
 * hash; on a mismatch walk back to the common ancestor and `revertTo` it), run every block through
 * the subgraph, and commit the batch's entity changes with the new cursor in one `commit`. A restart
 * resumes from the store's cursor. A deterministic handler failure is recorded and stops indexing.
 */
import type { ChainBlock, Hex } from "../chain/types.ts";
import { TransientError } from "../host/errors.ts";
import type { EthCallRequest } from "../host/state.ts";
import type { Manifest } from "../manifest/manifest.ts";
import type { CreatedDataSource } from "../process/data-sources.ts";
import { type MappingLog, SubgraphRunner } from "../process/runner.ts";
import { type ChainSource, logFilter } from "../sources/source.ts";
import type { BlockInfo, BlockPtr, EntityChange, SubgraphStore } from "../store/types.ts";
import type { DynamicSourceFile } from "./dynamic-sources.ts";
import { PendingOverlay } from "./overlay.ts";
import { Progress, type ProgressSnapshot } from "./progress.ts";

export interface IndexerOptions {
  manifest: Manifest;
  store: SubgraphStore;
  source: ChainSource;
  dynamicSources?: DynamicSourceFile;
  /** Most blocks per batch (one commit each). */
  batchBlocks?: number;
  /** Stop when the source's head is reached instead of following it. */
  once?: boolean;
  pollMs?: number;
  callFetcher?: (request: EthCallRequest) => Promise<Hex | null>;
  onProgress?: (p: ProgressSnapshot) => void;
  progressEveryMs?: number;
  onLog?: (log: MappingLog, where: { block: number; handler: string }) => void;
  onReorg?: (from: BlockPtr, to: BlockPtr) => void;
  signal?: AbortSignal;
  /** How far back a reorg may reach before indexing stops with an error. */
  maxReorgDepth?: number;
}

export type IndexResult =
  | { status: "caught-up" | "stopped"; cursor: BlockPtr | null; events: number }
  | { status: "failed"; cursor: BlockPtr | null; events: number; message: string; block: BlockPtr };

/** The reorg reaches below every block hash the store still knows. */
export class ReorgTooDeepError extends Error {
  override name = "ReorgTooDeepError";
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(t);
      resolve();
    });
  });

const info = (b: ChainBlock): BlockInfo => ({
  number: b.header.number,
  hash: b.header.hash,
  parentHash: b.header.parentHash,
  timestamp: Number(b.header.timestamp),
});

export class Indexer {
  readonly runner: SubgraphRunner;
  private readonly overlay: PendingOverlay;
  private readonly progress: Progress;
  /** The batch committing on the store's writer thread, and the block it ends at. */
  private inFlight: { done: Promise<void>; cursor: BlockPtr | null } | null = null;
  private writerStarted = false;

  constructor(private readonly o: IndexerOptions) {
    const immutable = [...o.manifest.schema.entities.values()].filter((e) => e.immutable).map((e) => e.name);
    this.overlay = new PendingOverlay(o.store, new Set(immutable));
    this.runner = new SubgraphRunner(o.manifest, this.overlay, { callFetcher: o.callFetcher, onLog: o.onLog });
    const cursor = o.store.cursor();
    const saved = o.store.dataSources?.() ?? null;
    // A store that keeps them has them exactly as of its cursor; the side file is for other stores
    // (and for stores written before data sources moved into them).
    const records = saved !== null ? (JSON.parse(saved) as CreatedDataSource[]) : (o.dynamicSources?.load(cursor?.number ?? null) ?? []);
    for (const record of records) this.runner.dataSources.add(record);
    this.progress = new Progress(cursor?.number ?? null);
  }

  async run(): Promise<IndexResult> {
    try {
      return await this.loop();
    } finally {
      // Whatever ends the loop, the batch already handed to the writer becomes durable first.
      await this.settle().catch(() => undefined);
    }
  }

  /** The newest block processed: queued for commit, or committed. */
  private cursor(): BlockPtr | null {
    return this.inFlight ? this.inFlight.cursor : this.o.store.cursor();
  }

  /** Waits for the in-flight commit (rethrowing its error) and folds its changes into the read cache. */
  private async settle(): Promise<void> {
    const flight = this.inFlight;
    if (!flight) return;
    this.inFlight = null;
    try {
      await flight.done;
      this.overlay.settled();
    } catch (error) {
      this.overlay.clear();
      throw error;
    }
  }

  private async loop(): Promise<IndexResult> {
    const { store, source, signal } = this.o;
    const filter = logFilter(this.o.manifest);
    const fatal = store.fatalError();
    if (fatal) return { status: "failed", cursor: store.cursor(), events: 0, ...fatal };
    let lastReport = performance.now();
    let failures = 0;
    let head = 0;
    while (!signal?.aborted) {
      const cursor = this.cursor();
      try {
        head = await source.head();
        if (filter.endBlock !== null) head = Math.min(head, filter.endBlock);
        let next = cursor ? cursor.number + 1 : filter.startBlock;
        // Files hold some blocks only: start at the first one held, jump over gaps (no per-block walk).
        if (source.firstBlockFrom) next = source.firstBlockFrom(next) ?? head + 1;
        if (next > head) {
          // A reorg that does not lengthen the chain shows only as a different hash at the cursor.
          await this.settle();
          if (cursor && !source.finite && (await this.walkBackIfReplaced(cursor))) continue;
          if (this.o.once || source.finite) return { status: "caught-up", cursor: store.cursor(), events: this.progress.totalEvents };
          await sleep(this.o.pollMs ?? 1000, signal);
          continue;
        }
        const to = Math.min(head, next + (this.o.batchBlocks ?? 5000) - 1);
        const { blocks } = await source.fetchRange(next, to);
        if (cursor && (await this.reorged(cursor, blocks))) continue;
        // The writer thread pays off only when another batch follows to overlap its commit.
        const more = to < head;
        if (more) this.startWriter();
        const result = await this.processBatch(blocks, more);
        if (result) return { status: "failed", cursor: store.cursor(), events: this.progress.totalEvents, ...result };
        failures = 0;
      } catch (error) {
        if (error instanceof ReorgTooDeepError || !(error instanceof TransientError || isNetworkError(error))) throw error;
        failures++;
        if (failures > 8) throw error;
        await sleep(Math.min(30_000, 250 * 2 ** failures), signal);
        continue;
      }
      if (this.o.onProgress && performance.now() - lastReport >= (this.o.progressEveryMs ?? 2000)) {
        lastReport = performance.now();
        this.o.onProgress(this.progress.snapshot(this.cursor()?.number ?? 0, head));
      }
    }
    await this.settle();
    return { status: "stopped", cursor: store.cursor(), events: this.progress.totalEvents };
  }

  /** Parent-hash check of the batch against the cursor; on a reorg, reverts to the common ancestor. */
  private async reorged(cursor: BlockPtr, blocks: ChainBlock[]): Promise<boolean> {
    const first = blocks[0];
    const consistent = blocks.every((b, i) => {
      if (b.logs.some((l) => l.blockHash !== b.header.hash)) return false;
      const prev = blocks[i - 1];
      return !prev || prev.header.number + 1 !== b.header.number || b.header.parentHash === prev.header.hash;
    });
    if (!consistent) throw new TransientError("the chain changed while the batch was fetched; fetching it again");
    if (!first || first.header.number !== cursor.number + 1 || first.header.parentHash === cursor.hash) return false;
    await this.walkBack(cursor);
    return true;
  }

  private async walkBackIfReplaced(cursor: BlockPtr): Promise<boolean> {
    const canonical = await this.o.source.header(cursor.number);
    if (canonical && canonical.hash === cursor.hash) return false;
    await this.walkBack(cursor);
    return true;
  }

  /** Finds the newest indexed block still on the chain and reverts the store (and data sources) to it. */
  private async walkBack(cursor: BlockPtr): Promise<void> {
    await this.settle();
    this.overlay.clear();
    const depth = this.o.maxReorgDepth ?? 250;
    for (let n = cursor.number - 1; n >= Math.max(0, cursor.number - depth); n--) {
      const known = this.o.store.blockHash(n);
      if (!known) continue;
      const canonical = await this.o.source.header(n);
      if (canonical?.hash === known) {
        const ancestor = { number: n, hash: known };
        this.runner.dataSources.revertTo(n);
        this.o.store.revertTo(ancestor, this.keepDataSources());
        this.o.onReorg?.(cursor, ancestor);
        return;
      }
    }
    throw new ReorgTooDeepError(
      `block ${cursor.number + 1} does not extend the indexed block ${cursor.number} and no common ancestor was found within ${depth} blocks`,
    );
  }

  /**
   * The template data sources as they are now: returned as JSON for the store's next write when
   * the store keeps them (same transaction as the batch), else written to the side file first.
   */
  private keepDataSources(): string | undefined {
    const records = this.runner.dataSources.records();
    if (this.o.store.dataSources) return JSON.stringify(records);
    this.o.dynamicSources?.save(records);
    return undefined;
  }

  /** Starts the store's writer thread with an empty commit, so its start-up overlaps this batch. */
  private startWriter(): void {
    const store = this.o.store;
    if (this.writerStarted || !store.commitInBackground || this.inFlight) return;
    this.writerStarted = true;
    const warmUp = store.commitInBackground([]);
    warmUp.catch(() => undefined); // awaited in settle()
    this.inFlight = { done: warmUp, cursor: store.cursor() };
  }

  /** `more`: another batch follows at once (commit on the writer thread); else commit here. */
  private async processBatch(blocks: ChainBlock[], more: boolean): Promise<{ message: string; block: BlockPtr } | null> {
    const done: Array<{ block: BlockInfo; changes: EntityChange[] }> = [];
    let created = false;
    let failure: { message: string; block: BlockPtr } | null = null;
    try {
      for (const block of blocks) {
        const outcome = await this.runner.processBlock(block);
        if (!outcome.ok) {
          const f = outcome.failure;
          failure = {
            message: `${f.message} (handler ${f.handler}, data source ${f.dataSource})`,
            block: { number: block.header.number, hash: block.header.hash },
          };
          break;
        }
        this.overlay.apply(outcome.changes);
        done.push({ block: info(block), changes: outcome.changes });
        created ||= outcome.created.length > 0;
        this.progress.totalEvents += outcome.eventsHandled;
      }
    } catch (error) {
      // Nothing of a failed batch is committed; data sources it created are forgotten too.
      await this.settle().catch(() => undefined);
      this.overlay.clear();
      this.runner.dataSources.revertTo(this.o.store.cursor()?.number ?? -1);
      throw error;
    }
    // One batch in flight at a time: the previous one must be durable before this one is queued.
    await this.settle();
    const dataSources = created ? this.keepDataSources() : undefined;
    const last = done.at(-1)?.block;
    if (last && !failure && more && this.o.store.commitInBackground) {
      const committing = this.o.store.commitInBackground(done, dataSources);
      committing.catch(() => undefined); // awaited in settle(); this only marks it handled meanwhile
      this.overlay.queue();
      this.inFlight = { done: committing, cursor: { number: last.number, hash: last.hash } };
      return null;
    }
    if (done.length > 0) this.o.store.commit(done, dataSources);
    this.overlay.queue();
    this.overlay.settled();
    if (failure) {
      this.o.store.setFatalError(failure.message, failure.block);
      this.overlay.clear();
    }
    return failure;
  }
}

function isNetworkError(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|HttpRequestError|TimeoutError|429|rate limit/i.test(text);
}
