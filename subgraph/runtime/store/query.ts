/**
 * The store's read side for the GraphQL API: an `EntityQuery` (types, filter, order, page, block)
 * translated to SQL over the versioned tables. Interfaces query every implementer (UNION ALL) and
 * order the union. Sorting follows graph-node: nulls last for asc and first for desc, ties broken by
 * id in the same direction.
 */
import {
  type Ctx,
  compileFilter,
  type Filter,
  fieldOf,
  joinCondition,
  param,
  StoreQueryError,
  targetTables,
  visible,
} from "./filter-sql.ts";
import type { TableDef } from "./layout.ts";
import type { SubgraphSchema } from "./schema.ts";
import type { Sqlite } from "./sqlite.ts";
import type { EntityValue } from "./types.ts";
import { listToJson, toColumn } from "./values.ts";

export type { Filter, FilterOp } from "./filter-sql.ts";
export { StoreQueryError } from "./filter-sql.ts";

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
  /** A `@fulltext` search: only matching entities; with no orderBy, sorted by rank. */
  fulltext?: { text: string; fields: string[]; english: boolean };
}

export interface QueryRow {
  table: TableDef;
  row: Record<string, unknown>;
}

/** Raised for a query the store cannot answer (graph-node's query execution errors). */
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

function rankExpr(ctx: Ctx, t: TableDef, a: string, f: NonNullable<EntityQuery["fulltext"]>): string {
  const cols = f.fields.map((name) => `${a}.${t.columns.get(name)?.col ?? "NULL"}`);
  return `hf_fulltext(${param(ctx, f.text)}, ${param(ctx, f.english ? 1 : 0)}, ${cols.join(", ")})`;
}

function restrictions(ctx: Ctx, t: TableDef, a: string, q: EntityQuery): string[] {
  const out: string[] = [visible(a, q.block)];
  if (q.fulltext) out.push(`${rankExpr(ctx, t, a, q.fulltext)} > 0`);
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

interface Ordering {
  /** ORDER BY terms over the aliases `__s` (sort value) and `__id`, without LIMIT. */
  terms: string;
  sortOf: (t: TableDef) => string;
}

function orderingOf(ctx: Ctx, q: EntityQuery, targets: TableDef[]): Ordering {
  const dir = q.direction === "desc" ? "DESC" : "ASC";
  // Plain `ORDER BY id` (the default) lets SQLite walk the id index and stop after one page.
  const byRank = q.fulltext !== undefined && !q.orderBy;
  const byId = !byRank && (!q.orderBy || (q.orderBy.field === "id" && !q.orderBy.child));
  const sortField = q.orderBy && !q.orderBy.child ? targets[0].entity.fields.find((f) => f.name === q.orderBy?.field) : undefined;
  const nullable = !byId && !byRank && !(sortField?.nonNull && sortField.derivedFrom === null);
  const sortOf = (t: TableDef) => (byRank && q.fulltext ? rankExpr(ctx, t, "a", q.fulltext) : sortExpr(ctx, t, "a", q.orderBy));
  // With a filter, a full scan plus sort beats walking the whole id index (`+` keeps SQLite off it).
  const idTerm = q.filter && !constrainsId(q.filter) ? "+__id" : "__id";
  const terms = byId ? `${idTerm} ${dir}` : `${nullable ? `(__s IS NULL) ${dir}, ` : ""}__s ${dir}, __id ${dir}`;
  return { terms, sortOf };
}

/** Run an entity query; rows come back in the requested order with the table they belong to. */
export function runEntityQuery(db: Sqlite, schema: SubgraphSchema, tables: Map<string, TableDef>, q: EntityQuery): QueryRow[] {
  const ctx: Ctx = { schema, tables, block: q.block, params: [], aliasCount: 0 };
  const targets = targetTables(ctx, q.typeName);
  if (targets.length === 0) return [];
  const { terms, sortOf } = orderingOf(ctx, q, targets);
  const order = `ORDER BY ${terms} LIMIT ${Math.trunc(q.first)} OFFSET ${Math.trunc(q.skip)}`;
  if (targets.length === 1) {
    const t = targets[0];
    const sql = `SELECT a.*, a.id AS __id, ${sortOf(t)} AS __s FROM ${t.table} a WHERE ${restrictions(ctx, t, "a", q).join(" AND ")} ${order}`;
    return db
      .prepare(sql)
      .all(...ctx.params)
      .map((row) => ({ table: t, row: row as Record<string, unknown> }));
  }
  const selects = targets.map(
    (t, i) =>
      `SELECT ${i} AS __t, a.vid AS __vid, a.id AS __id, ${sortOf(t)} AS __s FROM ${t.table} a WHERE ${restrictions(ctx, t, "a", q).join(" AND ")}`,
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

/**
 * One page of a `@derivedFrom` list for many parents at once (graph-node's windowed child query):
 * children whose single-valued `field` points at one of `parentIds`, paged per parent with
 * ROW_NUMBER(). Returns null when the shape needs the per-parent path (interfaces, list back-refs).
 */
export function runDerivedBatch(
  db: Sqlite,
  schema: SubgraphSchema,
  tables: Map<string, TableDef>,
  q: Omit<EntityQuery, "derived" | "ids">,
  field: string,
  parentIds: EntityValue[],
): Map<string, QueryRow[]> | null {
  const ctx: Ctx = { schema, tables, block: q.block, params: [], aliasCount: 0 };
  const targets = targetTables(ctx, q.typeName);
  const back = targets.length === 1 ? targets[0].columns.get(field) : undefined;
  if (!back || back.field.list || q.fulltext) return null;
  const t = targets[0];
  const { terms, sortOf } = orderingOf(ctx, q, targets);
  const inner = `SELECT a.*, a.id AS __id, ${sortOf(t)} AS __s, a.${back.col} AS __p FROM ${t.table} a WHERE ${restrictions(ctx, t, "a", q).join(" AND ")} AND a.${back.col} IN (SELECT value FROM json_each(${param(ctx, listToJson(back.kind, parentIds))}))`;
  const windowed = `SELECT x.*, ROW_NUMBER() OVER (PARTITION BY x.__p ORDER BY ${terms.replaceAll("+__id", "__id")}) AS __rn FROM (${inner}) x`;
  const sql = `SELECT * FROM (${windowed}) WHERE __rn > ${Math.trunc(q.skip)} AND __rn <= ${Math.trunc(q.skip) + Math.trunc(q.first)} ORDER BY __p, __rn`;
  const out = new Map<string, QueryRow[]>();
  for (const row of db.prepare(sql).all(...ctx.params) as Array<Record<string, unknown>>) {
    const key = String(row.__p);
    const list = out.get(key) ?? [];
    list.push({ table: t, row });
    out.set(key, list);
  }
  return out;
}
