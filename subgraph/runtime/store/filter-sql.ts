/**
 * The SQL pieces of an entity query: `where` filters (every graph-node suffix, nested `_` child
 * filters through references and `@derivedFrom`, and/or) and the joins they and child sorting use.
 */
import type { TableDef } from "./layout.ts";
import { concreteTypes, type FieldDef, type SubgraphSchema } from "./schema.ts";
import type { EntityValue } from "./types.ts";
import { listToJson, type SqlValue, toColumn, type ValueKind } from "./values.ts";

/** graph-node's filter suffixes (`eq` is the bare field name). */
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

/** Raised for a query the store cannot answer (graph-node's query execution errors). */
export class StoreQueryError extends Error {
  override name = "StoreQueryError";
}

/** State while building one query's SQL: bound parameters and fresh aliases. */
export interface Ctx {
  schema: SubgraphSchema;
  tables: Map<string, TableDef>;
  block: number;
  params: SqlValue[];
  aliasCount: number;
}

/** The versions of alias `alias` visible at `block` (block numbers are validated integers). */
export const visible = (alias: string, block: number) =>
  `${alias}.block_from <= ${block} AND (${alias}.block_to IS NULL OR ${alias}.block_to > ${block})`;

/** The tables behind an entity, interface or `Aggregation:interval` name. */
export function targetTables(ctx: Ctx, typeName: string): TableDef[] {
  if (typeName.includes(":")) {
    const t = ctx.tables.get(typeName);
    return t ? [t] : [];
  }
  return concreteTypes(ctx.schema, typeName)
    .map((e) => ctx.tables.get(e.name))
    .filter((t): t is TableDef => t !== undefined);
}

/** A schema field of a table's type; StoreQueryError when absent. */
export function fieldOf(t: TableDef, name: string): FieldDef {
  const field = t.entity.fields.find((f) => f.name === name);
  if (!field) throw new StoreQueryError(`Entity \`${t.typeName}\` has no attribute \`${name}\``);
  return field;
}

/** SQL that joins child alias `c` of table `ct` to parent alias `p` of `t` through `field`. */
export function joinCondition(t: TableDef, p: string, field: FieldDef, ct: TableDef, c: string): string {
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

/** Bind `value` and return its placeholder. */
export function param(ctx: Ctx, value: SqlValue): string {
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
