/**
 * The one ethereum-etl writer: blocks with their transactions and receipts (plain RPC JSON) to
 * ethereum-etl's CSV exports (blocks.csv, transactions.csv, receipts.csv, logs.csv; columns per
 * blockchain-etl/ethereum-etl docs/schema.md) or to `ethereumetl stream` JSON lines (blocks.jsonl,
 * transactions.jsonl with the receipt fields merged as `receipt_*`, logs.jsonl). `exportEthereumEtl`
 * exports a range of any JSON-RPC endpoint (the devnet's history, without running the EVM again);
 * the subgraph runtime's tests write synthetic chains with `writeEtlFiles`. Quantities are written
 * in decimal, hashes and data as 0x-hex, a log's topics in CSV as one quoted comma-joined field.
 */
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

const hex = z.string().regex(/^0x[0-9a-fA-F]*$/);
const quantity = hex;
/** Fields ethereum-etl may leave empty (nodes and synthetic chains omit some). */
const opt = <T extends z.ZodTypeAny>(t: T) => t.nullish();
const rpcLog = z.object({ logIndex: quantity, address: hex, data: hex, topics: z.array(hex) });
const rpcTx = z.object({
  hash: hex,
  nonce: quantity,
  transactionIndex: quantity,
  from: hex,
  to: opt(hex),
  value: quantity,
  gas: quantity,
  gasPrice: opt(quantity),
  input: hex,
  maxFeePerGas: opt(quantity),
  maxPriorityFeePerGas: opt(quantity),
  type: opt(quantity),
});
const rpcHeader = z.object({
  number: quantity,
  hash: hex,
  parentHash: hex,
  nonce: opt(hex),
  sha3Uncles: hex,
  logsBloom: opt(hex),
  transactionsRoot: hex,
  stateRoot: hex,
  receiptsRoot: hex,
  miner: hex,
  difficulty: opt(quantity),
  totalDifficulty: opt(quantity),
  size: opt(quantity),
  extraData: opt(hex),
  gasLimit: quantity,
  gasUsed: quantity,
  timestamp: quantity,
  baseFeePerGas: opt(quantity),
});
const rpcBlock = rpcHeader.extend({ transactions: z.array(rpcTx) });
const rpcReceipt = z.object({
  transactionHash: hex,
  transactionIndex: quantity,
  cumulativeGasUsed: quantity,
  gasUsed: quantity,
  contractAddress: opt(hex),
  status: opt(quantity),
  root: opt(hex),
  effectiveGasPrice: opt(quantity),
  logs: z.array(rpcLog),
});

/** One block (RPC JSON, as `eth_getBlockByNumber` returns it) with its transactions and their receipts. */
export interface RpcBlockData {
  block: z.infer<typeof rpcHeader>;
  transactions: z.infer<typeof rpcTx>[];
  receipts: z.infer<typeof rpcReceipt>[];
}

export class RpcResponseError extends Error {
  override name = "RpcResponseError";
}

export const ETL_COLUMNS = {
  blocks:
    "number,hash,parent_hash,nonce,sha3_uncles,logs_bloom,transactions_root,state_root,receipts_root,miner,difficulty,total_difficulty,size,extra_data,gas_limit,gas_used,timestamp,transaction_count,base_fee_per_gas",
  transactions:
    "hash,nonce,block_hash,block_number,transaction_index,from_address,to_address,value,gas,gas_price,input,block_timestamp,max_fee_per_gas,max_priority_fee_per_gas,transaction_type",
  receipts:
    "transaction_hash,transaction_index,block_hash,block_number,cumulative_gas_used,gas_used,contract_address,root,status,effective_gas_price",
  logs: "log_index,transaction_hash,transaction_index,block_hash,block_number,address,data,topics",
};

async function rpcBatch(url: string, calls: { method: string; params: unknown[] }[]): Promise<unknown[]> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(calls.map((c, id) => ({ jsonrpc: "2.0", id, ...c }))),
  });
  if (!res.ok) throw new RpcResponseError(`${url}: HTTP ${res.status}`);
  const replies = z
    .array(z.object({ id: z.number(), result: z.unknown().optional(), error: z.object({ message: z.string() }).optional() }))
    .parse(await res.json());
  const out: unknown[] = [];
  for (const r of replies) {
    if (r.error) throw new RpcResponseError(`${calls[r.id].method}: ${r.error.message}`);
    out[r.id] = r.result;
  }
  return out;
}

