/**
 * Imports NFT trades exported elsewhere (a Dune `nft.trades` result, a spellbook seed, any CSV with
 * block number, timestamp, tx hash, contract, token id and a price in ETH or wei) as `sales` rows
 * with source 'import', so every model runs on them too. All or nothing: the rows go in inside one
 * transaction, after every row has been validated; a malformed row names its line and column.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { Warehouse } from "../db.ts";
import { parseCsv } from "./csv.ts";
import { type RawRow, writeRows } from "./write.ts";

export class TradeImportError extends Error {
  override name = "TradeImportError";
}

const nativeCurrency = "0x0000000000000000000000000000000000000000";

/** Accepted header names per field (lowercased), Dune/spellbook names included. */
const aliases = {
  block_number: ["block_number", "block", "blocknumber", "evt_block_number"],
  block_time: ["block_time", "timestamp", "unix_timestamp", "block_timestamp", "evt_block_time", "time"],
  tx_hash: ["tx_hash", "tx", "transaction_hash", "hash", "evt_tx_hash"],
  contract_address: ["contract_address", "nft_contract_address", "collection_address", "token_address", "contract"],
  token_id: ["token_id", "nft_token_id", "tokenid", "id"],
  price_wei: ["price_wei", "price_raw", "amount_raw", "price (in wei)"],
  price_eth: ["price_eth", "amount_original", "price (in eth)", "price"],
  buyer: ["buyer", "to"],
  seller: ["seller", "from"],
  marketplace_fee_wei: ["marketplace_fee_wei", "platform_fee_amount_raw"],
  royalty_wei: ["royalty_wei", "royalty_fee_amount_raw"],
  currency: ["currency", "currency_contract"],
  log_index: ["log_index", "evt_index"],
  marketplace: ["marketplace", "project", "platform"],
  marketplace_version: ["marketplace_version", "project_version", "version"],
  blockchain: ["blockchain", "chain"],
} as const;
type Field = keyof typeof aliases;

export interface ImportTradesOptions {
  warehouse: Warehouse;
  file: string;
  /** For files without a contract column (e.g. one collection's sales). */
  contractAddress?: string;
  /** Rows whose `blockchain` column names another chain are skipped (default "ethereum"). */
  chain?: string;
  /** Skip malformed rows (reported) instead of rejecting the file. */
  skipMalformed?: boolean;
}

export interface ImportTradesResult {
  imported: number;
  skippedOtherChain: number;
  malformed: string[];
}

const addressRe = /^0x[0-9a-fA-F]{40}$/;
const txRe = /^0x[0-9a-fA-F]{64}$/;

/** Exact decimal ETH text ("0.01", "1e-05", "12") → wei; throws on more than 18 decimals. */
export function ethToWei(text: string): bigint {
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[1] === "" && !m[2])) throw new Error("is not a decimal number");
  const digits = BigInt(`${m[1]}${m[2] ?? ""}` || "0");
  const shift = 18 - (m[2]?.length ?? 0) + Number(m[3] ?? 0);
  if (shift >= 0) return digits * 10n ** BigInt(shift);
  const div = 10n ** BigInt(-shift);
  if (digits % div !== 0n) throw new Error("has more than 18 decimals");
  return digits / div;
}

/** Unix seconds, or a date-time text ("2017-06-23 21:05:06 UTC", ISO 8601), read as UTC unless it names an offset. */
export function parseTimestamp(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  let t = text.replace(/\s*UTC$/i, "").replace(" ", "T");
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(t)) t += "Z";
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) throw new Error("is not a Unix time or a date-time, e.g. 2022-06-14 18:39:00 UTC");
  return Math.floor(ms / 1000);
}

function tokenIdText(text: string): string {
  if (/^\d+$/.test(text)) return BigInt(text).toString();
  if (/^0x[0-9a-fA-F]+$/.test(text)) return BigInt(text).toString();
  throw new Error("is not a decimal or 0x-hex token id");
}

function wei(text: string): string {
  if (!/^\d+$/.test(text)) throw new Error("is not a whole number of wei");
  return text;
}

/** Maps header names to field positions; throws naming the missing columns. */
function columnsOf(header: string[], contractGiven: boolean): Partial<Record<Field, number>> {
  const lower = header.map((h) => h.toLowerCase());
  const cols: Partial<Record<Field, number>> = {};
  for (const [field, names] of Object.entries(aliases) as Array<[Field, readonly string[]]>) {
    const i = names.map((n) => lower.indexOf(n)).find((x) => x >= 0);
    if (i !== undefined) cols[field] = i;
  }
  const missing = (["block_number", "block_time", "tx_hash", "contract_address", "token_id"] as const).filter(
    (f) => cols[f] === undefined && !(f === "contract_address" && contractGiven),
  );
  if (cols.price_wei === undefined && cols.price_eth === undefined) missing.push("price_wei or price_eth" as never);
  if (missing.length) {
    throw new TradeImportError(
      `missing column(s) ${missing.join(", ")}; header is "${header.join(",")}". Expected e.g. block_number,block_time,tx_hash,contract_address,token_id,price_eth`,
    );
  }
  return cols;
}

