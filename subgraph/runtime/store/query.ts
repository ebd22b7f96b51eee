/**
 * The store's read side for the GraphQL API: an `EntityQuery` (types, filter, order, page, block)
 * translated to SQL over the versioned tables. Interfaces query every implementer (UNION ALL) and
 * order the union. Sorting follows graph-node: nulls last for asc and first for desc, ties broken by
 * id in the same direction.
 */
import type { TableDef } from "./layout.ts";
import { concreteTypes, type FieldDef, type SubgraphSchema } from "./schema.ts";
import type { Sqlite } from "./sqlite.ts";
import type { EntityValue } from "./types.ts";
import { listToJson, type SqlValue, toColumn, type ValueKind } from "./values.ts";

export type FilterOp =
  | "eq"
  | "not"
  | "gt"
  | "lt"
  | "gte"
  | "lte"
  | "in"
  | "not_in"
  | "contains"
  | "contains_nocase"
  | "not_contains"
  | "not_contains_nocase"
  | "starts_with"
  | "starts_with_nocase"
  | "not_starts_with"
  | "not_starts_with_nocase"
  | "ends_with"
  | "ends_with_nocase"
  | "not_ends_with"
  | "not_ends_with_nocase";

/** A parsed `where` argument; values are already entity values of the field's kind. */
export type Filter =
  | { kind: "and"; items: Filter[] }
  | { kind: "or"; items: Filter[] }
  | { kind: "cmp"; field: string; op: FilterOp; value: EntityValue }
  | { kind: "child"; field: string; filter: Filter }
  | { kind: "changeBlock"; numberGte: number };

export interface EntityQuery {
  /** Entity type, interface, or `Aggregation:interval`. */
  typeName: string;
  block: number;
  filter?: Filter;
  /** Field to sort by, and for `parent__child` the child field. Default: id. */
  orderBy?: { field: string; child?: string };
  direction?: "asc" | "desc";
  first: number;
  skip: number;
  /** Only these ids (a non-derived reference or list of references). */
  ids?: EntityValue[];
  /** Only entities whose `field` references `parentId` (a `@derivedFrom` field). */
  derived?: { field: string; parentId: EntityValue };
}

export interface QueryRow {
  table: TableDef;
  row: Record<string, unknown>;
}

/** Raised for a query the store cannot answer (graph-node's query execution errors). */
export class StoreQueryError extends Error {
  override name = "StoreQueryError";
}

interface Ctx {
  schema: SubgraphSchema;
  tables: Map<string, TableDef>;
  block: number;
  params: SqlValue[];
  aliasCount: number;
}

const visible = (alias: string, block: number) =>
  `${alias}.block_from <= ${block} AND (${alias}.block_to IS NULL OR ${alias}.block_to > ${block})`;

function targetTables(ctx: Ctx, typeName: string): TableDef[] {
  if (typeName.includes(":")) {
    const t = ctx.tables.get(typeName);
    return t ? [t] : [];
  }
  return concreteTypes(ctx.schema, typeName)
    .map((e) => ctx.tables.get(e.name))
    .filter((t): t is TableDef => t !== undefined);
}

function fieldOf(t: TableDef, name: string): FieldDef {
  const field = t.entity.fields.find((f) => f.name === name);
  if (!field) throw new StoreQueryError(`Entity \`${t.typeName}\` has no attribute \`${name}\``);
  return field;
}

/** SQL that joins child alias `c` of table `ct` to parent alias `p` of `t` through `field`. */
function joinCondition(t: TableDef, p: string, field: FieldDef, ct: TableDef, c: string): string {
  if (field.derivedFrom === null) {
    const col = t.columns.get(field.name);
    if (!col) throw new StoreQueryError(`Entity \`${t.typeName}\` has no attribute \`${field.name}\``);
    return field.list ? `${c}.id IN (SELECT value FROM json_each(${p}.${col.col}))` : `${c}.id = ${p}.${col.col}`;
  }
  const back = ct.columns.get(field.derivedFrom);
  if (!back) throw new StoreQueryError(`Entity \`${ct.typeName}\` has no attribute \`${field.derivedFrom}\``);
  if (back.field.name === "id") return `${c}.id = ${p}.id`;
  return back.field.list ? `${p}.id IN (SELECT value FROM json_each(${c}.${back.col}))` : `${c}.${back.col} = ${p}.id`;
}

