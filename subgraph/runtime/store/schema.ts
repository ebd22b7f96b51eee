/**
 * The subgraph's `schema.graphql`, read into the model the store and the GraphQL API share: entity
 * types with their fields (scalar kind, list, nullability, reference, `@derivedFrom`), interfaces,
 * enums, timeseries entities and `@aggregation` types (graph-host-spec §5.1, §6).
 */
import { type ConstDirectiveNode, Kind, parse, type TypeNode, type ValueNode } from "graphql";

/** Built-in scalars of a subgraph schema. */
export type ScalarKind = "ID" | "String" | "Bytes" | "Int" | "Int8" | "BigInt" | "BigDecimal" | "Boolean" | "Timestamp";

/** The id types graph-node allows. */
export type IdKind = "String" | "Bytes" | "Int8";

export interface FieldDef {
  name: string;
  /** Base type name as written (scalar, enum, entity, interface). */
  typeName: string;
  /** The column kind: a scalar, `Enum`, or `Ref` (entity or interface reference). */
  kind: ScalarKind | "Enum" | "Ref";
  list: boolean;
  nonNull: boolean;
  /** For `@derivedFrom(field: "x")`: the child's field that points back. */
  derivedFrom: string | null;
}

export interface EntityTypeDef {
  name: string;
  idKind: IdKind;
  immutable: boolean;
  /** `@entity(immutable: true, skipDuplicates: true)`: later writes of an existing id are ignored. */
  skipDuplicates?: boolean;
  timeseries: boolean;
  fields: FieldDef[];
  /** Fields stored as columns: every field except `@derivedFrom` ones. */
  stored: FieldDef[];
  interfaces: string[];
}

export interface InterfaceDef {
  name: string;
  fields: FieldDef[];
  implementers: string[];
}

export interface AggregateDef {
  name: string;
  fn: "sum" | "count" | "min" | "max" | "first" | "last";
  arg: string | null;
  kind: ScalarKind;
}

export interface AggregationDef {
  name: string;
  source: string;
  intervals: Array<"hour" | "day">;
  /** id, timestamp, the dimensions and the aggregates, in schema order. */
  fields: FieldDef[];
  dimensions: FieldDef[];
  aggregates: AggregateDef[];
}

/** A `@fulltext` directive on `_Schema_`: a search field over some string fields of one entity. */
export interface FulltextDef {
  name: string;
  entity: string;
  fields: string[];
  language: string;
  algorithm: "rank" | "proximityRank";
}

export interface SubgraphSchema {
  sdl: string;
  fulltext: FulltextDef[];
  entities: Map<string, EntityTypeDef>;
  interfaces: Map<string, InterfaceDef>;
  aggregations: Map<string, AggregationDef>;
  enums: Map<string, string[]>;
}

/** Raised when `schema.graphql` cannot be used. */
export class SchemaError extends Error {
  override name = "SchemaError";
}

const scalarKinds = new Set<string>(["ID", "String", "Bytes", "Int", "Int8", "BigInt", "BigDecimal", "Boolean", "Timestamp"]);

function unwrap(type: TypeNode): { typeName: string; list: boolean; nonNull: boolean } {
  let node = type;
  let nonNull = false;
  let list = false;
  if (node.kind === Kind.NON_NULL_TYPE) {
    nonNull = true;
    node = node.type;
  }
  if (node.kind === Kind.LIST_TYPE) {
    list = true;
    node = node.type;
    if (node.kind === Kind.NON_NULL_TYPE) node = node.type;
  }
  if (node.kind !== Kind.NAMED_TYPE) throw new SchemaError("nested lists are not supported in schema.graphql");
  return { typeName: node.name.value, list, nonNull };
}

function directiveArg(directives: readonly ConstDirectiveNode[] | undefined, name: string, arg: string): ValueNode | undefined {
  return directives?.find((d) => d.name.value === name)?.arguments?.find((a) => a.name.value === arg)?.value;
}

function hasDirective(directives: readonly ConstDirectiveNode[] | undefined, name: string): boolean {
  return directives?.some((d) => d.name.value === name) ?? false;
}

