/**
 * What the running handlers read: the changes of blocks processed in this batch, then those of the
 * batch whose commit is in flight on the writer thread, then committed entities (cached across
 * batches: every write goes through this indexer, so the cache is kept current by folding each
 * batch's changes in once they are durable). Reorgs and failures drop it all.
 */
import type { StoreReader } from "../process/entity-cache.ts";
import type { Entity, EntityChange, SubgraphStore } from "../store/types.ts";

type Layer = Map<string, Map<string, Entity | null>>;

// Past this many cached entities the cache starts over (only between commits, never with one in flight).
const MAX_CACHED_ENTITIES = 200_000;

export class PendingOverlay implements StoreReader {
  private pending: Layer = new Map();
  private queued: Layer = new Map();
  private readonly committed: Layer = new Map();
  private cachedCount = 0;

  constructor(
    private readonly store: Pick<SubgraphStore, "get" | "getDerived">,
    /** Types written once and seldom read back: not cached (a cache of every row would only burden the GC). */
    private readonly uncached: ReadonlySet<string> = new Set(),
  ) {}

  /** One processed block's changes (not yet committed). */
  apply(changes: EntityChange[]): void {
    for (const c of changes) {
      let m = this.pending.get(c.entityType);
      if (!m) {
        m = new Map();
        this.pending.set(c.entityType, m);
      }
      m.set(c.id, c.kind === "set" ? c.data : null);
    }
  }

  /** This batch was handed to the writer thread: its changes stay visible until `settled`. */
  queue(): void {
    if (this.queued.size > 0) throw new Error("the previous batch's commit has not settled");
    this.queued = this.pending;
    this.pending = new Map();
  }

  /** The queued batch is durable now: fold its changes into the committed cache. */
  settled(): void {
    for (const [type, writes] of this.queued) for (const [id, value] of writes) this.cache(type, id, value);
    this.queued = new Map();
    if (this.cachedCount > MAX_CACHED_ENTITIES) {
      this.committed.clear();
      this.cachedCount = 0;
    }
  }

  /** Forget everything (a failed batch, a reorg): reads go back to the store. */
  clear(): void {
    this.pending = new Map();
    this.queued = new Map();
    this.committed.clear();
    this.cachedCount = 0;
  }

  private cache(type: string, id: string, value: Entity | null): void {
    if (this.uncached.has(type)) return;
    let m = this.committed.get(type);
    if (!m) {
      m = new Map();
      this.committed.set(type, m);
    }
    if (!m.has(id)) this.cachedCount++;
    m.set(id, value);
  }

  get(entityType: string, id: string): Entity | null {
    // Callers convert entities before use and never mutate them: no copy needed.
    const p = this.pending.get(entityType)?.get(id);
    if (p !== undefined) return p;
    const q = this.queued.get(entityType)?.get(id);
    if (q !== undefined) return q;
    let stored = this.committed.get(entityType)?.get(id);
    if (stored === undefined) {
      stored = this.store.get(entityType, id);
      this.cache(entityType, id, stored);
    }
    return stored;
  }

  getDerived(entityType: string, field: string, id: string): Entity[] {
    const queued = this.queued.get(entityType);
    const pending = this.pending.get(entityType);
    const out = this.store.getDerived(entityType, field, id).filter((e) => !pending?.has(String(e.id)) && !queued?.has(String(e.id)));
    const newest = new Map([...(queued ?? []), ...(pending ?? [])]);
    for (const e of newest.values()) {
      if (!e) continue;
      const v = e[field];
      if (v === id || (Array.isArray(v) && v.includes(id))) out.push(e);
    }
    return out;
  }
}
