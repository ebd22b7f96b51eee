/**
 * Loading fixture entity versions (graph-node's test data, or a test's own) into a store through
 * the ordinary commit path, so fixtures exercise the same versioning, rollups and cursor.
 */
import type { QueryableStore } from "./index.ts";
import type { BlockInfo, Entity, EntityChange } from "./types.ts";
import { parseFieldValue, ValueError, valueKindOf } from "./values.ts";

/** Fixture data in graph-node's JSON serialisation (big numbers, Int8, Timestamp and Bytes as text). */
export interface FixtureData {
  blocks: BlockInfo[];
  /** The last indexed block; later `blocks` are only recorded as known to the chain. */
  subgraphHead: number;
  entities: Record<string, Array<{ block: number; op: "set" | "remove"; data: Record<string, unknown> }>>;
}

/** Commit the fixture's blocks up to its head, one block at a time, and record the later ones. */
export function loadFixture(store: QueryableStore, fixture: FixtureData): void {
  const byBlock = new Map<number, EntityChange[]>();
  for (const [entityType, versions] of Object.entries(fixture.entities)) {
    const entity = store.schema.entities.get(entityType);
    if (!entity) throw new ValueError(`fixture entity type ${entityType} is not in the schema`);
    for (const version of versions) {
      const id = String(version.data.id);
      let change: EntityChange;
      if (version.op === "remove") change = { kind: "remove", entityType, id };
      else {
        const data: Entity = {};
        for (const field of entity.stored) {
          if (!(field.name in version.data)) continue;
          try {
            data[field.name] = parseFieldValue(valueKindOf(store.schema, field), field.list, version.data[field.name]);
          } catch (error) {
            throw new ValueError(`fixture ${entityType}[${id}].${field.name}: ${(error as Error).message}`);
          }
        }
        change = { kind: "set", entityType, id, data };
      }
      const list = byBlock.get(version.block) ?? [];
      list.push(change);
      byBlock.set(version.block, list);
    }
  }
  const ordered = [...fixture.blocks].sort((a, b) => a.number - b.number);
  const start = store.cursor()?.number ?? -1;
  const toCommit = ordered.filter((b) => b.number > start && b.number <= fixture.subgraphHead);
  // One batch: each block is still versioned (and rolled up) at its own number.
  store.commit(toCommit.map((block) => ({ block, changes: byBlock.get(block.number) ?? [] })));
  store.recordChainBlocks(ordered.filter((b) => b.number > fixture.subgraphHead));
}