function param(ctx: Ctx, value: SqlValue): string {
  ctx.params.push(value);
  return "?";
}

function scalarParam(ctx: Ctx, kind: ValueKind, keyed: boolean, value: EntityValue): string {
  const encoded = toColumn(kind, false, value);
  return param(ctx, keyed ? (encoded.key ?? null) : encoded.value);
}

function compileCmp(ctx: Ctx, t: TableDef, a: string, f: Extract<Filter, { kind: "cmp" }>): string {
  const c = t.columns.get(f.field);
  if (!c) throw new StoreQueryError(`Entity \`${t.typeName}\` has no attribute \`${f.field}\``);
  const col = `${a}.${c.keyCol ?? c.col}`;
  const { op, value } = f;
  if (c.field.list) {
    const list = Array.isArray(value) ? value : [];
    const json = () => param(ctx, listToJson(c.kind, list));
    switch (op) {
      case "eq":
        return value === null ? `${col} IS NULL` : `${col} = ${json()}`;
      case "not":
        return value === null ? `${col} IS NOT NULL` : `${col} <> ${json()}`;
      case "contains":
        return `NOT EXISTS (SELECT 1 FROM json_each(${json()}) v WHERE v.value NOT IN (SELECT value FROM json_each(${col})))`;
      case "not_contains":
        return `EXISTS (SELECT 1 FROM json_each(${json()}) v WHERE v.value NOT IN (SELECT value FROM json_each(${col})))`;
      case "contains_nocase":
        return `EXISTS (SELECT 1 FROM json_each(${col}) e, json_each(${json()}) v WHERE lower(e.value) = lower(v.value))`;
      case "not_contains_nocase":
        return `NOT EXISTS (SELECT 1 FROM json_each(${col}) e, json_each(${json()}) v WHERE lower(e.value) = lower(v.value))`;
      default:
        throw new StoreQueryError(`Filter not supported by value \`${f.field}\`: \`${op}\``);
    }
  }
  const keyed = c.keyCol !== null;
  const one = () => scalarParam(ctx, c.kind, keyed, value);
  const text = () => param(ctx, String(value ?? ""));
  const strOp = (expr: string, negate: boolean) => (negate ? `NOT (${expr})` : expr);
  const lhs = op.endsWith("_nocase") ? `lower(${col})` : col;
  const rhs = (p: string) => (op.endsWith("_nocase") ? `lower(${p})` : p);
  switch (op) {
    case "eq":
      return value === null ? `${col} IS NULL` : `${col} = ${one()}`;
    case "not":
      return value === null ? `${col} IS NOT NULL` : `${col} <> ${one()}`;
    case "gt":
      return `${col} > ${one()}`;
    case "lt":
      return `${col} < ${one()}`;
    case "gte":
      return `${col} >= ${one()}`;
    case "lte":
      return `${col} <= ${one()}`;
    case "in":
    case "not_in": {
      const list = Array.isArray(value) ? value : [value];
      if (list.length === 0) return op === "in" ? "0" : "1";
      const placeholders = list.map((v) => scalarParam(ctx, c.kind, keyed, v)).join(", ");
      return `${col} ${op === "in" ? "IN" : "NOT IN"} (${placeholders})`;
    }
    case "contains":
    case "not_contains":
    case "contains_nocase":
    case "not_contains_nocase":
      if (c.kind === "Bytes") return strOp(`hf_bytes_contains(${col}, ${text()})`, op.startsWith("not_"));
      return strOp(`instr(${lhs}, ${rhs(text())}) > 0`, op.startsWith("not_"));
    case "starts_with":
    case "not_starts_with":
    case "starts_with_nocase":
    case "not_starts_with_nocase": {
      const p = text();
      ctx.params.push(String(value ?? ""));
      return strOp(`substr(${lhs}, 1, length(${rhs(p)})) = ${rhs("?")}`, op.startsWith("not_"));
    }
    case "ends_with":
    case "not_ends_with":
    case "ends_with_nocase":
    case "not_ends_with_nocase": {
      const s = String(value ?? "");
      if (s === "") return op.startsWith("not_") ? "0" : `${col} IS NOT NULL`;
      return strOp(`substr(${lhs}, -${s.length}) = ${rhs(text())}`, op.startsWith("not_"));
    }
  }
}

