/**
 * graph-node's entity validation on `store.set` (`Entity::validate`) and the conversions between
 * AS-tagged store values and the `SubgraphStore` contract's plain JS values, driven by the schema.
 */

import { DeterministicError } from "../host/errors.ts";
import { StoreKind, storeKindName, type TaggedValue } from "../host/values.ts";
import type { Entity, EntityValue } from "../store/types.ts";
import { type EntityType, type FieldDef, type IdType, referenceIdType, type SubgraphSchema } from "./schema.ts";

const kindForScalar: Record<string, number> = {
  ID: StoreKind.STRING,
  String: StoreKind.STRING,
  Bytes: StoreKind.BYTES,
  Int: StoreKind.INT,
  Int8: StoreKind.INT8,
  BigInt: StoreKind.BIGINT,
  BigDecimal: StoreKind.BIGDECIMAL,
  Boolean: StoreKind.BOOL,
  Timestamp: StoreKind.TIMESTAMP,
};

const kindForId: Record<IdType, number> = { String: StoreKind.STRING, Bytes: StoreKind.BYTES, Int8: StoreKind.INT8 };

/** The store value kind a (non-list) field holds. */
export function fieldKind(schema: SubgraphSchema, field: FieldDef): number {
  if (field.category === "scalar") return kindForScalar[field.typeName];
  if (field.category === "enum") return StoreKind.STRING;
  return kindForId[referenceIdType(schema, field.typeName)];
}

function typeText(field: FieldDef): string {
  const base = field.list ? `[${field.typeName}]` : field.typeName;
  return field.nonNull ? `${base}!` : base;
}

function fits(kind: number, value: TaggedValue): boolean {
  if (value.kind === StoreKind.NULL) return true;
  if (value.kind === kind) return true;
  // graph-node accepts an Int where an Int8 is declared.
  return kind === StoreKind.INT8 && value.kind === StoreKind.INT;
}

/**
 * Validates the full entity (after merge) against its type; unknown fields are an error from
 * apiVersion 0.0.8 (graph-node's `check_invalid_fields`), dropped before.
 */
export function validateEntity(
  schema: SubgraphSchema,
  type: EntityType,
  id: string,
  data: Map<string, TaggedValue>,
  strictFields: boolean,
): void {
  const where = `Entity ${type.name}[${id}]`;
  for (const [name, value] of data) {
    const field = type.fields.get(name);
    if (!field) {
      if (strictFields) throw new DeterministicError(`Attempted to set undefined fields [${name}] for the entity type \`${type.name}\``);
      data.delete(name);
      continue;
    }
    if (field.derivedFrom !== undefined) {
      if (value.kind === StoreKind.NULL) continue;
      throw new DeterministicError(`${where}: field \`${name}\` is derived and cannot be set`);
    }
    const kind = fieldKind(schema, field);
    if (field.list) {
      if (value.kind === StoreKind.NULL) continue;
      if (value.kind !== StoreKind.ARRAY) {
        throw new DeterministicError(
          `${where}: the value \`${String(value.value)}\` for field \`${name}\` must have type ${typeText(field)} but has type ${storeKindName[value.kind]}`,
        );
      }
      if (!value.value.every((e) => fits(kind, e) && e.kind !== StoreKind.NULL)) {
        throw new DeterministicError(
          `${where}: field \`${name}\` is of type ${typeText(field)}, but the value contains mismatched element type in list`,
        );
      }
    } else if (!fits(kind, value)) {
      throw new DeterministicError(
        `${where}: the value \`${String(value.value)}\` for field \`${name}\` must have type ${typeText(field)} but has type ${storeKindName[value.kind]}`,
      );
    }
  }
  for (const field of type.fields.values()) {
    if (field.derivedFrom !== undefined || !field.nonNull) continue;
    const value = data.get(field.name);
    if (value === undefined || value.kind === StoreKind.NULL) {
      throw new DeterministicError(`${where}: missing value for non-nullable field \`${field.name}\``);
    }
  }
}

/** AS-tagged value -> the store contract's JS value. */
export function toEntityValue(value: TaggedValue): EntityValue {
  if (value.kind === StoreKind.ARRAY) return value.value.map(toEntityValue);
  return value.value;
}

/** Contract JS value -> AS-tagged value, by the kind the schema declares. */
export function toTagged(kind: number, value: EntityValue): TaggedValue {
  if (value === null) return { kind: StoreKind.NULL, value: null };
  if (Array.isArray(value)) return { kind: StoreKind.ARRAY, value: value.map((v) => toTagged(kind, v)) };
  switch (kind) {
    case StoreKind.INT:
      return { kind, value: Number(value) };
    case StoreKind.BOOL:
      return { kind, value: Boolean(value) };
    case StoreKind.BIGINT:
    case StoreKind.INT8:
    case StoreKind.TIMESTAMP:
      return { kind, value: BigInt(value as bigint) };
    case StoreKind.STRING:
    case StoreKind.BYTES:
    case StoreKind.BIGDECIMAL:
      return { kind, value: String(value) };
    default:
      throw new DeterministicError(`cannot convert stored value of kind ${kind}`);
  }
}

/** A stored entity as (field, tagged value) pairs for writing back to AS; null fields are omitted. */
export function entityToTagged(schema: SubgraphSchema, type: EntityType, entity: Entity): Array<[string, TaggedValue]> {
  const out: Array<[string, TaggedValue]> = [];
  for (const [name, value] of Object.entries(entity)) {
    if (value === null) continue;
    const field = type.fields.get(name);
    if (!field || field.derivedFrom !== undefined) continue;
    out.push([name, toTagged(fieldKind(schema, field), value)]);
  }
  return out;
}

/** Parses a `store.set` key into the entity's id type, as graph-node does before comparing with `data.id`. */
export function checkId(type: EntityType, key: string, data: Map<string, TaggedValue>): void {
  const expected = kindForId[type.idType];
  if (type.idType === "Bytes" && !/^0x([0-9a-fA-F]{2})*$/.test(key)) {
    throw new DeterministicError(`Failed to convert entity id \`${key}\` of ${type.name} to Bytes: not a 0x hex string`);
  }
  if (type.idType === "Int8" && !/^-?\d+$/.test(key)) {
    throw new DeterministicError(`Failed to convert entity id \`${key}\` of ${type.name} to Int8`);
  }
  const id = data.get("id");
  if (!id) {
    data.set("id", toTagged(expected, type.idType === "Int8" ? BigInt(key) : key));
    return;
  }
  if (id.kind !== expected) {
    throw new DeterministicError(`Attribute \`${type.name}.id\` has wrong type: expected ${type.idType} but got ${storeKindName[id.kind]}`);
  }
  const same = type.idType === "Bytes" ? String(id.value).toLowerCase() === key.toLowerCase() : String(id.value) === key;
  if (!same)
    throw new DeterministicError(
      `Value of ${type.name} attribute 'id' conflicts with ID passed to \`store.set()\`: ${String(id.value)} != ${key}`,
    );
}
