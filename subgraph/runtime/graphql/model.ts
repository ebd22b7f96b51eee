/**
 * The generated query API as data (graph-node `graph/src/schema/api.rs`): root fields, the
 * `T_filter` fields with the operator and value type each one means, and the `T_orderBy` values.
 * Both the SDL writer and the executor read this model, so what the schema advertises is what runs.
 */
import type { FilterOp } from "../store/query.ts";
import { concreteTypes, type FieldDef, type FulltextDef, idKindOf, type SubgraphSchema } from "../store/schema.ts";
import { idKindAsValueKind, type ValueKind } from "../store/values.ts";
import { queryFieldNames } from "./names.ts";

export type FilterSpec =
  | { kind: "cmp"; field: FieldDef; op: FilterOp; valueKind: ValueKind; listValue: boolean; gqlType: string }
  | { kind: "child"; field: FieldDef; target: string; gqlType: string };

export interface TypeApi {
  /** Entity, interface or aggregation name. */
  name: string;
  kind: "entity" | "interface" | "aggregation";
  fields: FieldDef[];
  filters: Map<string, FilterSpec>;
  /** orderBy enum value → field (and child field for `parent__child`). */
  orderBy: Map<string, { field: string; child?: string }>;
}

export type RootField =
  | { kind: "single"; typeName: string }
  | { kind: "plural"; typeName: string }
  | { kind: "aggregation"; typeName: string }
  | { kind: "fulltext"; typeName: string; fulltext: FulltextDef };

export interface ApiModel {
  schema: SubgraphSchema;
  types: Map<string, TypeApi>;
  root: Map<string, RootField>;
}

const objectOps: Record<string, string[]> = {
  Boolean: ["", "not", "in", "not_in"],
  Bytes: ["", "not", "gt", "lt", "gte", "lte", "in", "not_in", "contains", "not_contains"],
  ID: ["", "not", "gt", "lt", "gte", "lte", "in", "not_in"],
  Number: ["", "not", "gt", "lt", "gte", "lte", "in", "not_in"],
  String: [
    "",
    "not",
    "gt",
    "lt",
    "gte",
    "lte",
    "in",
    "not_in",
    "contains",
    "contains_nocase",
    "not_contains",
    "not_contains_nocase",
    "starts_with",
    "starts_with_nocase",
    "not_starts_with",
    "not_starts_with_nocase",
    "ends_with",
    "ends_with_nocase",
    "not_ends_with",
    "not_ends_with_nocase",
  ],
};
const numberTypes = new Set(["BigInt", "BigDecimal", "Int", "Int8", "Timestamp"]);

function opsFor(scalar: string, aggregation: boolean): string[] {
  if (aggregation) return numberTypes.has(scalar) ? ["", "gt", "lt", "gte", "lte", "in"] : [""];
  if (numberTypes.has(scalar)) return objectOps.Number;
  return objectOps[scalar] ?? ["", "not"];
}

/** The GraphQL scalar graph-node uses for filtering by a reference (String for String/Bytes ids, Int for Int8). */
function refScalar(schema: SubgraphSchema, typeName: string): { gql: string; kind: ValueKind } {
  const id = idKindOf(schema, typeName);
  return { gql: id === "Int8" ? "Int" : "String", kind: idKindAsValueKind(id) };
}

