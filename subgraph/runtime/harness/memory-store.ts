/**
 * An in-memory `SubgraphStore`: latest entity state plus an undo log per block, so `revertTo`
 * works as in the SQLite store. For the mapping test harness and for runtime tests.
 */
const copy = (e: Entity): Entity => {
  const out: Entity = {};
  for (const key in e) {
    const v = e[key];
    out[key] = Array.isArray(v) ? [...v] : v;
  }
  return out;
};

import type { BlockInfo, BlockPtr, Entity, EntityChange, SubgraphStore } from "../store/types.ts";

type Undo = Array<{ entityType: string; id: string; before: Entity | null }>;

export class MemoryStore implements SubgraphStore {
  private readonly entities = new Map<string, Map<string, Entity>>();
  private readonly hashes = new Map<number, string>();
  private readonly undo = new Map<number, Undo>();
  private head: BlockPtr | null = null;
  private fatal: { message: string; block: BlockPtr } | null = null;
  /** How many times commit was called (tests use it to check batching). */
  commits = 0;

  /** `allowRepeatedBlocks`: the harness may process several fixtures from the same block number. */
  constructor(private readonly options: { allowRepeatedBlocks?: boolean } = {}) {}

  cursor(): BlockPtr | null {
    return this.head;
  }

  get(entityType: string, id: string): Entity | null {
    const e = this.entities.get(entityType)?.get(id);
    return e ? copy(e) : null;
  }

  getDerived(entityType: string, field: string, id: string): Entity[] {
    const out: Entity[] = [];
    for (const e of this.entities.get(entityType)?.values() ?? []) {
      const v = e[field];
      if (v === id || (Array.isArray(v) && v.includes(id))) out.push(copy(e));
    }
    return out;
  }

  /** Every entity of a type, sorted by id. */
  all(entityType: string): Entity[] {
    return [...(this.entities.get(entityType)?.entries() ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => copy(e));
  }

  entityTypes(): string[] {
    return [...this.entities.keys()].sort();
  }

  commit(blocks: Array<{ block: BlockInfo; changes: EntityChange[] }>): void {
    this.commits++;
    for (const { block, changes } of blocks) {
      if (this.head && block.number <= this.head.number && !this.options.allowRepeatedBlocks)
        throw new Error(`commit of block ${block.number} does not follow the cursor ${this.head.number}`);
      const undo: Undo = [];
      for (const change of changes) {
        let table = this.entities.get(change.entityType);
        if (!table) {
          table = new Map();
          this.entities.set(change.entityType, table);
        }
        undo.push({ entityType: change.entityType, id: change.id, before: table.get(change.id) ?? null });
        if (change.kind === "set") table.set(change.id, copy(change.data));
        else table.delete(change.id);
      }
      this.undo.set(block.number, [...(this.undo.get(block.number) ?? []), ...undo]);
      this.hashes.set(block.number, block.hash);
      this.head = { number: block.number, hash: block.hash };
    }
  }

  blockHash(number: number): string | null {
    return this.hashes.get(number) ?? null;
  }

  revertTo(block: BlockPtr): void {
    const numbers = [...this.undo.keys()].filter((n) => n > block.number).sort((a, b) => b - a);
    for (const n of numbers) {
      for (const { entityType, id, before } of [...(this.undo.get(n) ?? [])].reverse()) {
        const table = this.entities.get(entityType) as Map<string, Entity>;
        if (before === null) table.delete(id);
        else table.set(id, before);
      }
      this.undo.delete(n);
      this.hashes.delete(n);
    }
    this.head = block.number < 0 ? null : { number: block.number, hash: block.hash };
    if (this.fatal && this.fatal.block.number > block.number) this.fatal = null;
  }

  setFatalError(message: string, block: BlockPtr): void {
    this.fatal = { message, block };
  }

  fatalError(): { message: string; block: BlockPtr } | null {
    return this.fatal;
  }

  close(): void {}
}