type Cell = string | number | string[] | null;
type Rows = {
  blocks: Record<string, Cell>;
  transactions: Record<string, Cell>[];
  receipts: Record<string, Cell>[];
  logs: Record<string, Cell>[];
};

const decOrNull = (v: string | null | undefined) => (v === null || v === undefined ? null : BigInt(v).toString());
const int = (v: string) => Number(BigInt(v));

/** ethereum-etl rows of one block, keyed by its column names. */
function etlRows(b: RpcBlockData): Rows {
  const blk = b.block;
  const number = int(blk.number);
  const blocks: Record<string, Cell> = {
    number,
    hash: blk.hash,
    parent_hash: blk.parentHash,
    nonce: blk.nonce ?? null,
    sha3_uncles: blk.sha3Uncles,
    logs_bloom: blk.logsBloom ?? null,
    transactions_root: blk.transactionsRoot,
    state_root: blk.stateRoot,
    receipts_root: blk.receiptsRoot,
    miner: blk.miner,
    difficulty: decOrNull(blk.difficulty),
    total_difficulty: decOrNull(blk.totalDifficulty),
    size: decOrNull(blk.size),
    extra_data: blk.extraData ?? null,
    gas_limit: decOrNull(blk.gasLimit),
    gas_used: decOrNull(blk.gasUsed),
    timestamp: int(blk.timestamp),
    transaction_count: b.transactions.length,
    base_fee_per_gas: decOrNull(blk.baseFeePerGas),
  };
  const byHash = new Map(b.receipts.map((r) => [r.transactionHash.toLowerCase(), r]));
  const rows: Rows = { blocks, transactions: [], receipts: [], logs: [] };
  for (const t of b.transactions) {
    const r = byHash.get(t.hash.toLowerCase());
    if (!r) throw new RpcResponseError(`no receipt for ${t.hash}`);
    const index = int(r.transactionIndex);
    rows.transactions.push({
      hash: t.hash,
      nonce: decOrNull(t.nonce),
      block_hash: blk.hash,
      block_number: number,
      transaction_index: int(t.transactionIndex),
      from_address: t.from,
      to_address: t.to ?? null,
      value: decOrNull(t.value),
      gas: decOrNull(t.gas),
      // What the sender paid per gas, as ethereum-etl's gas_price of a mined transaction.
      gas_price: decOrNull(r.effectiveGasPrice ?? t.gasPrice),
      input: t.input,
      block_timestamp: blocks.timestamp,
      max_fee_per_gas: decOrNull(t.maxFeePerGas),
      max_priority_fee_per_gas: decOrNull(t.maxPriorityFeePerGas),
      transaction_type: decOrNull(t.type),
    });
    rows.receipts.push({
      transaction_hash: t.hash,
      transaction_index: index,
      block_hash: blk.hash,
      block_number: number,
      cumulative_gas_used: decOrNull(r.cumulativeGasUsed),
      gas_used: decOrNull(r.gasUsed),
      contract_address: r.contractAddress ?? null,
      root: r.root ?? null,
      status: decOrNull(r.status),
      effective_gas_price: decOrNull(r.effectiveGasPrice),
    });
    for (const l of r.logs)
      rows.logs.push({
        log_index: int(l.logIndex),
        transaction_hash: t.hash,
        transaction_index: index,
        block_hash: blk.hash,
        block_number: number,
        address: l.address,
        data: l.data,
        topics: l.topics,
      });
  }
  return rows;
}

