/**
 * Argument handling as graph-node does it with GraphQL validations off (its default): AST values
 * with variables substituted (an undefined variable means "argument absent"), `first`/`skip` range
 * checks, `orderBy`, `where` → store filter, and `block` → a block number.
 */
import { type ArgumentNode, type FieldNode, Kind, type ValueNode } from "graphql";
import type { QueryableStore } from "../store/index.ts";
import type { Filter } from "../store/query.ts";
import { parseScalar, ValueError } from "../store/values.ts";
import { invalidArgument, positionOf, QueryError } from "./errors.ts";
import type { ApiModel, FilterSpec, TypeApi } from "./model.ts";

export type Variables = Record<string, unknown>;

/** An AST value with variables substituted; `undefined` when it names a variable that was not given. */
export function astValue(node: ValueNode, vars: Variables): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return Object.hasOwn(vars, node.name.value) ? vars[node.name.value] : undefined;
    case Kind.INT: {
      const n = Number(node.value);
      return Number.isSafeInteger(n) ? n : node.value;
    }
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((v) => astValue(v, vars)).filter((v) => v !== undefined);
    case Kind.OBJECT: {
      const out: Record<string, unknown> = {};
      for (const f of node.fields) {
        const v = astValue(f.value, vars);
        if (v !== undefined) out[f.name.value] = v;
      }
      return out;
    }
  }
}

/** Arguments of a field by name (unknown arguments are kept; callers ignore what they do not use). */
export function argumentsOf(field: FieldNode, vars: Variables): Map<string, { value: unknown; node: ArgumentNode }> {
  const out = new Map<string, { value: unknown; node: ArgumentNode }>();
  for (const arg of field.arguments ?? []) {
    const value = astValue(arg.value, vars);
    if (value !== undefined) out.set(arg.name.value, { value, node: arg });
  }
  return out;
}

export const MAX_FIRST = 1000;
export const MAX_SKIP = 4294967295;

function rangeArg(args: ReturnType<typeof argumentsOf>, name: string, fallback: number, min: number, max: number): number {
  const arg = args.get(name);
  if (!arg || arg.value === null) return fallback;
  const n = typeof arg.value === "string" && /^-?\d+$/.test(arg.value) ? Number(arg.value) : arg.value;
  if (typeof n !== "number" || !Number.isInteger(n)) throw invalidArgument(name, arg.value, arg.node);
  if (n < min || n > max) throw new QueryError(`The \`${name}\` argument must be between 0 and ${max}, but is ${n}`);
  return n;
}

export interface CollectionArgs {
  first: number;
  skip: number;
  orderBy?: { field: string; child?: string };
  direction: "asc" | "desc";
  filter?: Filter;
}

/** `first`, `skip`, `orderBy`, `orderDirection` and `where` of a collection field over `type`. */
export function collectionArgs(model: ApiModel, type: TypeApi, args: ReturnType<typeof argumentsOf>): CollectionArgs {
  const first = rangeArg(args, "first", 100, 1, MAX_FIRST);
  const skip = rangeArg(args, "skip", 0, 0, MAX_SKIP);
  const out: CollectionArgs = { first, skip, direction: "asc" };
  const orderBy = args.get("orderBy");
  if (orderBy && orderBy.value !== null) {
    const spec = typeof orderBy.value === "string" ? type.orderBy.get(orderBy.value) : undefined;
    if (!spec) throw invalidArgument("orderBy", orderBy.value, orderBy.node);
    out.orderBy = spec;
  }
  const direction = args.get("orderDirection");
  if (direction && direction.value !== null) {
    if (direction.value !== "asc" && direction.value !== "desc") throw invalidArgument("orderDirection", direction.value, direction.node);
    out.direction = direction.value;
  }
  const where = args.get("where");
  if (where && where.value !== null) {
    try {
      out.filter = parseWhere(model, type, where.value);
    } catch (error) {
      if (error instanceof QueryError) throw error;
      throw invalidArgument("where", where.value, where.node);
    }
  }
  return out;
}

class FilterShapeError extends Error {}

function parseCmp(spec: Extract<FilterSpec, { kind: "cmp" }>, value: unknown): Filter {
  if (value === null) return { kind: "cmp", field: spec.field.name, op: spec.op, value: null };
  if (spec.listValue) {
    if (!Array.isArray(value)) throw new FilterShapeError();
    return { kind: "cmp", field: spec.field.name, op: spec.op, value: value.map((v) => parseScalar(spec.valueKind, v)) };
  }
  return { kind: "cmp", field: spec.field.name, op: spec.op, value: parseScalar(spec.valueKind, value) };
}