/** Reads, validates and writes the trades of `file`; nothing is written unless every kept row is valid. */
export async function importTrades({
  warehouse,
  file,
  contractAddress,
  chain = "ethereum",
  skipMalformed = false,
}: ImportTradesOptions): Promise<ImportTradesResult> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new TradeImportError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (contractAddress !== undefined && !addressRe.test(contractAddress)) {
    throw new TradeImportError(`--contract "${contractAddress}" is not an address, e.g. 0xb47e3cd837ddf8e4c57f05d70ab865de6e193bbb`);
  }
  const table = (() => {
    try {
      return parseCsv(text);
    } catch (error) {
      throw new TradeImportError(`${file}: ${(error as Error).message}`);
    }
  })();
  const cols = columnsOf(table.header, contractAddress !== undefined);
  const name = basename(file);
  const result: ImportTradesResult = { imported: 0, skippedOtherChain: 0, malformed: [] };
  const sales: RawRow[] = [];
  for (const { line, cells } of table.rows) {
    const get = (f: Field) => (cols[f] === undefined ? "" : (cells[cols[f]] ?? ""));
    if (cols.blockchain !== undefined && get("blockchain") && get("blockchain").toLowerCase() !== chain) {
      result.skippedOtherChain++;
      continue;
    }
    let field: Field = "block_number";
    try {
      const need = (f: Field) => {
        field = f;
        const v = get(f);
        if (v === "") throw new Error("is empty");
        return v;
      };
      const optional = <T>(f: Field, parse: (s: string) => T): T | null => {
        field = f;
        const v = get(f);
        return v === "" ? null : parse(v);
      };
      const blockNumber = need("block_number");
      if (!/^\d+$/.test(blockNumber)) throw new Error("is not a block number");
      const blockTime = parseTimestamp(need("block_time"));
      const txHash = need("tx_hash");
      if (!txRe.test(txHash)) throw new Error("is not a 0x-prefixed 32-byte transaction hash");
      field = "contract_address";
      const contract = cols.contract_address !== undefined ? need("contract_address") : (contractAddress as string);
      if (!addressRe.test(contract)) throw new Error("is not a 0x-prefixed 20-byte address");
      const tokenId = tokenIdText(need("token_id"));
      const priceWei = cols.price_wei !== undefined ? wei(need("price_wei")) : ethToWei(need("price_eth")).toString();
      const address = (s: string) => {
        if (!addressRe.test(s)) throw new Error("is not a 0x-prefixed 20-byte address");
        return s.toLowerCase();
      };
      const saleId = `import:${name}:${line}`;
      const marketplaceFee = optional("marketplace_fee_wei", wei);
      const royalty = optional("royalty_wei", wei);
      sales.push({
        sale_id: saleId,
        source: "import",
        block_number: blockNumber,
        block_time: blockTime,
        tx_hash: txHash.toLowerCase(),
        log_index: optional("log_index", (s) => {
          if (!/^\d+$/.test(s)) throw new Error("is not a whole number");
          return Number(s);
        }),
        trade_index: 0,
        contract_address: contract.toLowerCase(),
        token_id: tokenId,
        buyer: optional("buyer", address),
        seller: optional("seller", address),
        price_wei: priceWei,
        seller_proceeds_wei:
          marketplaceFee !== null || royalty !== null
            ? (BigInt(priceWei) - BigInt(marketplaceFee ?? 0) - BigInt(royalty ?? 0)).toString()
            : null,
        marketplace_fee_wei: marketplaceFee,
        royalty_wei: royalty,
        currency: optional("currency", address) ?? nativeCurrency,
        is_bundle: false,
        price_is_estimated: false,
        marketplace: optional("marketplace", (s) => s),
        marketplace_version: optional("marketplace_version", (s) => s),
        order_hash: null,
      });
    } catch (error) {
      const column = cols[field] !== undefined ? table.header[cols[field] as number] : field;
      const message = `${file} line ${line}, column ${column}: "${get(field)}" ${(error as Error).message}`;
      if (!skipMalformed) throw new TradeImportError(message);
      result.malformed.push(message);
    }
  }
  await warehouse.transaction(() => writeRows(warehouse, "sales", sales));
  result.imported = sales.length;
  return result;
}
