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
export function resolveList(ctx: ResolveContext, q: EntityQuery, nodes: FieldNode[]): Record<string, unknown>[] {
  return resolveRows(ctx, ctx.store.query(q), nodes, q.block);
}

const idKey = (value: EntityValue | undefined): string => String(value);

function resolveRef(ctx: ResolveContext, parent: TypedEntity, field: FieldDef, nodes: FieldNode[], block: number): unknown {
  const type = ctx.model.types.get(field.typeName);
  if (!type) return null;
  const value = parent.entity[field.name];
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

type Plan = Array<{ key: string; nodes: FieldNode[]; field: FieldDef | null }>;

function planFor(ctx: ResolveContext, typeName: string, nodes: FieldNode[]): Plan {
  const plan: Plan = [];
  for (const [key, fieldNodes] of collectFields(
    ctx,
    typeNamesOf(ctx, typeName),
    nodes.map((n) => n.selectionSet),
  )) {
    const name = fieldNodes[0].name.value;
    if (name === "__typename") {
      plan.push({ key, nodes: fieldNodes, field: null });
      continue;
    }
    const field = fieldOfType(ctx, typeName, name);
    if (!field) throw new QueryError(`Type \`${typeName}\` has no field \`${name}\``, positionOf(fieldNodes[0]));
    // graphql-bug-compat: an object field without a selection set is left out of the result.
    if (field.kind === "Ref" && !hasSelection(fieldNodes)) continue;
    plan.push({ key, nodes: fieldNodes, field });
  }
  return plan;
}

/**
 * A derived list for many parents with one windowed query; resolved children keyed by parent id.
 * Null when the store needs one query per parent for this field.
 */
function derivedBatch(
  ctx: ResolveContext,
  field: FieldDef,
  nodes: FieldNode[],
  parents: TypedEntity[],
  block: number,
): Map<string, unknown> | null {
  const type = ctx.model.types.get(field.typeName);
  if (!type || field.derivedFrom === null) return null;
  const args = collectionArgs(ctx.model, type, argumentsOf(nodes[0], ctx.vars));
  const parentIds = parents.map((p) => p.entity.id).filter((id): id is EntityValue => id !== undefined && id !== null);
  const batch = ctx.store.queryDerivedBatch({ typeName: field.typeName, block, ...args }, field.derivedFrom, parentIds);
  if (!batch) return null;
  const groups = [...batch.entries()];
  const resolved = resolveRows(
    ctx,
    groups.flatMap(([, children]) => children),
    nodes,
    block,
  );
  const out = new Map<string, unknown>();
  let offset = 0;
  for (const [parentKey, children] of groups) {
    out.set(parentKey, resolved.slice(offset, offset + children.length));
    offset += children.length;
  }
  return out;
}

/**
 * Response objects for `rows`. Single (non-derived) references and derived lists are fetched for
 * all rows with one query per field, as graph-node prefetches, instead of one query per row.
 */
export function resolveRows(ctx: ResolveContext, rows: TypedEntity[], nodes: FieldNode[], block: number): Record<string, unknown>[] {
  const plans = new Map<string, Plan>();
  const prefetched = new Map<string, Map<string, Map<string, unknown>>>();
  for (const typeName of new Set(rows.map((r) => r.typeName))) {
    const plan = planFor(ctx, typeName, nodes);
    plans.set(typeName, plan);
    const byKey = new Map<string, Map<string, unknown>>();
    const ofType = rows.filter((r) => r.typeName === typeName);
    for (const { key, nodes: fieldNodes, field } of plan) {
      if (field?.kind === "Ref" && field.list && field.derivedFrom !== null && ofType.length > 1) {
        const batch = derivedBatch(ctx, field, fieldNodes, ofType, block);
        if (batch) byKey.set(key, batch);
        continue;
      }
      if (field?.kind !== "Ref" || field.list || field.derivedFrom !== null) continue;
      const ids = new Map<string, EntityValue>();
      for (const row of rows) {
        const value = row.typeName === typeName ? row.entity[field.name] : undefined;
        if (value !== undefined && value !== null) ids.set(idKey(value), value);
      }
      const children =
        ids.size === 0 ? [] : ctx.store.query({ typeName: field.typeName, block, ids: [...ids.values()], first: ids.size, skip: 0 });
      const resolved = resolveRows(ctx, children, fieldNodes, block);
      byKey.set(key, new Map(children.map((child, i) => [idKey(child.entity.id), resolved[i]])));
    }
    prefetched.set(typeName, byKey);
  }
  return rows.map((typed) => {
    const out: Record<string, unknown> = {};
    const byKey = prefetched.get(typed.typeName);
    for (const { key, nodes: fieldNodes, field } of plans.get(typed.typeName) ?? []) {
      if (!field) out[key] = typed.typeName;
      else if (field.kind !== "Ref") out[key] = serialize(typed.entity[field.name]);
      else {
        const cache = byKey?.get(key);
        if (!cache) out[key] = resolveRef(ctx, typed, field, fieldNodes, block);
        else if (field.list) out[key] = cache.get(idKey(typed.entity.id)) ?? [];
        else out[key] = cache.get(idKey(typed.entity[field.name])) ?? null;
      }
    }
    return out;
  });
}
