/**
 * The API schema (SDL) graph-node would serve for a subgraph: the entity types with collection
 * arguments on list fields, `T_orderBy` enums, `T_filter` inputs, the `Query` type and the `_meta`
 * types. Written to a file so the-graph client can build offline against it.
 */
import { writeFileSync } from "node:fs";
import type { FieldDef } from "../store/schema.ts";
import { parseSubgraphSchema } from "../store/schema.ts";
import { type ApiModel, buildApiModel } from "./model.ts";
import { queryFieldNames } from "./names.ts";

const header = `scalar BigDecimal
scalar BigInt
scalar Bytes
"8 bytes signed integer"
scalar Int8
"A string representation of microseconds UNIX timestamp (16 digits)"
scalar Timestamp

"Marks the GraphQL type as indexable entity."
directive @entity(immutable: Boolean, timeseries: Boolean) on OBJECT | INTERFACE
"Defined a Subgraph ID for an object type"
directive @subgraphId(id: String!) on OBJECT
"creates a virtual field on the entity that may be queried but cannot be set manually through the mappings API."
directive @derivedFrom(field: String!) on FIELD_DEFINITION

enum OrderDirection {
  asc
  desc
}

enum Aggregation_interval {
  hour
  day
}

enum Aggregation_current {
  exclude
  include
}

enum _SubgraphErrorPolicy_ {
  "Data will be returned even if the subgraph has indexing errors"
  allow
  "If the subgraph has indexing errors, data will be omitted. The default."
  deny
}

input BlockChangedFilter {
  number_gte: Int!
}

"The block at which the query should be executed."
input Block_height {
  hash: Bytes
  number: Int
  number_gte: Int
}

type _Block_ {
  hash: Bytes
  number: Int!
  timestamp: Int
  parentHash: Bytes
}

type _Meta_ {
  block: _Block_!
  deployment: String!
  hasIndexingErrors: Boolean!
}
`;

function typeRef(f: FieldDef): string {
  if (!f.list) return `${f.typeName}${f.nonNull ? "!" : ""}`;
  return `[${f.typeName}!]${f.nonNull ? "!" : ""}`;
}

function fieldSdl(model: ApiModel, f: FieldDef): string {
  const target = model.types.get(f.typeName);
  const args =
    f.list && target && target.kind !== "aggregation"
      ? `(skip: Int = 0, first: Int = 100, orderBy: ${f.typeName}_orderBy, orderDirection: OrderDirection, where: ${f.typeName}_filter)`
      : "";
  const derived = f.derivedFrom !== null ? ` @derivedFrom(field: ${JSON.stringify(f.derivedFrom)})` : "";
  return `  ${f.name}${args}: ${typeRef(f)}${derived}`;
}

const collectionArgs = (name: string) =>
  `skip: Int = 0, first: Int = 100, orderBy: ${name}_orderBy, orderDirection: OrderDirection, where: ${name}_filter, block: Block_height, subgraphError: _SubgraphErrorPolicy_! = deny`;

/** The API SDL of a parsed model. */
export function apiSdlOf(model: ApiModel): string {
  const { schema } = model;
  const parts: string[] = [header];
  for (const [name, values] of schema.enums) parts.push(`enum ${name} {\n${values.map((v) => `  ${v}`).join("\n")}\n}\n`);
  for (const intf of schema.interfaces.values())
    parts.push(`interface ${intf.name} {\n${intf.fields.map((f) => fieldSdl(model, f)).join("\n")}\n}\n`);
  for (const e of schema.entities.values()) {
    const impl = e.interfaces.length > 0 ? ` implements ${e.interfaces.join(" & ")}` : "";
    const flags = [e.immutable && !e.timeseries ? "immutable: true" : "", e.timeseries ? "timeseries: true" : ""]
      .filter(Boolean)
      .join(", ");
    parts.push(`type ${e.name}${impl} @entity${flags ? `(${flags})` : ""} {\n${e.fields.map((f) => fieldSdl(model, f)).join("\n")}\n}\n`);
  }
  for (const agg of schema.aggregations.values())
    parts.push(`type ${agg.name} {\n${agg.fields.map((f) => fieldSdl(model, f)).join("\n")}\n}\n`);
  const query: string[] = [];
  for (const t of model.types.values()) {
    parts.push(`enum ${t.name}_orderBy {\n${[...t.orderBy.keys()].map((v) => `  ${v}`).join("\n")}\n}\n`);
    const filters = [...t.filters].map(([name, spec]) => `  ${name}: ${spec.gqlType}`);
    filters.push("  _change_block: BlockChangedFilter", `  and: [${t.name}_filter]`, `  or: [${t.name}_filter]`);
    parts.push(`input ${t.name}_filter {\n${filters.join("\n")}\n}\n`);
    const { singular, plural } = queryFieldNames(t.name);
    if (t.kind === "aggregation") {
      query.push(
        `  ${plural}(skip: Int = 0, first: Int = 100, interval: Aggregation_interval!, orderBy: ${t.name}_orderBy, orderDirection: OrderDirection, current: Aggregation_current, where: ${t.name}_filter, block: Block_height, subgraphError: _SubgraphErrorPolicy_! = deny): [${t.name}!]!`,
      );
    } else {
      query.push(`  ${singular}(id: ID!, block: Block_height, subgraphError: _SubgraphErrorPolicy_! = deny): ${t.name}`);
      query.push(`  ${plural}(${collectionArgs(t.name)}): [${t.name}!]!`);
    }
  }
  for (const f of schema.fulltext) {
    query.push(
      `  ${f.name}(text: String!, first: Int = 100, skip: Int = 0, block: Block_height, where: ${f.entity}_filter, subgraphError: _SubgraphErrorPolicy_! = deny): [${f.entity}!]!`,
    );
  }
  query.push('  "Access to subgraph metadata"\n  _meta(block: Block_height): _Meta_');
  parts.push(`type Query {\n${query.join("\n")}\n}\n`);
  return parts.join("\n");
}

/** The API SDL for a subgraph's `schema.graphql`. */
export function apiSdlForSchema(schemaSdl: string): string {
  return apiSdlOf(buildApiModel(parseSubgraphSchema(schemaSdl)));
}

/** Write the API SDL for `schemaSdl` to `file` (for the-graph client's offline builds). */
export function writeApiSchema({ schemaSdl, file }: { schemaSdl: string; file: string }): void {
  writeFileSync(file, apiSdlForSchema(schemaSdl));
}
