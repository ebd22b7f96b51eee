/**
 * Writes raw rows into the warehouse with bound parameters: `INSERT OR REPLACE` by primary key, so
 * writing a page twice (a resumed sync) changes nothing. Values arrive as JS strings/numbers/booleans;
 * each column's kind says how SQL casts them (wei as HUGEINT from decimal text, times from epoch seconds).
 */
import type { Warehouse } from "../db.ts";

export type Cell = string | number | boolean | bigint | null;
export type RawRow = Record<string, Cell>;
/** Rows per raw table. */
export type TableRows = Partial<Record<TableName, RawRow[]>>;

export type Kind = "text" | "int" | "hugeint" | "bool" | "double" | "seconds";

/** Column kinds of every raw table sync writes (names and order as in warehouse/schema.sql). */
export const tables = {
  collections: { contract_address: "text", name: "text", symbol: "text", total_supply: "int", source: "text" },
  tokens: { contract_address: "text", token_id: "text", owner: "text", token_uri: "text", mint_tx_hash: "text" },
  sales: {
    sale_id: "text",
    source: "text",
    block_number: "int",
    block_time: "seconds",
    tx_hash: "text",
    log_index: "int",
    trade_index: "int",
    contract_address: "text",
    token_id: "text",
    buyer: "text",
    seller: "text",
    price_wei: "hugeint",
    seller_proceeds_wei: "hugeint",
    marketplace_fee_wei: "hugeint",
    royalty_wei: "hugeint",
    currency: "text",
    is_bundle: "bool",
    price_is_estimated: "bool",
    marketplace: "text",
    marketplace_version: "text",
    order_hash: "text",
  },
  sale_fees: { sale_id: "text", recipient: "text", kind: "text", amount_wei: "hugeint" },
  mints: {
    mint_id: "text",
    block_number: "int",
    block_time: "seconds",
    tx_hash: "text",
    log_index: "int",
    contract_address: "text",
    token_id: "text",
    minter: "text",
    price_wei: "hugeint",
    currency: "text",
    gas_cost_wei: "hugeint",
  },
  transfers: {
    transfer_id: "text",
    block_number: "int",
    block_time: "seconds",
    tx_hash: "text",
    log_index: "int",
    contract_address: "text",
    token_id: "text",
    from_address: "text",
    to_address: "text",
  },
  transactions: {
    tx_hash: "text",
    block_number: "int",
    block_time: "seconds",
    from_address: "text",
    to_address: "text",
    value_wei: "hugeint",
    gas_used: "int",
    gas_price_wei: "hugeint",
    base_fee_per_gas_wei: "hugeint",
  },
  blocks: {
    block_number: "int",
    block_hash: "text",
    block_time: "seconds",
    gas_used: "int",
    gas_limit: "int",
    base_fee_per_gas_wei: "hugeint",
    transaction_count: "int",
  },
  price_points: {
    price_point_id: "text",
    feed: "text",
    answer: "hugeint",
    decimals: "int",
    round_id: "text",
    block_number: "int",
    block_time: "seconds",
    price_usd: "double",
  },
  first_funding: { address: "text", funder: "text", block_number: "int", tx_hash: "text" },
  token_metadata: {
    contract_address: "text",
    token_id: "text",
    name: "text",
    image_data_uri: "text",
    image_url: "text",
    fetched_at: "seconds",
    error: "text",
  },
  token_attributes: { contract_address: "text", token_id: "text", trait_type: "text", trait_value: "text" },
} as const satisfies Record<string, Record<string, Kind>>;

export type TableName = keyof typeof tables;

const castOf: Record<Kind, (p: string) => string> = {
  text: (p) => `${p}::VARCHAR`,
  int: (p) => `${p}::BIGINT`,
  hugeint: (p) => `${p}::HUGEINT`,
  bool: (p) => `${p}::BOOLEAN`,
  double: (p) => `${p}::DOUBLE`,
  // make_timestamp(µs) is a plain TIMESTAMP in UTC, independent of the session's TimeZone.
  seconds: (p) => `make_timestamp(${p}::BIGINT * 1000000)`,
};

/**
 * Rows go through the appender into an all-VARCHAR TEMP staging table, then one set-based
 * `INSERT … SELECT` casts them into place: far faster in DuckDB than multi-row VALUES with bound
 * parameters (see bench/sync.bench.ts), and still free of string interpolation of values.
 */
function castText(cell: Cell | undefined): string | null {
  if (cell === undefined || cell === null) return null;
  if (typeof cell === "boolean") return cell ? "true" : "false";
  return String(cell);
}

/**
 * Upserts `rows` into `table` (`mode: "ignore"` keeps existing rows instead). Call inside
 * `warehouse.transaction` to make a page atomic with its cursor.
 */
export async function writeRows(
  warehouse: Warehouse,
  table: TableName,
  rows: RawRow[],
  mode: "replace" | "ignore" = "replace",
): Promise<void> {
  await insertRows(warehouse, table, tables[table], rows, mode);
}

/** Inserts into any table (e.g. a TEMP table) given its column kinds. */
export async function insertRows(
  warehouse: Warehouse,
  table: string,
  kinds: Record<string, Kind>,
  rows: RawRow[],
  mode: "replace" | "ignore" | "plain" = "plain",
): Promise<void> {
  if (!rows.length) return;
  const columns = Object.entries(kinds);
  const stage = `stage_${table}`;
  // IF NOT EXISTS every time: a rolled-back transaction also rolls back the table's creation.
  await warehouse.run(`CREATE TEMP TABLE IF NOT EXISTS ${stage} (${columns.map(([c]) => `${c} VARCHAR`).join(", ")})`);
  await warehouse.run(`DELETE FROM ${stage}`);
  const appender = await warehouse.connection.createAppender(stage, "main", "temp");
  try {
    for (const row of rows) {
      for (const [c] of columns) {
        const text = castText(row[c]);
        if (text === null) appender.appendNull();
        else appender.appendVarchar(text);
      }
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  const verb = { replace: "INSERT OR REPLACE", ignore: "INSERT OR IGNORE", plain: "INSERT" }[mode];
  await warehouse.run(
    `${verb} INTO ${table} (${columns.map(([c]) => c).join(", ")}) SELECT ${columns.map(([c, kind]) => castOf[kind](c)).join(", ")} FROM ${stage}`,
  );
}

/** Writes every table's rows (in the order given). */
export async function writeTableRows(warehouse: Warehouse, rows: TableRows, mode: "replace" | "ignore" = "replace"): Promise<void> {
  for (const [table, list] of Object.entries(rows) as Array<[TableName, RawRow[]]>) {
    if (list.length) await writeRows(warehouse, table, list, mode);
  }
}

/** Reads a sync cursor (null when absent). */
export async function readState(warehouse: Warehouse, source: string): Promise<{ cursor: string; blockNumber: number | null } | null> {
  const rows = await warehouse.all<{ cursor: string; block_number: string | number | null }>(
    "SELECT cursor, block_number FROM sync_state WHERE source = $1",
    [source],
  );
  if (!rows.length) return null;
  return { cursor: rows[0].cursor, blockNumber: rows[0].block_number === null ? null : Number(rows[0].block_number) };
}

/** Sets a sync cursor; call in the same transaction as the rows it covers. */
export async function writeState(warehouse: Warehouse, source: string, cursor: string, blockNumber: number | null): Promise<void> {
  await warehouse.run("INSERT OR REPLACE INTO sync_state VALUES ($1, $2, $3::BIGINT, make_timestamp($4::BIGINT))", [
    source,
    cursor,
    blockNumber,
    Date.now() * 1000,
  ]);
}