function boolArg(value: ValueNode | undefined): boolean {
  return value?.kind === Kind.BOOLEAN && value.value;
}

function stringArg(value: ValueNode | undefined): string | null {
  return value?.kind === Kind.STRING ? value.value : null;
}

/** Parse `schema.graphql` into the store's model; throws SchemaError on what graph-node would reject. */
export function parseSubgraphSchema(sdl: string): SubgraphSchema {
  const doc = parse(sdl);
  const entityNames = new Set<string>();
  const interfaceNames = new Set<string>();
  const enums = new Map<string, string[]>();
  for (const def of doc.definitions) {
    if (def.kind === Kind.OBJECT_TYPE_DEFINITION && hasDirective(def.directives, "entity")) entityNames.add(def.name.value);
    if (def.kind === Kind.INTERFACE_TYPE_DEFINITION) interfaceNames.add(def.name.value);
    if (def.kind === Kind.ENUM_TYPE_DEFINITION)
      enums.set(
        def.name.value,
        (def.values ?? []).map((v) => v.name.value),
      );
  }
  const fieldOf = (
    owner: string,
    node: { name: { value: string }; type: TypeNode; directives?: readonly ConstDirectiveNode[] },
  ): FieldDef => {
    const { typeName, list, nonNull } = unwrap(node.type);
    let kind: FieldDef["kind"];
    if (scalarKinds.has(typeName)) kind = typeName as ScalarKind;
    else if (enums.has(typeName)) kind = "Enum";
    else if (entityNames.has(typeName) || interfaceNames.has(typeName)) kind = "Ref";
    else throw new SchemaError(`${owner}.${node.name.value} has unknown type ${typeName}`);
    return {
      name: node.name.value,
      typeName,
      kind,
      list,
      nonNull,
      derivedFrom: stringArg(directiveArg(node.directives, "derivedFrom", "field")),
    };
  };

  const entities = new Map<string, EntityTypeDef>();
  const interfaces = new Map<string, InterfaceDef>();
  const aggregations = new Map<string, AggregationDef>();
  for (const def of doc.definitions) {
    if (def.kind === Kind.INTERFACE_TYPE_DEFINITION) {
      const name = def.name.value;
      interfaces.set(name, { name, fields: (def.fields ?? []).map((f) => fieldOf(name, f)), implementers: [] });
    }
  }
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const name = def.name.value;
    if (hasDirective(def.directives, "aggregation")) {
      aggregations.set(name, aggregationOf(name, def.directives, def.fields ?? [], fieldOf));
      continue;
    }
    if (!entityNames.has(name)) continue;
    const fields = (def.fields ?? []).map((f) => fieldOf(name, f));
    const idField = fields.find((f) => f.name === "id");
    if (!idField) throw new SchemaError(`entity ${name} has no id field`);
    const idKind: IdKind | null =
      idField.kind === "ID" || idField.kind === "String"
        ? "String"
        : idField.kind === "Bytes"
          ? "Bytes"
          : idField.kind === "Int8"
            ? "Int8"
            : null;
    if (!idKind) throw new SchemaError(`entity ${name} has id of type ${idField.typeName}; use ID, String, Bytes or Int8`);
    const timeseries = boolArg(directiveArg(def.directives, "entity", "timeseries"));
    const entity: EntityTypeDef = {
      name,
      idKind,
      immutable: timeseries || boolArg(directiveArg(def.directives, "entity", "immutable")),
      skipDuplicates: boolArg(directiveArg(def.directives, "entity", "skipDuplicates")),
      timeseries,
      fields,
      stored: fields.filter((f) => f.derivedFrom === null),
      interfaces: (def.interfaces ?? []).map((i) => i.name.value),
    };
    entities.set(name, entity);
    for (const i of entity.interfaces) interfaces.get(i)?.implementers.push(name);
  }
  const fulltext: FulltextDef[] = [];
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION || def.name.value !== "_Schema_") continue;
    for (const d of def.directives ?? []) if (d.name.value === "fulltext") fulltext.push(fulltextOf(d, entities));
  }
  return { sdl, fulltext, entities, interfaces, aggregations, enums };
}

