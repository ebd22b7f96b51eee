/**
 * graph-node's `@aggregation` rollups: when a block's time enters a new interval bucket, the
 * timeseries rows of the finished buckets are grouped by bucket start and dimensions and written as
 * immutable aggregation rows at that block (id = the largest source id in the group, as graph-node).
 * Supported functions: count, sum, min, max, first, last over a plain source field; not `cumulative`.
 */
import { addBigDecimal, compareBigDecimal } from "./decimal.ts";
import { decodeRow, encodeRow, type TableDef } from "./layout.ts";
import type { AggregateDef, AggregationDef, SubgraphSchema } from "./schema.ts";
import type { Sqlite } from "./sqlite.ts";
import type { Entity, EntityValue } from "./types.ts";

const intervalSeconds = { hour: 3600, day: 86400 } as const;

function compare(kind: AggregateDef["kind"], a: EntityValue, b: EntityValue): number {
  if (kind === "BigDecimal") return compareBigDecimal(String(a), String(b));
  if (typeof a === "bigint" || typeof b === "bigint")
    return BigInt(a as bigint) < BigInt(b as bigint) ? -1 : BigInt(a as bigint) > BigInt(b as bigint) ? 1 : 0;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function add(kind: AggregateDef["kind"], a: EntityValue, b: EntityValue): EntityValue {
  if (kind === "BigDecimal") return addBigDecimal(String(a), String(b));
  if (kind === "Int") return Number(a) + Number(b);
  return BigInt(a as bigint) + BigInt(b as bigint);
}

function aggregateRows(agg: AggregateDef, rows: Entity[]): EntityValue {
  if (agg.fn === "count") return agg.kind === "Int" ? rows.length : BigInt(rows.length);
  const values = rows.map((r) => r[agg.arg ?? ""] ?? null).filter((v) => v !== null);
  if (values.length === 0) return null;
  if (agg.fn === "first") return values[0];
  if (agg.fn === "last") return values[values.length - 1];
  if (agg.fn === "sum") return values.slice(1).reduce<EntityValue>((acc, v) => add(agg.kind, acc, v), values[0]);
  const sign = agg.fn === "min" ? -1 : 1;
  return values.reduce((acc, v) => (compare(agg.kind, v, acc) * sign > 0 ? v : acc));
}

function groupKey(agg: AggregationDef, row: Entity): string {
  return JSON.stringify(
    agg.dimensions.map((d) => row[d.name] ?? null),
    (_k, v) => (typeof v === "bigint" ? v.toString() : v),
  );
}

/** Roll up every aggregation whose bucket boundary lies between `prevSeconds` and `nowSeconds`. */
export function rollUp(
  db: Sqlite,
  schema: SubgraphSchema,
  tables: Map<string, TableDef>,
  prevSeconds: number,
  nowSeconds: number,
  block: number,
): void {
  for (const agg of schema.aggregations.values()) {
    const source = tables.get(agg.source);
    if (!source) continue;
    for (const interval of agg.intervals) {
      const secs = intervalSeconds[interval];
      const startBucket = Math.floor(prevSeconds / secs);
      const endBucket = Math.floor(nowSeconds / secs);
      if (endBucket <= startBucket) continue;
      const target = tables.get(`${agg.name}:${interval}`);
      if (!target) continue;
      const fromMicros = BigInt(startBucket * secs) * 1_000_000n;
      const toMicros = BigInt(endBucket * secs) * 1_000_000n;
      const tsCol = source.columns.get("timestamp")?.col ?? '"f_timestamp"';
      const rows = db
        .prepare(`SELECT * FROM ${source.table} WHERE block_to IS NULL AND ${tsCol} >= ? AND ${tsCol} < ? ORDER BY id`)
        .all(fromMicros, toMicros);
      const groups = new Map<string, { bucket: bigint; rows: Entity[] }>();
      for (const raw of rows) {
        const row = decodeRow(source, raw as Record<string, unknown>);
        const bucketMicros = BigInt(secs) * 1_000_000n;
        const bucket = ((row.timestamp as bigint) / bucketMicros) * bucketMicros;
        const key = `${bucket}|${groupKey(agg, row)}`;
        const group = groups.get(key) ?? { bucket, rows: [] };
        group.rows.push(row);
        groups.set(key, group);
      }
      for (const { bucket, rows: groupRows } of groups.values()) {
        const out: Entity = {
          id: groupRows.reduce((m, r) => ((r.id as bigint) > m ? (r.id as bigint) : m), groupRows[0].id as bigint),
          timestamp: bucket,
        };
        for (const d of agg.dimensions) out[d.name] = groupRows[0][d.name] ?? null;
        for (const a of agg.aggregates) out[a.name] = aggregateRows(a, groupRows);
        const { names, values } = encodeRow(target, out);
        db.prepare(
          `INSERT INTO ${target.table} (block_from, block_to, ${names.join(", ")}) VALUES (?, NULL, ${names.map(() => "?").join(", ")})`,
        ).run(block, ...values);
      }
    }
  }
}
