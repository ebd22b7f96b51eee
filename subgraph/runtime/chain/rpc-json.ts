/**
 * Validation and normalisation of the plain JSON that eth_getBlockByNumber,
 * eth_getTransactionByHash, eth_getTransactionReceipt and eth_getLogs return (hex quantities).
 * Used at the RPC boundary and for harness fixtures.
 */
import { z } from "zod";
import type { BlockHeader, ChainLog, ChainReceipt, ChainTransaction, Hex } from "./types.ts";

const hex = z
  .string()
  .regex(/^0x[0-9a-fA-F]*$/, "must be 0x-prefixed hex")
  .transform((s) => s.toLowerCase() as Hex);
const quantity = z
  .string()
  .regex(/^0x[0-9a-fA-F]+$/, "must be a hex quantity such as 0x1a")
  .transform((s) => BigInt(s));
const optQuantity = quantity.nullish().transform((v) => v ?? null);

export const rpcLogSchema = z.object({
  address: hex,
  topics: z.array(hex),
  data: hex,
  blockHash: hex,
  blockNumber: quantity,
  transactionHash: hex,
  transactionIndex: quantity,
  logIndex: quantity,
  removed: z.boolean().optional(),
});

export const rpcTransactionSchema = z.object({
  hash: hex,
  transactionIndex: quantity,
  from: hex,
  to: hex.nullish(),
  value: quantity,
  gas: quantity,
  gasPrice: quantity.optional(),
  maxFeePerGas: quantity.optional(),
  maxPriorityFeePerGas: quantity.optional(),
  input: hex,
  nonce: quantity,
  blockHash: hex.nullish(),
  blockNumber: quantity.nullish(),
});

export const rpcBlockSchema = z.object({
  number: quantity,
  hash: hex,
  parentHash: hex,
  sha3Uncles: hex,
  miner: hex,
  stateRoot: hex,
  transactionsRoot: hex,
  receiptsRoot: hex,
  gasUsed: quantity,
  gasLimit: quantity,
  timestamp: quantity,
  difficulty: optQuantity,
  totalDifficulty: optQuantity,
  size: optQuantity,
  baseFeePerGas: optQuantity,
  transactions: z.array(z.union([hex, rpcTransactionSchema])).optional(),
});

export const rpcReceiptSchema = z.object({
  transactionHash: hex,
  transactionIndex: quantity,
  blockHash: hex.nullish(),
  blockNumber: optQuantity,
  cumulativeGasUsed: quantity,
  gasUsed: quantity,
  effectiveGasPrice: quantity.optional(),
  contractAddress: hex.nullish(),
  logs: z.array(rpcLogSchema),
  status: optQuantity,
  root: hex.nullish(),
  logsBloom: hex,
});

export type RpcBlock = z.input<typeof rpcBlockSchema>;
export type RpcTransaction = z.input<typeof rpcTransactionSchema>;
export type RpcReceipt = z.input<typeof rpcReceiptSchema>;
export type RpcLog = z.input<typeof rpcLogSchema>;

export function toHeader(block: z.output<typeof rpcBlockSchema>): BlockHeader {
  return {
    number: Number(block.number),
    hash: block.hash,
    parentHash: block.parentHash,
    sha3Uncles: block.sha3Uncles,
    miner: block.miner,
    stateRoot: block.stateRoot,
    transactionsRoot: block.transactionsRoot,
    receiptsRoot: block.receiptsRoot,
    gasUsed: block.gasUsed,
    gasLimit: block.gasLimit,
    timestamp: block.timestamp,
    difficulty: block.difficulty ?? 0n,
    totalDifficulty: block.totalDifficulty ?? 0n,
    size: block.size,
    baseFeePerGas: block.baseFeePerGas,
  };
}

/**
 * graph-node hands mappings the effective gas price. For mined transactions the RPC's `gasPrice` is
 * already that; when a node omits it, derive it from the block's base fee (EIP-1559).
 */
export function effectiveGasPrice(tx: z.output<typeof rpcTransactionSchema>, baseFeePerGas: bigint | null): bigint {
  if (tx.gasPrice !== undefined) return tx.gasPrice;
  if (tx.maxFeePerGas !== undefined && baseFeePerGas !== null) {
    const tip = tx.maxPriorityFeePerGas ?? 0n;
    const price = baseFeePerGas + tip;
    return price < tx.maxFeePerGas ? price : tx.maxFeePerGas;
  }
  return 0n;
}

export function toTransaction(tx: z.output<typeof rpcTransactionSchema>, baseFeePerGas: bigint | null): ChainTransaction {
  return {
    hash: tx.hash,
    index: Number(tx.transactionIndex),
    from: tx.from,
    to: tx.to ?? null,
    valueWei: tx.value,
    gasLimit: tx.gas,
    gasPriceWei: effectiveGasPrice(tx, baseFeePerGas),
    input: tx.input,
    nonce: tx.nonce,
  };
}

export function toLog(log: z.output<typeof rpcLogSchema>): ChainLog {
  return {
    address: log.address,
    topics: log.topics,
    data: log.data,
    blockHash: log.blockHash,
    blockNumber: Number(log.blockNumber),
    transactionHash: log.transactionHash,
    transactionIndex: Number(log.transactionIndex),
    logIndex: Number(log.logIndex),
    removed: log.removed ?? false,
  };
}

export function toReceipt(r: z.output<typeof rpcReceiptSchema>): ChainReceipt {
  return {
    transactionHash: r.transactionHash,
    transactionIndex: Number(r.transactionIndex),
    blockHash: r.blockHash ?? null,
    blockNumber: r.blockNumber === null ? null : Number(r.blockNumber),
    cumulativeGasUsed: r.cumulativeGasUsed,
    gasUsed: r.gasUsed,
    contractAddress: r.contractAddress ?? null,
    logs: r.logs.map(toLog),
    status: r.status,
    root: r.root ?? null,
    logsBloom: r.logsBloom,
  };
}
