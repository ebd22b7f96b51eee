/**
 * The subgraph's `schema.graphql` as the host needs it: entity types with their id type, fields
 * (scalar, enum or entity reference, list, nullability, `@derivedFrom`) and `immutable` flags.
 * graph-node validates every `store.set` against this; so does the host (see validate.ts).
 */
import { type FieldDefinitionNode, Kind, parse, type TypeNode } from "graphql";
import { ManifestError } from "../host/errors.ts";

export type IdType = "String" | "Bytes" | "Int8";

export interface FieldDef {
  name: string;
  /** Scalar name (ID, String, Bytes, Int, Int8, BigInt, BigDecimal, Boolean, Timestamp), enum or entity name. */
  typeName: string;
  category: "scalar" | "enum" | "entity";
  list: boolean;
  nonNull: boolean;
  /** For `@derivedFrom(field: ...)`: the field on the referenced type. */
  derivedFrom?: string;
}

export interface EntityType {
  name: string;
  idType: IdType;
  immutable: boolean;
  skipDuplicates: boolean;
  fields: Map<string, FieldDef>;
}

export interface SubgraphSchema {
  sdl: string;
  entities: Map<string, EntityType>;
  /** Interface name -> implementing entity names (references to an interface take its implementers' id type). */
  interfaces: Map<string, string[]>;
  enums: Set<string>;
}

const SCALARS = new Set(["ID", "String", "Bytes", "Int", "Int8", "BigInt", "BigDecimal", "Boolean", "Timestamp"]);

function unwrap(type: TypeNode): { name: string; list: boolean; nonNull: boolean } {
  let nonNull = false;
  let list = false;
  let t = type;
  if (t.kind === Kind.NON_NULL_TYPE) {
    nonNull = true;
    t = t.type;
  }
  if (t.kind === Kind.LIST_TYPE) {
    list = true;
    t = t.type;
    if (t.kind === Kind.NON_NULL_TYPE) t = t.type;
  }
  if (t.kind !== Kind.NAMED_TYPE) throw new ManifestError("nested list types are not supported in schema.graphql");
  return { name: t.name.value, list, nonNull };
}

function directiveArg(
  field: { directives?: readonly { name: { value: string }; arguments?: readonly unknown[] }[] },
  directive: string,
  arg: string,
) {
  const d = field.directives?.find((x) => x.name.value === directive);
  if (!d) return undefined;
  const a = (d.arguments as Array<{ name: { value: string }; value: { kind: string; value?: unknown } }> | undefined)?.find(
    (x) => x.name.value === arg,
  );
  return a ? (a.value.value ?? true) : null;
}

/** Parses schema.graphql text; throws ManifestError naming the type on anything the host cannot use. */
export function parseSchema(sdl: string): SubgraphSchema {
  const doc = parse(sdl);
  const entities = new Map<string, EntityType>();
  const interfaces = new Map<string, string[]>();
  const enums = new Set<string>();
  const objectFields: Array<[string, readonly FieldDefinitionNode[]]> = [];
  for (const def of doc.definitions) {
    if (def.kind === Kind.ENUM_TYPE_DEFINITION) enums.add(def.name.value);
    if (def.kind === Kind.INTERFACE_TYPE_DEFINITION) interfaces.set(def.name.value, []);
  }
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION || !def.directives?.some((d) => d.name.value === "entity")) continue;
    const immutable = directiveArg(def, "entity", "immutable") === true || directiveArg(def, "entity", "timeseries") === true;
    const skipDuplicates = directiveArg(def, "entity", "skipDuplicates") === true;
    const idField = def.fields?.find((f) => f.name.value === "id");
    if (!idField) throw new ManifestError(`entity ${def.name.value} has no id field`);
    const idName = unwrap(idField.type).name;
    const idType: IdType = idName === "Bytes" ? "Bytes" : idName === "Int8" ? "Int8" : "String";
    entities.set(def.name.value, { name: def.name.value, idType, immutable, skipDuplicates, fields: new Map() });
    objectFields.push([def.name.value, def.fields ?? []]);
    for (const i of def.interfaces ?? []) interfaces.get(i.name.value)?.push(def.name.value);
  }
  for (const [entityName, fields] of objectFields) {
    const entity = entities.get(entityName) as EntityType;
    for (const f of fields) {
      const { name, list, nonNull } = unwrap(f.type);
      const category = SCALARS.has(name) ? "scalar" : enums.has(name) ? "enum" : "entity";
      if (category === "entity" && !entities.has(name) && !interfaces.has(name)) {
        throw new ManifestError(`field ${entityName}.${f.name.value} has unknown type ${name}`);
      }
      const derived = directiveArg(f, "derivedFrom", "field");
      entity.fields.set(f.name.value, {
        name: f.name.value,
        typeName: name,
        category,
        list,
        nonNull,
        ...(typeof derived === "string" ? { derivedFrom: derived } : {}),
      });
    }
  }
  return { sdl, entities, interfaces, enums };
}

/** The id type a reference to `typeName` (entity or interface) stores. */
export function referenceIdType(schema: SubgraphSchema, typeName: string): IdType {
  const entity = schema.entities.get(typeName);
  if (entity) return entity.idType;
  const first = schema.interfaces.get(typeName)?.[0];
  return first ? (schema.entities.get(first)?.idType ?? "String") : "String";
}