function compileChild(ctx: Ctx, t: TableDef, a: string, f: Extract<Filter, { kind: "child" }>): string {
  const field = fieldOf(t, f.field);
  if (field.kind !== "Ref") throw new StoreQueryError(`Filter not supported by value \`${f.field}_\`: \`child filter\``);
  const parts = targetTables(ctx, field.typeName).map((ct) => {
    const c = `c${ctx.aliasCount++}`;
    return `EXISTS (SELECT 1 FROM ${ct.table} ${c} WHERE ${joinCondition(t, a, field, ct, c)} AND ${visible(c, ctx.block)} AND ${compileFilter(ctx, ct, c, f.filter)})`;
  });
  return parts.length === 0 ? "0" : `(${parts.join(" OR ")})`;
}

/** `where` → SQL boolean over alias `a` of table `t`. */
export function compileFilter(ctx: Ctx, t: TableDef, a: string, f: Filter): string {
  switch (f.kind) {
    case "and":
      return f.items.length === 0 ? "1" : `(${f.items.map((i) => compileFilter(ctx, t, a, i)).join(" AND ")})`;
    case "or":
      return f.items.length === 0 ? "0" : `(${f.items.map((i) => compileFilter(ctx, t, a, i)).join(" OR ")})`;
    case "cmp":
      return compileCmp(ctx, t, a, f);
    case "child":
      return compileChild(ctx, t, a, f);
    case "changeBlock":
      return `${a}.block_from >= ${Math.trunc(f.numberGte)}`;
  }
}

function sortExpr(ctx: Ctx, t: TableDef, a: string, orderBy: EntityQuery["orderBy"]): string {
  if (!orderBy || (orderBy.field === "id" && !orderBy.child)) return `${a}.id`;
  const field = fieldOf(t, orderBy.field);
  if (!orderBy.child) {
    if (field.derivedFrom === null) {
      const c = t.columns.get(field.name);
      if (!c) throw new StoreQueryError(`Ordering by \`${field.name}\` is not supported for type \`${t.typeName}\``);
      return `${a}.${c.keyCol ?? c.col}`;
    }
    if (field.list) throw new StoreQueryError(`Ordering by \`${field.name}\` is not supported for type \`${t.typeName}\``);
    return sortExpr(ctx, t, a, { field: field.name, child: "id" });
  }
  if (field.kind !== "Ref" || field.list)
    throw new StoreQueryError(`Ordering by \`${orderBy.field}__${orderBy.child}\` is not supported for type \`${t.typeName}\``);
  const childField = orderBy.child;
  const parts = targetTables(ctx, field.typeName).map((ct) => {
    const c = `c${ctx.aliasCount++}`;
    const cc = ct.columns.get(childField);
    if (!cc) throw new StoreQueryError(`Entity \`${ct.typeName}\` has no attribute \`${childField}\``);
    return `(SELECT ${c}.${cc.keyCol ?? cc.col} FROM ${ct.table} ${c} WHERE ${joinCondition(t, a, field, ct, c)} AND ${visible(c, ctx.block)} ORDER BY ${c}.id LIMIT 1)`;
  });
  return parts.length === 1 ? parts[0] : `COALESCE(${parts.join(", ")})`;
}