/** A `where` object → store filter; throws (and the caller reports `where` as invalid) on anything the filter type lacks. */
export function parseWhere(model: ApiModel, type: TypeApi, value: unknown): Filter {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new QueryError("Filter must by an object");
  const items: Filter[] = [];
  const entries = Object.entries(value as Record<string, unknown>);
  const columns = entries.filter(([k]) => k !== "or" && k !== "and").map(([k]) => k);
  if (Object.hasOwn(value, "or") && columns.length > 0) {
    throw new QueryError(
      `Cannot mix column filters with 'or' operator at the same level. Found column filter(s) ${columns.join(", ")} alongside 'or' operator.\n\nMove each column filter into the 'or' branches, e.g. { or: [{ ${columns[0]}: ..., ... }, { ${columns[0]}: ..., ... }] }`,
    );
  }
  for (const [key, v] of entries) {
    if (key === "and" || key === "or") {
      if (v === null) continue;
      const list = Array.isArray(v) ? v : [v];
      items.push({ kind: key, items: list.map((item) => parseWhere(model, type, item)) });
      continue;
    }
    if (key === "_change_block") {
      const gte = (v as { number_gte?: unknown } | null)?.number_gte;
      if (typeof gte !== "number") throw new FilterShapeError();
      items.push({ kind: "changeBlock", numberGte: gte });
      continue;
    }
    const spec = type.filters.get(key);
    if (!spec) throw new FilterShapeError();
    if (spec.kind === "child") {
      const target = model.types.get(spec.target);
      if (!target || v === null) throw new FilterShapeError();
      items.push({ kind: "child", field: spec.field.name, filter: parseWhere(model, target, v) });
    } else {
      try {
        items.push(parseCmp(spec, v));
      } catch (error) {
        if (error instanceof ValueError) throw new FilterShapeError();
        throw error;
      }
    }
  }
  return items.length === 1 ? items[0] : { kind: "and", items };
}

export interface BlockTarget {
  number: number;
  /** Null when the block was given by number (graph-node does not look the hash up then). */
  hash: string | null;
}

function notYet(store: QueryableStore, head: number, wanted: number, arg: string): QueryError {
  return new QueryError(
    `Failed to decode \`block.${arg}\` value: \`subgraph ${store.deploymentId} has only indexed up to block number ${head} and data for block number ${wanted} is therefore not yet available\``,
  );
}

/** The `block` argument → the block to read at (the head when absent). */
export function resolveBlock(store: QueryableStore, arg: { value: unknown; node: ArgumentNode } | undefined): BlockTarget {
  const cursor = store.cursor();
  if (!cursor) throw new QueryError(`Subgraph \`${store.deploymentId}\` has not started syncing yet`);
  const head = cursor.number;
  if (!arg || arg.value === null) return { number: head, hash: cursor.hash };
  const value = arg.value as Record<string, unknown>;
  if (typeof value !== "object" || Array.isArray(value)) throw invalidArgument("block", arg.value, arg.node);
  if (value.hash !== undefined && value.hash !== null) {
    if (typeof value.hash !== "string") throw invalidArgument("block", arg.value, arg.node);
    // graph-node strips every leading "0x" before parsing hex.
    const hex = value.hash.replace(/^(0x)+/i, "").toLowerCase();
    const block = /^[0-9a-f]*$/.test(hex) ? store.blockByHash(`0x${hex}`) : null;
    if (!block) throw new QueryError("Failed to decode `block.hash` value: `no block with that hash found`");
    if (block.number > head) throw notYet(store, head, block.number, "hash");
    return { number: block.number, hash: block.hash };
  }
  if (value.number !== undefined && value.number !== null) {
    const n = value.number;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0) throw invalidArgument("block", arg.value, arg.node);
    if (n > head) throw notYet(store, head, n, "number");
    return { number: n, hash: null };
  }
  if (value.number_gte !== undefined && value.number_gte !== null) {
    const n = value.number_gte;
    if (typeof n !== "number" || !Number.isInteger(n)) throw invalidArgument("block", arg.value, arg.node);
    if (n > head) throw notYet(store, head, n, "number_gte");
    return { number: head, hash: cursor.hash };
  }
  return { number: head, hash: cursor.hash };
}

export { positionOf };
