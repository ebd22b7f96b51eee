/**
 * Ground truth written beside the chain (DIR/truth/*.csv): what the simulator built, so analytics
 * can score themselves (wash precision/recall, valuation error, fee accounting). Column names are
 * a stable interface; chain/README.md documents every file.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export type SaleKind = "basic" | "order" | "offer" | "bundle" | "match";
export const SALE_KINDS: SaleKind[] = ["basic", "order", "offer", "bundle", "match"];

export interface SaleRow {
  tx_hash: string;
  log_index: number;
  block_number: number;
  block_timestamp: number;
  collection: string;
  token_id: number;
  buyer: string;
  seller: string;
  gross_price_wei: bigint;
  currency: "ETH" | "WETH";
  currency_address: string;
  marketplace_fee_wei: bigint;
  royalty_recipient_1: string;
  royalty_wei_1: bigint;
  royalty_recipient_2: string;
  royalty_wei_2: bigint;
  seller_proceeds_wei: bigint;
  sale_kind: SaleKind;
  is_bundle: boolean;
  bundle_size: number;
  bundle_price_wei: bigint;
  fair_value_wei: bigint;
  is_wash: boolean;
  wash_rules: string;
}

export interface WashRow {
  tx_hash: string;
  log_index: number;
  block_number: number;
  collection: string;
  token_id: number;
  buyer: string;
  seller: string;
  gross_price_wei: bigint;
  /** domain.md §4 rule numbers the trade was built to trip, ";"-separated. */
  rules: string;
  pattern: string;
  episode: number;
}

export interface MintRow {
  tx_hash: string;
  block_number: number;
  collection: string;
  token_id: number;
  minter: string;
  price_wei: bigint;
}

export interface FundingRow {
  funder: string;
  funded: string;
  amount_wei: bigint;
  tx_hash: string;
  block_number: number;
  kind: "genesis" | "transfer";
}

export interface TransferRow {
  tx_hash: string;
  block_number: number;
  collection: string;
  token_id: number;
  from: string;
  to: string;
}

type Row = Record<string, string | number | bigint | boolean>;

/** Serialises rows as CSV with a header; values never contain commas or quotes here. */
export function toCsv(rows: Row[], columns: string[]): string {
  const lines = [columns.join(",")];
  for (const row of rows) lines.push(columns.map((c) => String(row[c] ?? "")).join(","));
  return `${lines.join("\n")}\n`;
}

/** Parses a CSV written by toCsv into string records (for tests and readers). */
export function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, "utf8").trimEnd().split("\n");
  const cols = header.split(",");
  return lines.filter((l) => l.length > 0).map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i], v])));
}

export const SALE_COLUMNS: (keyof SaleRow)[] = [
  "tx_hash",
  "log_index",
  "block_number",
  "block_timestamp",
  "collection",
  "token_id",
  "buyer",
  "seller",
  "gross_price_wei",
  "currency",
  "currency_address",
  "marketplace_fee_wei",
  "royalty_recipient_1",
  "royalty_wei_1",
  "royalty_recipient_2",
  "royalty_wei_2",
  "seller_proceeds_wei",
  "sale_kind",
  "is_bundle",
  "bundle_size",
  "bundle_price_wei",
  "fair_value_wei",
  "is_wash",
  "wash_rules",
];

/** Collects truth rows during a simulation and writes them at the end. */
export class TruthRecorder {
  readonly sales: SaleRow[] = [];
  readonly wash: WashRow[] = [];
  readonly mints: MintRow[] = [];
  readonly funding: FundingRow[] = [];
  readonly transfers: TransferRow[] = [];
  /** Extra tables (collection values, premiums) set by the simulator. */
  readonly tables = new Map<string, { columns: string[]; rows: Row[] }>();

  write(dir: string): void {
    mkdirSync(dir, { recursive: true });
    const out = (name: string, rows: object[], columns: string[]) => writeFileSync(join(dir, name), toCsv(rows as Row[], columns));
    out("sales.csv", this.sales, SALE_COLUMNS);
    out("wash_trades.csv", this.wash, [
      "tx_hash",
      "log_index",
      "block_number",
      "collection",
      "token_id",
      "buyer",
      "seller",
      "gross_price_wei",
      "rules",
      "pattern",
      "episode",
    ]);
    out("mints.csv", this.mints, ["tx_hash", "block_number", "collection", "token_id", "minter", "price_wei"]);
    out("funding.csv", this.funding, ["funder", "funded", "amount_wei", "tx_hash", "block_number", "kind"]);
    out("transfers.csv", this.transfers, ["tx_hash", "block_number", "collection", "token_id", "from", "to"]);
    for (const [name, t] of this.tables) out(name, t.rows, t.columns);
  }
}