const csvCell = (v: Cell) => {
  if (v === null) return "";
  const text = Array.isArray(v) ? v.join(",") : String(v);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The receipt columns `ethereumetl stream` merges into a transaction item. */
const RECEIPT_IN_TX = ["cumulative_gas_used", "gas_used", "contract_address", "root", "status", "effective_gas_price"];

export type EtlFormat = "csv" | "jsonl";
export type EtlCounts = Record<keyof typeof ETL_COLUMNS, number>;

/**
 * Writes `data` into `dir` as the CSV exports (4 files) or as stream JSON lines (3 files; receipts
 * merged into transactions). Returns the rows written per kind.
 */
export async function writeEtlFiles(
  dir: string,
  data: Iterable<RpcBlockData> | AsyncIterable<RpcBlockData>,
  format: EtlFormat,
): Promise<EtlCounts> {
  mkdirSync(dir, { recursive: true });
  const kinds = (format === "csv" ? ["blocks", "transactions", "receipts", "logs"] : ["blocks", "transactions", "logs"]) as Array<
    keyof typeof ETL_COLUMNS
  >;
  const files = new Map(kinds.map((k) => [k, createWriteStream(join(dir, `${k}.${format}`))]));
  const counts: EtlCounts = { blocks: 0, transactions: 0, receipts: 0, logs: 0 };
  if (format === "csv") for (const k of kinds) files.get(k)?.write(`${ETL_COLUMNS[k]}\n`);
  const type = { blocks: "block", transactions: "transaction", receipts: "receipt", logs: "log" } as const;
  const emit = (kind: keyof typeof ETL_COLUMNS, row: Record<string, Cell>) => {
    counts[kind]++;
    const line =
      format === "csv"
        ? ETL_COLUMNS[kind]
            .split(",")
            .map((c) => csvCell(row[c] ?? null))
            .join(",")
        : JSON.stringify({ type: type[kind], ...row });
    files.get(kind)?.write(`${line}\n`);
  };
  for await (const b of data) {
    const rows = etlRows(b);
    emit("blocks", rows.blocks);
    if (format === "csv") {
      for (const t of rows.transactions) emit("transactions", t);
      for (const r of rows.receipts) emit("receipts", r);
    } else {
      rows.transactions.forEach((t, i) => {
        const r = rows.receipts[i];
        emit("transactions", { ...t, ...Object.fromEntries(RECEIPT_IN_TX.map((c) => [`receipt_${c}`, r[c]])) });
        counts.receipts++;
      });
    }
    for (const l of rows.logs) emit("logs", l);
  }
  await Promise.all(
    [...files.values()].map((f) => new Promise<void>((resolve, reject) => f.end((e?: Error | null) => (e ? reject(e) : resolve())))),
  );
  return counts;
}

/** Reads blocks fromBlock..toBlock with full transactions and their receipts, in JSON-RPC batches. */
export async function* readEthereumBlocks(o: {
  rpcUrl: string;
  fromBlock: number;
  toBlock: number;
  batchSize?: number;
}): AsyncGenerator<RpcBlockData> {
  const step = o.batchSize ?? 50;
  for (let start = o.fromBlock; start <= o.toBlock; start += step) {
    const numbers = Array.from({ length: Math.min(step, o.toBlock - start + 1) }, (_, i) => start + i);
    const blocks = (
      await rpcBatch(
        o.rpcUrl,
        numbers.map((n) => ({ method: "eth_getBlockByNumber", params: [`0x${n.toString(16)}`, true] })),
      )
    ).map((b) => rpcBlock.parse(b));
    const hashes = blocks.flatMap((b) => b.transactions.map((t) => t.hash));
    const receipts = hashes.length
      ? (
          await rpcBatch(
            o.rpcUrl,
            hashes.map((h) => ({ method: "eth_getTransactionReceipt", params: [h] })),
          )
        ).map((r) => rpcReceipt.parse(r))
      : [];
    const byHash = new Map(receipts.map((r) => [r.transactionHash, r]));
    for (const { transactions, ...block } of blocks) {
      const own = transactions.map((t) => byHash.get(t.hash)).filter((r) => r !== undefined);
      yield { block, transactions, receipts: own };
    }
  }
}

/**
 * Writes blocks fromBlock..toBlock (inclusive) of a JSON-RPC endpoint as ethereum-etl CSVs into
 * `dir`. Returns the row counts written.
 */
export async function exportEthereumEtl(o: { rpcUrl: string; fromBlock: number; toBlock: number; dir: string; batchSize?: number }) {
  return writeEtlFiles(o.dir, readEthereumBlocks(o), "csv");
}