function fulltextOf(d: ConstDirectiveNode, entities: Map<string, EntityTypeDef>): FulltextDef {
  const arg = (name: string) => d.arguments?.find((a) => a.name.value === name)?.value;
  const name = stringArg(arg("name"));
  const include = arg("include");
  const first = include?.kind === Kind.LIST ? include.values[0] : undefined;
  if (!name || first?.kind !== Kind.OBJECT) throw new SchemaError("@fulltext needs a name and include: [{ entity, fields }]");
  const entity = stringArg(first.fields.find((f) => f.name.value === "entity")?.value);
  const fieldsNode = first.fields.find((f) => f.name.value === "fields")?.value;
  const fields =
    fieldsNode?.kind === Kind.LIST
      ? fieldsNode.values.flatMap((v) => (v.kind === Kind.OBJECT ? [stringArg(v.fields.find((f) => f.name.value === "name")?.value)] : []))
      : [];
  if (!entity || !entities.has(entity)) throw new SchemaError(`@fulltext ${name}: unknown entity ${entity}`);
  const known = new Set(entities.get(entity)?.stored.map((f) => f.name));
  if (fields.length === 0 || fields.some((f) => f === null || !known.has(f)))
    throw new SchemaError(`@fulltext ${name}: fields must be fields of ${entity}`);
  const language = arg("language");
  const algorithm = arg("algorithm");
  return {
    name,
    entity,
    fields: fields as string[],
    language: language?.kind === Kind.ENUM || language?.kind === Kind.STRING ? language.value : "simple",
    algorithm: algorithm?.kind === Kind.ENUM && algorithm.value === "proximityRank" ? "proximityRank" : "rank",
  };
}

function aggregationOf(
  name: string,
  directives: readonly ConstDirectiveNode[] | undefined,
  fieldNodes: ReadonlyArray<{ name: { value: string }; type: TypeNode; directives?: readonly ConstDirectiveNode[] }>,
  fieldOf: (owner: string, node: { name: { value: string }; type: TypeNode; directives?: readonly ConstDirectiveNode[] }) => FieldDef,
): AggregationDef {
  const source = stringArg(directiveArg(directives, "aggregation", "source"));
  if (!source) throw new SchemaError(`aggregation ${name} needs @aggregation(source: "...")`);
  const intervalsNode = directiveArg(directives, "aggregation", "intervals");
  const intervals: Array<"hour" | "day"> = [];
  if (intervalsNode?.kind === Kind.LIST) {
    for (const v of intervalsNode.values) if (v.kind === Kind.STRING && (v.value === "hour" || v.value === "day")) intervals.push(v.value);
  }
  const fields: FieldDef[] = [];
  const dimensions: FieldDef[] = [];
  const aggregates: AggregateDef[] = [];
  for (const node of fieldNodes) {
    const field = fieldOf(name, node);
    fields.push(field);
    const fn = stringArg(directiveArg(node.directives, "aggregate", "fn"));
    if (fn) {
      if (!["sum", "count", "min", "max", "first", "last"].includes(fn))
        throw new SchemaError(`${name}.${field.name}: unsupported aggregate fn ${fn}`);
      aggregates.push({
        name: field.name,
        fn: fn as AggregateDef["fn"],
        arg: stringArg(directiveArg(node.directives, "aggregate", "arg")),
        kind: field.kind as ScalarKind,
      });
    } else if (field.name !== "id" && field.name !== "timestamp") dimensions.push(field);
  }
  return { name, source, intervals, fields, dimensions, aggregates };
}

/** The concrete entity types behind an entity or interface name (empty when unknown). */
export function concreteTypes(schema: SubgraphSchema, typeName: string): EntityTypeDef[] {
  const entity = schema.entities.get(typeName);
  if (entity) return [entity];
  const intf = schema.interfaces.get(typeName);
  if (!intf) return [];
  return intf.implementers.map((n) => schema.entities.get(n)).filter((e): e is EntityTypeDef => e !== undefined);
}

/** The id kind of an entity or interface (interfaces take their first implementer's; String when none). */
export function idKindOf(schema: SubgraphSchema, typeName: string): IdKind {
  return concreteTypes(schema, typeName)[0]?.idKind ?? "String";
}
