/**
 * Resolving entity selections at a block: scalars serialised as graph-node does (BigInt, BigDecimal,
 * Int8, Timestamp and Bytes as strings), references and lists of references looked up by id,
 * `@derivedFrom` fields by reverse lookup, all at the parent's block.
 */
import type { FieldNode } from "graphql";
import type { QueryableStore, TypedEntity } from "../store/index.ts";
import type { EntityQuery } from "../store/query.ts";
import type { FieldDef } from "../store/schema.ts";
import type { EntityValue } from "../store/types.ts";
import { argumentsOf, collectionArgs } from "./arguments.ts";
import { positionOf, QueryError } from "./errors.ts";
import { collectFields, fieldOfType, type SelectionContext, typeNamesOf } from "./selection.ts";

export interface ResolveContext extends SelectionContext {
  store: QueryableStore;
}

/** An entity value as graph-node serialises it in a response. */
export function serialize(value: EntityValue | undefined): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(serialize);
  return value;
}

function hasSelection(nodes: FieldNode[]): boolean {
  return nodes.some((n) => n.selectionSet && n.selectionSet.selections.length > 0);
}

/** Run `q` and resolve each result's selection. */
export function resolveList(ctx: ResolveContext, q: EntityQuery, nodes: FieldNode[]): unknown[] {
  return ctx.store.query(q).map((typed) => resolveEntity(ctx, typed, nodes, q.block));
}

function resolveRef(ctx: ResolveContext, parent: TypedEntity, field: FieldDef, nodes: FieldNode[], block: number): unknown {
  const type = ctx.model.types.get(field.typeName);
  if (!type) return null;
  const value = parent.entity[field.name];
  if (field.derivedFrom === null && !field.list) {
    if (value === undefined || value === null) return null;
    return resolveList(ctx, { typeName: field.typeName, block, ids: [value], first: 1, skip: 0 }, nodes)[0] ?? null;
  }
  const base: Omit<EntityQuery, "first" | "skip"> =
    field.derivedFrom === null
      ? { typeName: field.typeName, block, ids: Array.isArray(value) ? value : [] }
      : { typeName: field.typeName, block, derived: { field: field.derivedFrom, parentId: parent.entity.id } };
  if (!field.list) {
    const rows = resolveList(ctx, { ...base, first: 2, skip: 0 }, nodes);
    if (rows.length > 1) {
      throw new QueryError(
        `Ambiguous result for derived field \`${field.name}\`: Multiple \`${field.typeName}\` entities refer back via \`${field.derivedFrom}\``,
        positionOf(nodes[0]),
      );
    }
    return rows[0] ?? null;
  }
  const args = collectionArgs(ctx.model, type, argumentsOf(nodes[0], ctx.vars));
  return resolveList(ctx, { ...base, ...args }, nodes);
}

/** The response object for one entity and the field nodes selecting it. */
export function resolveEntity(ctx: ResolveContext, typed: TypedEntity, nodes: FieldNode[], block: number): Record<string, unknown> {
  const fields = collectFields(
    ctx,
    typeNamesOf(ctx, typed.typeName),
    nodes.map((n) => n.selectionSet),
  );
  const out: Record<string, unknown> = {};
  for (const [key, fieldNodes] of fields) {
    const name = fieldNodes[0].name.value;
    if (name === "__typename") {
      out[key] = typed.typeName;
      continue;
    }
    const field = fieldOfType(ctx, typed.typeName, name);
    if (!field) throw new QueryError(`Type \`${typed.typeName}\` has no field \`${name}\``, positionOf(fieldNodes[0]));
    if (field.kind !== "Ref") {
      out[key] = serialize(typed.entity[name]);
      continue;
    }
    // graphql-bug-compat: an object field without a selection set is left out of the result.
    if (!hasSelection(fieldNodes)) continue;
    out[key] = resolveRef(ctx, typed, field, fieldNodes, block);
  }
  return out;
}
