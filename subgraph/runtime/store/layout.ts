/**
 * The relational layout: one table per entity type (and per aggregation × interval) with
 * graph-node's block-range versioning as two columns: a version is visible at block B when
 * `block_from <= B AND (block_to IS NULL OR block_to > B)`. Immutable entities never get a block_to.
 */
import type { AggregationDef, EntityTypeDef, FieldDef, SubgraphSchema } from "./schema.ts";
import type { Entity } from "./types.ts";
import { fromColumn, hasKeyColumn, type SqlValue, sqlTypeOf, toColumn, type ValueKind, valueKindOf } from "./values.ts";

export interface ColumnDef {
  field: FieldDef;
  kind: ValueKind;
  /** Quoted SQL column name. */
  col: string;
  /** Quoted key column for BigInt/BigDecimal, else null. */
  keyCol: string | null;
}

export interface TableDef {
  /** Entity or aggregation type name. */
  typeName: string;
  /** Quoted SQL table name. */
  table: string;
  entity: EntityTypeDef;
  columns: Map<string, ColumnDef>;
  idKind: ValueKind;
  /** An `@aggregation` table (written by rollups only), not an entity type's. */
  aggregation: boolean;
}

export const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function tableDef(schema: SubgraphSchema, entity: EntityTypeDef, table: string, aggregation = false): TableDef {
  const columns = new Map<string, ColumnDef>();
  for (const field of entity.stored) {
    const kind = valueKindOf(schema, field);
    columns.set(field.name, {
      field,
      kind,
      col: field.name === "id" ? "id" : quote(`f_${field.name}`),
      keyCol: hasKeyColumn(kind, field.list) ? quote(`k_${field.name}`) : null,
    });
  }
  const idKind = entity.idKind === "Bytes" ? "Bytes" : entity.idKind === "Int8" ? "Int8" : "String";
  return { typeName: entity.name, table, entity, columns, idKind, aggregation };
}

/** The pseudo entity an aggregation's rows are stored as (immutable, Int8 ids). */
export function aggregationEntity(agg: AggregationDef): EntityTypeDef {
  return { name: agg.name, idKind: "Int8", immutable: true, timeseries: false, fields: agg.fields, stored: agg.fields, interfaces: [] };
}

/** All tables of a schema, keyed by entity type name or `Aggregation:interval`. */
export function buildLayout(schema: SubgraphSchema): Map<string, TableDef> {
  const tables = new Map<string, TableDef>();
  for (const entity of schema.entities.values()) tables.set(entity.name, tableDef(schema, entity, quote(`e_${entity.name}`)));
  for (const agg of schema.aggregations.values()) {
    for (const interval of agg.intervals)
      tables.set(`${agg.name}:${interval}`, tableDef(schema, aggregationEntity(agg), quote(`a_${agg.name}_${interval}`), true));
  }
  return tables;
}

/** DDL for one table and its indexes. */
export function tableDdl(t: TableDef): string[] {
  const cols = [
    "vid INTEGER PRIMARY KEY AUTOINCREMENT",
    `id ${sqlTypeOf(t.idKind, false)} NOT NULL`,
    "block_from INTEGER NOT NULL",
    "block_to INTEGER",
  ];
  for (const c of t.columns.values()) {
    if (c.field.name === "id") continue;
    cols.push(`${c.col} ${sqlTypeOf(c.kind, c.field.list)}`);
    if (c.keyCol) cols.push(`${c.keyCol} TEXT`);
  }
  const bare = t.table.slice(1, -1);
  const ddl = [`CREATE TABLE IF NOT EXISTS ${t.table} (${cols.join(", ")})`];
  // An immutable entity has one version, so its id is unique: the index lets a write insert without
  // first looking for an earlier version (a second insert fails and is then examined).
  if (t.entity.immutable && !t.aggregation) ddl.push(`CREATE UNIQUE INDEX IF NOT EXISTS ${quote(`${bare}_id_once`)} ON ${t.table} (id)`);
  else ddl.push(`CREATE INDEX IF NOT EXISTS ${quote(`${bare}_id`)} ON ${t.table} (id, block_from)`);
  for (const c of t.columns.values()) {
    if (c.field.kind === "Ref" && !c.field.list)
      ddl.push(`CREATE INDEX IF NOT EXISTS ${quote(`${bare}_${c.field.name}`)} ON ${t.table} (${c.col})`);
  }
  return ddl;
}

/** Column names and values to insert for an entity (id, fields, key columns). */
export function encodeRow(t: TableDef, data: Entity): { names: string[]; values: SqlValue[] } {
  const names: string[] = [];
  const values: SqlValue[] = [];
  for (const c of t.columns.values()) {
    const encoded = toColumn(c.kind, c.field.list, data[c.field.name] ?? null);
    names.push(c.col);
    values.push(encoded.value);
    if (c.keyCol) {
      names.push(c.keyCol);
      values.push(encoded.key ?? null);
    }
  }
  return { names, values };
}

/** A stored row back to an entity: null fields are left out, as graph-node returns them. */
export function decodeRow(t: TableDef, row: Record<string, unknown>): Entity {
  const entity: Entity = {};
  for (const c of t.columns.values()) {
    const raw = row[c.field.name === "id" ? "id" : `f_${c.field.name}`];
    const value = fromColumn(c.kind, c.field.list, raw);
    if (value !== null) entity[c.field.name] = value;
  }
  return entity;
}
