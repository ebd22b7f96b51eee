/**
 * Reads through the changes of blocks processed in this batch but not yet committed, so block N+1
 * sees block N's writes before the batch commits atomically.
 */
import type { StoreReader } from "../process/entity-cache.ts";
import type { Entity, EntityChange, SubgraphStore } from "../store/types.ts";

export class PendingOverlay implements StoreReader {
  private readonly pending = new Map<string, Map<string, Entity | null>>();
  /** Committed entities read during this batch (the store does not change until the batch commits). */
  private readonly committed = new Map<string, Entity | null>();

  constructor(private readonly store: Pick<SubgraphStore, "get" | "getDerived">) {}

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

  clear(): void {
    this.pending.clear();
    this.committed.clear();
  }

  get(entityType: string, id: string): Entity | null {
    const p = this.pending.get(entityType)?.get(id);
    // Callers convert entities before use and never mutate them: no copy needed.
    if (p !== undefined) return p;
    const key = `${entityType}\u0000${id}`;
    let stored = this.committed.get(key);
    if (stored === undefined) {
      stored = this.store.get(entityType, id);
      if (this.committed.size > 200_000) this.committed.clear();
      this.committed.set(key, stored);
    }
    return stored;
  }

  getDerived(entityType: string, field: string, id: string): Entity[] {
    const pending = this.pending.get(entityType);
    const out = this.store.getDerived(entityType, field, id).filter((e) => !pending?.has(String(e.id)));
    for (const e of pending?.values() ?? []) {
      if (!e) continue;
      const v = e[field];
      if (v === id || (Array.isArray(v) && v.includes(id))) out.push(e);
    }
    return out;
  }
}
