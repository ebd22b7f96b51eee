/**
 * Introspection (`__schema`, `__type`) answered by graphql-js over the generated API schema, and
 * graph-node's complexity bound (a collection multiplies its children by `first`, default 100).
 */
import {
  buildSchema,
  type DocumentNode,
  execute,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  SchemaMetaFieldDef,
  type SelectionSetNode,
  TypeMetaFieldDef,
} from "graphql";
import { apiSdlOf } from "./api-schema.ts";
import { QueryError } from "./errors.ts";
import type { ApiModel } from "./model.ts";

const schemas = new WeakMap<ApiModel, GraphQLSchema>();

/** The graphql-js schema of the API (built once per model). */
export function graphqlSchemaOf(model: ApiModel): GraphQLSchema {
  let schema = schemas.get(model);
  if (!schema) {
    schema = buildSchema(apiSdlOf(model));
    schemas.set(model, schema);
  }
  return schema;
}

/** Run the introspection root fields `nodes` of `operation`; returns data by response key. */
export function runIntrospection(
  model: ApiModel,
  operation: OperationDefinitionNode,
  fragments: FragmentDefinitionNode[],
  nodes: FieldNode[],
  variables: Record<string, unknown>,
): { data: Record<string, unknown>; errors: QueryError[] } {
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [{ ...operation, selectionSet: { kind: Kind.SELECTION_SET, selections: nodes } }, ...fragments],
  };
  const result = execute({ schema: graphqlSchemaOf(model), document, variableValues: variables, rootValue: {} });
  if (result instanceof Promise) throw new Error("introspection unexpectedly ran asynchronously");
  const errors = (result.errors ?? []).map((e) => new QueryError(e.message, e.locations ? [...e.locations] : undefined));
  return { data: (result.data ?? {}) as Record<string, unknown>, errors };
}

class Invalid extends Error {}

function inner(
  schema: GraphQLSchema,
  type: GraphQLNamedType,
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  depth: number,
  maxDepth: number,
  seen: Set<string>,
): number {
  if (depth >= maxDepth) throw new QueryError(`query has a depth that exceeds the limit of \`${maxDepth}\``);
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (!sel.selectionSet || sel.selectionSet.selections.length === 0) continue;
      const name = sel.name.value;
      const field =
        name === "__schema" && type === schema.getQueryType()
          ? SchemaMetaFieldDef
          : name === "__type" && type === schema.getQueryType()
            ? TypeMetaFieldDef
            : isObjectType(type) || isInterfaceType(type)
              ? type.getFields()[name]
              : undefined;
      if (!field) throw new Invalid();
      const childComplexity = inner(schema, getNamedType(field.type), sel.selectionSet, fragments, depth + 1, maxDepth, seen);
      const base = isNonNullType(field.type) ? field.type.ofType : field.type;
      if (!isListType(base)) {
        total += childComplexity;
        continue;
      }
      const firstArg = sel.arguments?.find((a) => a.name.value === "first");
      const first = firstArg?.value.kind === Kind.INT ? Number(firstArg.value.value) : 100;
      total += first + first * childComplexity;
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const t = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type;
      if (!t) throw new Invalid();
      total += inner(schema, t, sel.selectionSet, fragments, depth + 1, maxDepth, seen);
    } else {
      const frag = fragments.get(sel.name.value);
      if (!frag) throw new Invalid();
      if (seen.has(sel.name.value)) throw new QueryError(`query has fragment cycle including \`${sel.name.value}\``);
      const t = schema.getType(frag.typeCondition.name.value);
      if (!t) throw new Invalid();
      total += inner(schema, t, frag.selectionSet, fragments, depth + 1, maxDepth, new Set([...seen, sel.name.value]));
    }
  }
  return total;
}

/** graph-node's query complexity; 0 for queries it cannot type (they fail later with a proper error). */
export function queryComplexity(
  model: ApiModel,
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  maxDepth = 255,
): number {
  const schema = graphqlSchemaOf(model);
  const root = schema.getQueryType();
  if (!root) return 0;
  try {
    return inner(schema, root, set, fragments, 0, maxDepth, new Set());
  } catch (error) {
    if (error instanceof Invalid) return 0;
    throw error;
  }
}