function restrictions(ctx: Ctx, t: TableDef, a: string, q: EntityQuery): string[] {
  const out: string[] = [visible(a, q.block)];
  if (q.filter) out.push(compileFilter(ctx, t, a, q.filter));
  if (q.ids) out.push(`${a}.id IN (SELECT value FROM json_each(${param(ctx, listToJson(t.idKind, q.ids))}))`);
  if (q.derived) {
    const c = t.columns.get(q.derived.field);
    if (!c) throw new StoreQueryError(`Entity \`${t.typeName}\` has no attribute \`${q.derived.field}\``);
    const p = param(ctx, toColumn(c.kind, false, q.derived.parentId).value);
    out.push(c.field.list ? `${p} IN (SELECT value FROM json_each(${a}.${c.col}))` : `${a}.${c.col} = ${p}`);
  }
  return out;
}

/** Whether a filter bounds `id` at its top level (id_gt paging), so walking the id index pays off. */
function constrainsId(f: Filter): boolean {
  if (f.kind === "and") return f.items.some(constrainsId);
  return f.kind === "cmp" && f.field === "id" && ["eq", "gt", "gte", "lt", "lte", "in"].includes(f.op);
}

/** Run an entity query; rows come back in the requested order with the table they belong to. */
export function runEntityQuery(db: Sqlite, schema: SubgraphSchema, tables: Map<string, TableDef>, q: EntityQuery): QueryRow[] {
  const ctx: Ctx = { schema, tables, block: q.block, params: [], aliasCount: 0 };
  const targets = targetTables(ctx, q.typeName);
  if (targets.length === 0) return [];
  const dir = q.direction === "desc" ? "DESC" : "ASC";
  const page = `LIMIT ${Math.trunc(q.first)} OFFSET ${Math.trunc(q.skip)}`;
  // Plain `ORDER BY id` (the default) lets SQLite walk the id index and stop after one page.
  const byId = !q.orderBy || (q.orderBy.field === "id" && !q.orderBy.child);
  const sortField = q.orderBy && !q.orderBy.child ? targets[0].entity.fields.find((f) => f.name === q.orderBy?.field) : undefined;
  const nullable = !byId && !(sortField?.nonNull && sortField.derivedFrom === null);
  // With a filter, a full scan plus sort beats walking the whole id index (`+` keeps SQLite off it).
  const idTerm = q.filter && !constrainsId(q.filter) ? "+__id" : "__id";
  const order = byId
    ? `ORDER BY ${idTerm} ${dir} ${page}`
    : `ORDER BY ${nullable ? `(__s IS NULL) ${dir}, ` : ""}__s ${dir}, __id ${dir} ${page}`;
  if (targets.length === 1) {
    const t = targets[0];
    const sql = `SELECT a.*, a.id AS __id, ${sortExpr(ctx, t, "a", q.orderBy)} AS __s FROM ${t.table} a WHERE ${restrictions(ctx, t, "a", q).join(" AND ")} ${order}`;
    return db
      .prepare(sql)
      .all(...ctx.params)
      .map((row) => ({ table: t, row: row as Record<string, unknown> }));
  }
  const selects = targets.map(
    (t, i) =>
      `SELECT ${i} AS __t, a.vid AS __vid, a.id AS __id, ${sortExpr(ctx, t, "a", q.orderBy)} AS __s FROM ${t.table} a WHERE ${restrictions(ctx, t, "a", q).join(" AND ")}`,
  );
  const keys = db.prepare(`SELECT * FROM (${selects.join(" UNION ALL ")}) ${order}`).all(...ctx.params) as Array<{
    __t: bigint;
    __vid: bigint;
  }>;
  return keys.map((k) => {
    const t = targets[Number(k.__t)];
    const row = db.prepare(`SELECT * FROM ${t.table} WHERE vid = ?`).get(k.__vid) as Record<string, unknown>;
    return { table: t, row };
  });
}
