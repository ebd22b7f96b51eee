/**
 * Executing a GraphQL request against the store the way graph-node does with validations off:
 * parse, pick the operation, coerce variables, check fields and complexity, then resolve the root
 * fields (entity singular/plural, aggregations, `_meta`, introspection) and apply the indexing-error
 * policy to the response.
 */
import {
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  parse,
  valueFromASTUntyped,
} from "graphql";
import { parseTsQuery } from "../store/fulltext.ts";
import type { QueryableStore } from "../store/index.ts";
import { StoreQueryError } from "../store/query.ts";
import { idKindOf } from "../store/schema.ts";
import type { EntityValue } from "../store/types.ts";
import { idKindAsValueKind, parseScalar } from "../store/values.ts";
import { argumentsOf, collectionArgs, resolveBlock, type Variables } from "./arguments.ts";
import { invalidArgument, positionOf, QueryError } from "./errors.ts";
import { queryComplexity, runIntrospection } from "./introspection.ts";
import type { ApiModel } from "./model.ts";
import { type ResolveContext, resolveList } from "./resolve.ts";
import { collectFields, validateFields } from "./selection.ts";

export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export interface GraphqlResponse {
  data?: Record<string, unknown>;
  errors?: Array<{ message: string; locations?: Array<{ line: number; column: number }> }>;
}

export interface ExecuteOptions {
  store: QueryableStore;
  model: ApiModel;
  /** graph-node's GRAPH_GRAPHQL_MAX_COMPLEXITY; unlimited when absent. */
  maxComplexity?: number;
}

const fail = (errors: QueryError[]): GraphqlResponse => ({ errors: errors.map((e) => e.toJSON()) });

function pickOperation(doc: ReturnType<typeof parse>, operationName: string | null | undefined): OperationDefinitionNode {
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (ops.length === 0) throw new QueryError("The query is empty");
  if (operationName) {
    const op = ops.find((o) => o.name?.value === operationName);
    if (!op) throw new QueryError(`Operation name not found \`${operationName}\``);
    return op;
  }
  if (ops.length > 1) throw new QueryError("Operation name required");
  return ops[0];
}

function coerceVariables(op: OperationDefinitionNode, given: Record<string, unknown>): Variables {
  const vars: Variables = {};
  for (const def of op.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    if (Object.hasOwn(given, name)) vars[name] = given[name];
    else if (def.defaultValue) vars[name] = valueFromASTUntyped(def.defaultValue);
    else if (def.type.kind === Kind.NON_NULL_TYPE)
      throw new QueryError(`No value provided for required variable \`${name}\``, positionOf(def));
  }
  return vars;
}

function resolveMeta(ctx: ResolveContext, nodes: FieldNode[]): unknown {
  const args = argumentsOf(nodes[0], ctx.vars);
  const target = resolveBlock(ctx.store, args.get("block"));
  const block = ctx.store.blockByNumber(target.number);
  const values: Record<string, unknown> = {
    __typename: "_Meta_",
    deployment: ctx.store.deploymentId,
    hasIndexingErrors: ctx.store.fatalError() !== null,
  };
  const blockValues: Record<string, unknown> = {
    __typename: "_Block_",
    number: target.number,
    hash: target.hash,
    timestamp: block?.timestamp ?? null,
    parentHash: block?.parentHash ?? null,
  };
  const pick = (source: Record<string, unknown>, fieldNodes: FieldNode[], typeName: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, sub] of collectFields(
      ctx,
      new Set([typeName]),
      fieldNodes.map((n) => n.selectionSet),
    )) {
      const name = sub[0].name.value;
      if (name === "block") out[key] = pick(blockValues, sub, "_Block_");
      else if (Object.hasOwn(source, name)) out[key] = source[name];
      else throw new QueryError(`Type \`${typeName}\` has no field \`${name}\``, positionOf(sub[0]));
    }
    return out;
  };
  return pick(values, nodes, "_Meta_");
}

