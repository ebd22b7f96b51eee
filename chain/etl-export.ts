/**
 * Exports a block range from any JSON-RPC endpoint as ethereum-etl CSV files (blocks.csv,
 * transactions.csv, receipts.csv, logs.csv; columns per blockchain-etl/ethereum-etl
 * docs/schema.md), so tests can index the devnet's history without running the EVM. Quantities are
 * written in decimal, hashes and data as 0x-hex, a log's topics as one quoted comma-joined field.
 */
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

const hex = z.string().regex(/^0x[0-9a-fA-F]*$/);
const quantity = hex;
const rpcLog = z.object({ logIndex: quantity, address: hex, data: hex, topics: z.array(hex) });
const rpcTx = z.object({
  hash: hex,
  nonce: quantity,
  transactionIndex: quantity,
  from: hex,
  to: hex.nullable(),
  value: quantity,
  gas: quantity,
  gasPrice: quantity.optional(),
  input: hex,
  maxFeePerGas: quantity.optional(),
  maxPriorityFeePerGas: quantity.optional(),
  type: quantity.optional(),
});
const rpcBlock = z.object({
  number: quantity,
  hash: hex,
  parentHash: hex,
  nonce: hex.optional(),
  sha3Uncles: hex,
  logsBloom: hex,
  transactionsRoot: hex,
  stateRoot: hex,
  receiptsRoot: hex,
  miner: hex,
  difficulty: quantity,
  totalDifficulty: quantity.optional(),
  size: quantity.optional(),
  extraData: hex,
  gasLimit: quantity,
  gasUsed: quantity,
  timestamp: quantity,
  baseFeePerGas: quantity.optional(),
  transactions: z.array(rpcTx),
});
const rpcReceipt = z.object({
  transactionHash: hex,
  transactionIndex: quantity,
  cumulativeGasUsed: quantity,
  gasUsed: quantity,
  contractAddress: hex.nullable(),
  status: quantity.optional(),
  root: hex.optional(),
  effectiveGasPrice: quantity.optional(),
  logs: z.array(rpcLog),
});

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

const dec = (v: string | null | undefined) => (v === null || v === undefined ? "" : BigInt(v).toString());
const csvField = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

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

/**
 * Writes blocks fromBlock..toBlock (inclusive) as ethereum-etl CSVs into `dir`.
 * Returns the row counts written.
 */
export async function exportEthereumEtl(o: { rpcUrl: string; fromBlock: number; toBlock: number; dir: string; batchSize?: number }) {
  mkdirSync(o.dir, { recursive: true });
  const files: Record<keyof typeof ETL_COLUMNS, WriteStream> = {
    blocks: createWriteStream(join(o.dir, "blocks.csv")),
    transactions: createWriteStream(join(o.dir, "transactions.csv")),
    receipts: createWriteStream(join(o.dir, "receipts.csv")),
    logs: createWriteStream(join(o.dir, "logs.csv")),
  };
  const counts = { blocks: 0, transactions: 0, receipts: 0, logs: 0 };
  const write = (kind: keyof typeof files, cells: string[]) => {
    files[kind].write(`${cells.map(csvField).join(",")}\n`);
    counts[kind]++;
  };
  for (const [kind, header] of Object.entries(ETL_COLUMNS)) files[kind as keyof typeof files].write(`${header}\n`);
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
    for (const b of blocks) {
      const bn = dec(b.number);
      write("blocks", [
        bn,
        b.hash,
        b.parentHash,
        b.nonce ?? "",
        b.sha3Uncles,
        b.logsBloom,
        b.transactionsRoot,
        b.stateRoot,
        b.receiptsRoot,
        b.miner,
        dec(b.difficulty),
        dec(b.totalDifficulty),
        dec(b.size),
        b.extraData,
        dec(b.gasLimit),
        dec(b.gasUsed),
        dec(b.timestamp),
        String(b.transactions.length),
        dec(b.baseFeePerGas),
      ]);
      for (const t of b.transactions) {
        const r = byHash.get(t.hash);
        if (!r) throw new RpcResponseError(`no receipt for ${t.hash}`);
        write("transactions", [
          t.hash,
          dec(t.nonce),
          b.hash,
          bn,
          dec(t.transactionIndex),
          t.from,
          t.to ?? "",
          dec(t.value),
          dec(t.gas),
          dec(r.effectiveGasPrice ?? t.gasPrice),
          t.input,
          dec(b.timestamp),
          dec(t.maxFeePerGas),
          dec(t.maxPriorityFeePerGas),
          dec(t.type),
        ]);
        write("receipts", [
          t.hash,
          dec(r.transactionIndex),
          b.hash,
          bn,
          dec(r.cumulativeGasUsed),
          dec(r.gasUsed),
          r.contractAddress ?? "",
          r.root ?? "",
          dec(r.status),
          dec(r.effectiveGasPrice),
        ]);
        for (const l of r.logs)
          write("logs", [dec(l.logIndex), t.hash, dec(r.transactionIndex), b.hash, bn, l.address, l.data, l.topics.join(",")]);
      }
    }
  }
  await Promise.all(
    Object.values(files).map((f) => new Promise<void>((resolve, reject) => f.end((e?: Error | null) => (e ? reject(e) : resolve())))),
  );
  return counts;
}
