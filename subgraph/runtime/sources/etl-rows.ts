/**
 * ethereum-etl rows -> chain data. Quantities may be JSON numbers, decimal strings or hex; empty
 * CSV cells are null. A row missing a required column fails with the file and column named.
 */
import type { BlockHeader, ChainLog, ChainTransaction, Hex } from "../chain/types.ts";
import { EtlFormatError, type EtlRow } from "./etl-files.ts";

const present = (v: unknown) => v !== undefined && v !== null && v !== "";

function need(row: EtlRow, key: string, what: string): unknown {
  const v = row[key];
  if (!present(v)) throw new EtlFormatError(`${what} row lacks \`${key}\` (ethereum-etl schema): ${JSON.stringify(row).slice(0, 120)}`);
  return v;
}

const big = (v: unknown): bigint => BigInt(typeof v === "number" ? Math.trunc(v) : String(v));
const num = (v: unknown): number => Number(big(v));
const hex = (v: unknown): Hex => String(v).toLowerCase() as Hex;
const optBig = (v: unknown): bigint | null => (present(v) ? big(v) : null);
const optHex = (v: unknown): Hex | null => (present(v) ? hex(v) : null);

export function etlBlock(row: EtlRow): BlockHeader {
  const n = need(row, "number", "block");
  return {
    number: num(n),
    hash: hex(need(row, "hash", "block")),
    parentHash: hex(need(row, "parent_hash", "block")),
    sha3Uncles: hex(row.sha3_uncles ?? `0x${"00".repeat(32)}`),
    miner: hex(row.miner ?? `0x${"00".repeat(20)}`),
    stateRoot: hex(row.state_root ?? `0x${"00".repeat(32)}`),
    transactionsRoot: hex(row.transactions_root ?? `0x${"00".repeat(32)}`),
    receiptsRoot: hex(row.receipts_root ?? `0x${"00".repeat(32)}`),
    gasUsed: big(need(row, "gas_used", "block")),
    gasLimit: big(need(row, "gas_limit", "block")),
    timestamp: big(need(row, "timestamp", "block")),
    difficulty: optBig(row.difficulty) ?? 0n,
    totalDifficulty: optBig(row.total_difficulty) ?? 0n,
    size: optBig(row.size),
    baseFeePerGas: optBig(row.base_fee_per_gas),
  };
}

/** Receipt columns of a transaction row (`receipt_*`) or of a receipts.csv row. */
export interface EtlReceiptFields {
  cumulativeGasUsed: bigint;
  gasUsed: bigint;
  contractAddress: Hex | null;
  status: bigint | null;
  root: Hex | null;
  effectiveGasPrice: bigint | null;
}

export function etlReceiptFields(row: EtlRow, prefix: "receipt_" | ""): EtlReceiptFields | null {
  if (!present(row[`${prefix}gas_used`])) return null;
  return {
    cumulativeGasUsed: big(row[`${prefix}cumulative_gas_used`] ?? 0),
    gasUsed: big(row[`${prefix}gas_used`]),
    contractAddress: optHex(row[`${prefix}contract_address`]),
    status: optBig(row[`${prefix}status`]),
    root: optHex(row[`${prefix}root`]),
    effectiveGasPrice: optBig(row[`${prefix}effective_gas_price`]),
  };
}

export function etlTransaction(row: EtlRow): { tx: ChainTransaction; blockNumber: number; receipt: EtlReceiptFields | null } {
  const receipt = etlReceiptFields(row, "receipt_");
  const gasPrice = optBig(row.gas_price);
  return {
    tx: {
      hash: hex(need(row, "hash", "transaction")),
      index: num(need(row, "transaction_index", "transaction")),
      from: hex(need(row, "from_address", "transaction")),
      to: optHex(row.to_address),
      valueWei: big(row.value ?? 0),
      gasLimit: big(row.gas ?? 0),
      // The mapping sees the effective price, as graph-node gives it.
      gasPriceWei: receipt?.effectiveGasPrice ?? gasPrice ?? 0n,
      input: hex(row.input ?? "0x"),
      nonce: big(row.nonce ?? 0),
    },
    blockNumber: num(need(row, "block_number", "transaction")),
    receipt,
  };
}

function topicsOf(v: unknown): Hex[] {
  if (Array.isArray(v)) return v.map(hex);
  if (!present(v)) return [];
  return String(v)
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "")
    .map(hex);
}

export function etlLog(row: EtlRow): ChainLog {
  return {
    address: hex(need(row, "address", "log")),
    topics: topicsOf(row.topics),
    data: hex(present(row.data) ? row.data : "0x"),
    blockHash: hex(need(row, "block_hash", "log")),
    blockNumber: num(need(row, "block_number", "log")),
    transactionHash: hex(need(row, "transaction_hash", "log")),
    transactionIndex: num(need(row, "transaction_index", "log")),
    logIndex: num(need(row, "log_index", "log")),
    removed: false,
  };
}