function resolveRoot(ctx: ResolveContext, name: string, nodes: FieldNode[]): unknown {
  if (name === "__typename") return "Query";
  if (name === "_meta") return resolveMeta(ctx, nodes);
  const root = ctx.model.root.get(name);
  if (!root) throw new QueryError(`Type \`Query\` has no field \`${name}\``, positionOf(nodes[0]));
  const type = ctx.model.types.get(root.typeName);
  if (!type) throw new QueryError(`Type \`Query\` has no field \`${name}\``, positionOf(nodes[0]));
  const args = argumentsOf(nodes[0], ctx.vars);
  const block = resolveBlock(ctx.store, args.get("block")).number;
  if (root.kind === "single") {
    const idArg = args.get("id");
    if (!idArg || idArg.value === null) throw new QueryError("No value provided for required argument: `id`", positionOf(nodes[0]));
    let id: EntityValue;
    try {
      id = parseScalar(
        idKindAsValueKind(idKindOf(ctx.model.schema, root.typeName)),
        typeof idArg.value === "number" ? String(idArg.value) : idArg.value,
      );
    } catch {
      throw invalidArgument("id", idArg.value, idArg.node);
    }
    return resolveList(ctx, { typeName: root.typeName, block, ids: [id], first: 1, skip: 0 }, nodes)[0] ?? null;
  }
  if (root.kind === "aggregation") {
    const intervalArg = args.get("interval");
    if (!intervalArg || intervalArg.value === null)
      throw new QueryError("No value provided for required argument: `interval`", positionOf(nodes[0]));
    const interval = intervalArg.value;
    if (interval !== "hour" && interval !== "day") throw invalidArgument("interval", interval, intervalArg.node);
    const coll = collectionArgs(ctx.model, type, args);
    // Aggregations without orderBy come newest bucket first (timestamp, then id, descending).
    const order = coll.orderBy
      ? { orderBy: coll.orderBy, direction: coll.direction }
      : { orderBy: { field: "timestamp" }, direction: "desc" as const };
    return resolveList(ctx, { typeName: `${root.typeName}:${interval}`, block, ...coll, ...order }, nodes);
  }
  if (root.kind === "fulltext") {
    const text = args.get("text");
    if (!text || typeof text.value !== "string")
      throw new QueryError("No value provided for required argument: `text`", positionOf(nodes[0]));
    const english = /^(en|english)$/i.test(root.fulltext.language);
    try {
      parseTsQuery(text.value, english);
    } catch (error) {
      throw new QueryError(`Store error: ${(error as Error).message}`);
    }
    const coll = collectionArgs(ctx.model, type, args);
    return resolveList(
      ctx,
      { typeName: root.typeName, block, ...coll, fulltext: { text: text.value, fields: root.fulltext.fields, english } },
      nodes,
    );
  }
  return resolveList(ctx, { typeName: root.typeName, block, ...collectionArgs(ctx.model, type, args) }, nodes);
}

const metaOnly = new Set(["_meta", "__typename"]);
const keptOnDeny = new Set(["_meta", "__schema", "__type"]);

/** Execute one request; never throws for bad input (errors come back in the response). */
export function executeRequest(options: ExecuteOptions, request: GraphqlRequest): GraphqlResponse {
  let doc: ReturnType<typeof parse>;
  try {
    doc = parse(request.query);
  } catch (error) {
    if (error instanceof GraphQLError)
      return fail([new QueryError(error.message.replace(/^Syntax Error: /, ""), error.locations ? [...error.locations] : undefined)]);
    throw error;
  }
  try {
    const op = pickOperation(doc, request.operationName);
    if (op.operation !== "query") throw new QueryError(`Not supported: ${op.operation}s`);
    const fragmentList = doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
    const fragments = new Map(fragmentList.map((f) => [f.name.value, f]));
    const vars = coerceVariables(op, request.variables ?? {});
    const ctx: ResolveContext = { store: options.store, model: options.model, vars, fragments };
    const rootFields = collectFields(ctx, new Set(["Query"]), [op.selectionSet]);
    const errors: QueryError[] = [];
    for (const [, nodes] of rootFields) {
      const root = options.model.root.get(nodes[0].name.value);
      if (root) for (const n of nodes) validateFields(ctx, root.typeName, n.selectionSet, errors);
    }
    if (errors.length > 0) return fail(errors);
    if (options.maxComplexity !== undefined) {
      const complexity = queryComplexity(options.model, op.selectionSet, fragments);
      if (complexity > options.maxComplexity) {
        throw new QueryError(
          `query potentially returns \`${complexity}\` entities or more and thereby exceeds the limit of \`${options.maxComplexity}\` entities. Possible solutions are reducing the depth of the query, querying fewer relationships or using \`first\` to return smaller collections`,
        );
      }
    }
    const data: Record<string, unknown> = {};
    const introspection = [...rootFields].filter(([, nodes]) => nodes[0].name.value === "__schema" || nodes[0].name.value === "__type");
    const introspected =
      introspection.length > 0
        ? runIntrospection(
            options.model,
            op,
            fragmentList,
            introspection.flatMap(([, n]) => n),
            request.variables ?? {},
          )
        : null;
    if (introspected && introspected.errors.length > 0) return fail(introspected.errors);
    let allow = false;
    for (const [key, nodes] of rootFields) {
      const name = nodes[0].name.value;
      if (argumentsOf(nodes[0], vars).get("subgraphError")?.value === "allow") allow = true;
      data[key] = introspected && (name === "__schema" || name === "__type") ? introspected.data[key] : resolveRoot(ctx, name, nodes);
    }
    if (options.store.fatalError() === null || [...rootFields.values()].every((nodes) => metaOnly.has(nodes[0].name.value)))
      return { data };
    // The subgraph has indexing errors: say so, and unless `subgraphError: allow` keep only metadata.
    const kept = allow
      ? data
      : Object.fromEntries(Object.entries(data).filter(([key]) => keptOnDeny.has(rootFields.get(key)?.[0].name.value ?? "")));
    return Object.keys(kept).length > 0
      ? { data: kept, errors: [{ message: "indexing_error" }] }
      : { errors: [{ message: "indexing_error" }] };
  } catch (error) {
    if (error instanceof QueryError) return fail([error]);
    if (error instanceof StoreQueryError) return fail([new QueryError(error.message)]);
    return fail([new QueryError(`Store error: ${(error as Error).message}`)]);
  }
}