function filtersFor(schema: SubgraphSchema, fields: FieldDef[], aggregation: boolean): Map<string, FilterSpec> {
  const out = new Map<string, FilterSpec>();
  const add = (field: FieldDef, ops: string[], gql: string, valueKind: ValueKind, listField: boolean) => {
    for (const op of ops) {
      const listValue = listField || op === "in" || op === "not_in";
      out.set(op === "" ? field.name : `${field.name}_${op}`, {
        kind: "cmp",
        field,
        op: (op === "" ? "eq" : op) as FilterOp,
        valueKind,
        listValue,
        gqlType: listValue ? `[${gql}!]` : gql,
      });
    }
  };
  for (const field of fields) {
    const isRef = field.kind === "Ref";
    if (field.list) {
      if (isRef && field.derivedFrom !== null) {
        out.set(`${field.name}_`, { kind: "child", field, target: field.typeName, gqlType: `${field.typeName}_filter` });
        continue;
      }
      const scalar = isRef ? refScalar(schema, field.typeName) : { gql: field.typeName, kind: field.kind as ValueKind };
      const nocase = isRef ? idKindOf(schema, field.typeName) === "String" : field.kind === "String" || field.kind === "ID";
      add(
        field,
        nocase
          ? ["", "not", "contains", "contains_nocase", "not_contains", "not_contains_nocase"]
          : ["", "not", "contains", "not_contains"],
        scalar.gql,
        scalar.kind,
        true,
      );
      if (isRef) out.set(`${field.name}_`, { kind: "child", field, target: field.typeName, gqlType: `${field.typeName}_filter` });
      continue;
    }
    if (isRef) {
      if (field.derivedFrom === null) {
        const scalar = refScalar(schema, field.typeName);
        add(field, opsFor(scalar.gql, aggregation), scalar.gql, scalar.kind, false);
      }
      out.set(`${field.name}_`, { kind: "child", field, target: field.typeName, gqlType: `${field.typeName}_filter` });
    } else if (field.kind === "Enum") {
      add(field, aggregation ? [""] : ["", "not", "in", "not_in"], field.typeName, "Enum", false);
    } else {
      add(field, opsFor(field.typeName, aggregation), field.typeName, field.kind as ValueKind, false);
    }
  }
  return out;
}

function orderByFor(schema: SubgraphSchema, fields: FieldDef[]): Map<string, { field: string; child?: string }> {
  const out = new Map<string, { field: string; child?: string }>();
  for (const field of fields) {
    out.set(field.name, { field: field.name });
    if (field.kind !== "Ref" || field.list) continue;
    const childFields = schema.entities.get(field.typeName)?.fields ?? schema.interfaces.get(field.typeName)?.fields ?? [];
    for (const child of childFields) {
      if (child.list || child.kind === "Ref") continue;
      out.set(`${field.name}__${child.name}`, { field: field.name, child: child.name });
    }
  }
  return out;
}

/** Build the API model of a parsed subgraph schema. */
export function buildApiModel(schema: SubgraphSchema): ApiModel {
  const types = new Map<string, TypeApi>();
  const root = new Map<string, RootField>();
  const addRoot = (name: string) => {
    const { singular, plural } = queryFieldNames(name);
    root.set(singular, { kind: "single", typeName: name });
    root.set(plural, { kind: "plural", typeName: name });
  };
  for (const entity of schema.entities.values()) {
    types.set(entity.name, {
      name: entity.name,
      kind: "entity",
      fields: entity.fields,
      filters: filtersFor(schema, entity.fields, false),
      orderBy: orderByFor(schema, entity.fields),
    });
    addRoot(entity.name);
  }
  for (const intf of schema.interfaces.values()) {
    types.set(intf.name, {
      name: intf.name,
      kind: "interface",
      fields: intf.fields,
      filters: filtersFor(schema, intf.fields, false),
      orderBy: orderByFor(schema, intf.fields),
    });
    addRoot(intf.name);
  }
  for (const agg of schema.aggregations.values()) {
    const filterFields = agg.fields.filter((f) => !agg.aggregates.some((a) => a.name === f.name));
    types.set(agg.name, {
      name: agg.name,
      kind: "aggregation",
      fields: agg.fields,
      filters: filtersFor(schema, filterFields, true),
      orderBy: orderByFor(schema, agg.fields),
    });
    root.set(queryFieldNames(agg.name).plural, { kind: "aggregation", typeName: agg.name });
  }
  for (const fulltext of schema.fulltext) root.set(fulltext.name, { kind: "fulltext", typeName: fulltext.entity, fulltext });
  return { schema, types, root };
}

/** Concrete entity type names behind a type (itself for entities and aggregations). */
export function concreteNames(model: ApiModel, typeName: string): string[] {
  if (model.schema.aggregations.has(typeName)) return [typeName];
  return concreteTypes(model.schema, typeName).map((e) => e.name);
}
