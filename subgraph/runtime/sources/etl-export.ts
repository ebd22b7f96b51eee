/**
 * Writes chain data in ethereum-etl's formats (JSON lines as `ethereumetl stream` or the CSV
 * exports), from plain RPC JSON. Tests and benchmarks use it to produce etl files of a devnet chain;
 * `exportRpcRange` dumps a range from any JSON-RPC endpoint.
 */
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { RpcBlock, RpcReceipt, RpcTransaction } from "../chain/rpc-json.ts";

export interface RpcBlockData {
  block: RpcBlock;
  transactions: RpcTransaction[];
  receipts: RpcReceipt[];
}

const dec = (v: string | null | undefined) => (v === null || v === undefined ? null : BigInt(v).toString());

function rows(b: RpcBlockData) {
  const blk = b.block;
  const block = {
    type: "block",
    number: Number(BigInt(blk.number)),
    hash: blk.hash,
    parent_hash: blk.parentHash,
    sha3_uncles: blk.sha3Uncles,
    transactions_root: blk.transactionsRoot,
    state_root: blk.stateRoot,
    receipts_root: blk.receiptsRoot,
    miner: blk.miner,
    difficulty: dec(blk.difficulty),
    total_difficulty: dec(blk.totalDifficulty),
    size: dec(blk.size),
    gas_limit: dec(blk.gasLimit),
    gas_used: dec(blk.gasUsed),
    timestamp: Number(BigInt(blk.timestamp)),
    transaction_count: b.transactions.length,
    base_fee_per_gas: dec(blk.baseFeePerGas),
  };
  const receipts = new Map(b.receipts.map((r) => [r.transactionHash.toLowerCase(), r]));
  const transactions = b.transactions.map((t) => {
    const r = receipts.get(t.hash.toLowerCase());
    return {
      type: "transaction",
      hash: t.hash,
      nonce: dec(t.nonce),
      transaction_index: Number(BigInt(t.transactionIndex)),
      from_address: t.from,
      to_address: t.to ?? null,
      value: dec(t.value),
      gas: dec(t.gas),
      gas_price: dec(t.gasPrice),
      input: t.input,
      block_number: block.number,
      block_hash: blk.hash,
      block_timestamp: block.timestamp,
      max_fee_per_gas: dec(t.maxFeePerGas),
      max_priority_fee_per_gas: dec(t.maxPriorityFeePerGas),
      receipt_cumulative_gas_used: dec(r?.cumulativeGasUsed),
      receipt_gas_used: dec(r?.gasUsed),
      receipt_contract_address: r?.contractAddress ?? null,
      receipt_root: r?.root ?? null,
      receipt_status: dec(r?.status),
      receipt_effective_gas_price: dec(r?.effectiveGasPrice),
    };
  });
  const logs = b.receipts.flatMap((r) =>
    r.logs.map((l) => ({
      type: "log",
      log_index: Number(BigInt(l.logIndex)),
      transaction_hash: l.transactionHash,
      transaction_index: Number(BigInt(l.transactionIndex)),
      block_hash: l.blockHash,
      block_number: block.number,
      address: l.address,
      data: l.data,
      topics: l.topics,
    })),
  );
  return { block, transactions, logs };
}

function writer(path: string) {
  const stream = createWriteStream(path);
  return {
    line: (text: string) => {
      stream.write(`${text}\n`);
    },
    end: () => new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve()))),
  };
}

const csvCell = (v: unknown) => {
  if (v === null || v === undefined) return "";
  const text = Array.isArray(v) ? v.join(",") : String(v);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Writes blocks/transactions/logs files into `dir` as JSON lines (`jsonl`) or CSV. */
export async function writeEtlFiles(dir: string, data: Iterable<RpcBlockData>, format: "jsonl" | "csv"): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const files = {
    block: writer(join(dir, `blocks.${format}`)),
    transaction: writer(join(dir, `transactions.${format}`)),
    log: writer(join(dir, `logs.${format}`)),
  };
  const headers = new Map<string, string[]>();
  const emit = (kind: keyof typeof files, row: Record<string, unknown>) => {
    if (format === "jsonl") return files[kind].line(JSON.stringify(row));
    const { type: _type, ...rest } = row;
    let cols = headers.get(kind);
    if (!cols) {
      cols = Object.keys(rest);
      headers.set(kind, cols);
      files[kind].line(cols.join(","));
    }
    files[kind].line(cols.map((c) => csvCell(rest[c])).join(","));
  };
  for (const b of data) {
    const r = rows(b);
    emit("block", r.block);
    for (const t of r.transactions) emit("transaction", t);
    for (const l of r.logs) emit("log", l);
  }
  await Promise.all(Object.values(files).map((f) => f.end()));
}

/** Reads blocks from..to (full transactions and receipts) from a JSON-RPC endpoint. */
export async function readRpcRange(
  request: (method: string, params: unknown[]) => Promise<unknown>,
  from: number,
  to: number,
): Promise<RpcBlockData[]> {
  const out: RpcBlockData[] = [];
  for (let n = from; n <= to; n++) {
    const block = (await request("eth_getBlockByNumber", [`0x${n.toString(16)}`, true])) as RpcBlock;
    const transactions = (block.transactions ?? []) as RpcTransaction[];
    const receipts = await Promise.all(transactions.map((t) => request("eth_getTransactionReceipt", [t.hash]) as Promise<RpcReceipt>));
    out.push({ block, transactions, receipts });
  }
  return out;
}
