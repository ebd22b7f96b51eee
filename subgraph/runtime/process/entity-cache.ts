/**
 * One block's entity state, as graph-node's `EntityCache`: a block layer plus a layer for the
 * handler now running, so a failed handler's writes can be dropped. `store.set` merges into the
 * current entity (null removes a field), validates the result against the schema, and enforces
 * immutability. At the end of the block, `changes()` yields the full entities to commit.
 */
import { DeterministicError } from "../host/errors.ts";
import { StoreKind, type TaggedValue } from "../host/values.ts";
import type { EntityType, SubgraphSchema } from "../schema/schema.ts";
import { checkId, entityToTagged, toEntityValue, validateEntity } from "../schema/validate.ts";
import type { Entity, EntityChange, SubgraphStore } from "../store/types.ts";

/** An entity as AS-tagged values by field name. */
export type TaggedEntity = Map<string, TaggedValue>;

/** null = removed in this block. */
type Layer = Map<string, Map<string, TaggedEntity | null>>;

/** The read side of `SubgraphStore` the cache needs. */
export type StoreReader = Pick<SubgraphStore, "get" | "getDerived">;

export class EntityCache {
  private readonly block: Layer = new Map();
  private handler: Layer = new Map();
  private readonly reads = new Map<string, TaggedEntity | null>();

  constructor(
    private readonly store: StoreReader,
    private readonly schema: SubgraphSchema,
    /** apiVersion >= 0.0.8: setting fields that are not in the schema is an error. */
    private readonly strictFields: boolean,
  ) {}

  entityType(name: string): EntityType {
    const type = this.schema.entities.get(name);
    if (!type)
      throw new DeterministicError(
        `Cannot set entity of type \`${name}\`: unknown entity type (not an @entity object type in schema.graphql)`,
      );
    return type;
  }

  private key(type: EntityType, id: string): string {
    return type.idType === "Bytes" ? id.toLowerCase() : id;
  }

  private lookupLayers(typeName: string, id: string): TaggedEntity | null | undefined {
    const h = this.handler.get(typeName)?.get(id);
    if (h !== undefined) return h;
    return this.block.get(typeName)?.get(id);
  }

  /** Committed state, read once per block (callers copy before changing it). */
  private fromStore(type: EntityType, id: string): TaggedEntity | null {
    const key = `${type.name}\u0000${id}`;
    const cached = this.reads.get(key);
    if (cached !== undefined) return cached;
    const stored = this.store.get(type.name, id);
    const tagged = stored ? new Map(entityToTagged(this.schema, type, stored)) : null;
    this.reads.set(key, tagged);
    return tagged;
  }

  /** `store.get`: this handler's writes, then the block's, then committed state. */
  get(typeName: string, rawId: string): TaggedEntity | null {
    const type = this.entityType(typeName);
    const id = this.key(type, rawId);
    const layered = this.lookupLayers(typeName, id);
    if (layered !== undefined) return layered;
    return this.fromStore(type, id);
  }

  /** `store.get_in_block`: only what this block wrote. */
  getInBlock(typeName: string, rawId: string): TaggedEntity | null {
    const type = this.entityType(typeName);
    return this.lookupLayers(typeName, this.key(type, rawId)) ?? null;
  }

  private write(typeName: string, id: string, value: TaggedEntity | null): void {
    let m = this.handler.get(typeName);
    if (!m) {
      m = new Map();
      this.handler.set(typeName, m);
    }
    m.set(id, value);
  }

  /** `store.set`: merge, validate, respect immutability. */
  set(typeName: string, rawId: string, update: TaggedEntity): void {
    const type = this.entityType(typeName);
    checkId(type, rawId, update);
    const id = this.key(type, rawId);
    const inBlock = this.lookupLayers(typeName, id);
    const base = inBlock !== undefined ? inBlock : this.fromStore(type, id);
    if (type.immutable && inBlock === undefined && base !== null) {
      if (type.skipDuplicates) return;
      throw new DeterministicError(`entity ${typeName}[${id}] is immutable; inserting it again in a later block is not possible`);
    }
    // The update (nulls included, so validation sees them) over the current entity's other fields.
    const checked = new Map(update);
    if (base) for (const [name, value] of base) if (!checked.has(name)) checked.set(name, value);
    validateEntity(this.schema, type, id, checked, this.strictFields);
    for (const [name, value] of checked) if (value.kind === StoreKind.NULL) checked.delete(name);
    this.write(typeName, id, checked);
  }

  /** `store.remove`: a no-op for a missing entity; an error for immutable types. */
  remove(typeName: string, rawId: string): void {
    const type = this.entityType(typeName);
    if (type.immutable && !type.skipDuplicates)
      throw new DeterministicError(`entity ${typeName}[${rawId}] is immutable; removing it is not possible`);
    this.write(typeName, this.key(type, rawId), null);
  }

  /** `store.loadRelated`: the children whose derived-from field points at `id`, as of now. */
  loadRelated(typeName: string, rawId: string, fieldName: string): TaggedEntity[] {
    const type = this.entityType(typeName);
    const field = type.fields.get(fieldName);
    if (!field) throw new DeterministicError(`Entity ${typeName}: unknown field \`${fieldName}\``);
    if (field.derivedFrom === undefined) throw new DeterministicError(`Entity ${typeName}: field \`${fieldName}\` is not derived`);
    const childType = this.entityType(field.typeName);
    const childField = field.derivedFrom;
    const id = this.key(type, rawId);
    const candidates = new Set<string>(this.store.getDerived(childType.name, childField, id).map((e) => String(e.id)));
    for (const layer of [this.block, this.handler]) for (const childId of layer.get(childType.name)?.keys() ?? []) candidates.add(childId);
    const out: Array<[string, TaggedEntity]> = [];
    for (const childId of candidates) {
      const child = this.get(childType.name, childId);
      const ref = child?.get(childField);
      if (!child || !ref) continue;
      const matches =
        ref.kind === StoreKind.ARRAY
          ? ref.value.some((v) => String(v.value).toLowerCase() === id.toLowerCase())
          : String(ref.value).toLowerCase() === id.toLowerCase();
      if (matches) out.push([childId, child]);
    }
    return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
  }

  /** The running handler finished: fold its writes into the block. */
  commitHandler(): void {
    for (const [typeName, writes] of this.handler) {
      let m = this.block.get(typeName);
      if (!m) {
        m = new Map();
        this.block.set(typeName, m);
      }
      for (const [id, value] of writes) m.set(id, value);
    }
    this.handler = new Map();
  }

  /** The running handler failed: drop its writes. */
  discardHandler(): void {
    this.handler = new Map();
  }

  /** The block's net changes, full entities for sets; removes of never-stored ids are dropped. */
  changes(): EntityChange[] {
    const out: EntityChange[] = [];
    for (const [entityType, writes] of this.block) {
      for (const [id, value] of writes) {
        if (value === null) {
          if (this.fromStore(this.entityType(entityType), id) !== null) out.push({ kind: "remove", entityType, id });
          continue;
        }
        const data: Entity = {};
        for (const [name, v] of value) data[name] = toEntityValue(v);
        out.push({ kind: "set", entityType, id, data });
      }
    }
    return out;
  }
}
