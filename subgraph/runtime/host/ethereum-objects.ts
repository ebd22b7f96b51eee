/**
 * Builds the trigger objects handlers receive, in graph-node's layouts for apiVersion 0.0.7-0.0.9:
 * `ethereum.Event` (with nullable receipt), `Block` (15 fields), `Transaction` (9, effective gas
 * price), `TransactionReceipt` (11) and `Log` (11, BigInt written into `blockNumber` as graph-node does).
 */
import type { AbiParameter } from "viem";
import type { BlockHeader, ChainLog, ChainReceipt, ChainTransaction, Hex } from "../chain/types.ts";
import { writeEthValue } from "./ethereum-values.ts";
import { type AscHeap, TypeIndex } from "./heap.ts";
import { fromHex, writeBigInt } from "./values.ts";

const bytes = (heap: AscHeap, text: Hex | null) => (text === null ? 0 : heap.writeBytes(fromHex(text)));
const big = (heap: AscHeap, n: bigint | number | null) => (n === null ? 0 : writeBigInt(heap, BigInt(n)));

export function writeBlock(heap: AscHeap, b: BlockHeader): number {
  return heap.writeStruct(
    [
      bytes(heap, b.hash),
      bytes(heap, b.parentHash),
      bytes(heap, b.sha3Uncles),
      bytes(heap, b.miner),
      bytes(heap, b.stateRoot),
      bytes(heap, b.transactionsRoot),
      bytes(heap, b.receiptsRoot),
      big(heap, b.number),
      big(heap, b.gasUsed),
      big(heap, b.gasLimit),
      big(heap, b.timestamp),
      big(heap, b.difficulty),
      big(heap, b.totalDifficulty),
      big(heap, b.size),
      big(heap, b.baseFeePerGas),
    ],
    TypeIndex.EthereumBlock,
  );
}

export function writeTransaction(heap: AscHeap, t: ChainTransaction): number {
  return heap.writeStruct(
    [
      bytes(heap, t.hash),
      big(heap, t.index),
      bytes(heap, t.from),
      bytes(heap, t.to),
      big(heap, t.valueWei),
      big(heap, t.gasLimit),
      big(heap, t.gasPriceWei),
      bytes(heap, t.input),
      big(heap, t.nonce),
    ],
    TypeIndex.EthereumTransaction,
  );
}

export function writeLog(heap: AscHeap, l: ChainLog): number {
  const topics = heap.writePtrArray(
    l.topics.map((t) => bytes(heap, t)),
    TypeIndex.ArrayH256,
  );
  return heap.writeStruct(
    [
      bytes(heap, l.address),
      topics,
      bytes(heap, l.data),
      bytes(heap, l.blockHash),
      big(heap, l.blockNumber),
      bytes(heap, l.transactionHash),
      big(heap, l.transactionIndex),
      big(heap, l.logIndex),
      0,
      0,
      heap.writeWrappedBool(l.removed),
    ],
    TypeIndex.Log,
  );
}

export function writeReceipt(heap: AscHeap, r: ChainReceipt): number {
  const logs = heap.writePtrArray(
    r.logs.map((l) => writeLog(heap, l)),
    TypeIndex.ArrayLog,
  );
  return heap.writeStruct(
    [
      bytes(heap, r.transactionHash),
      big(heap, r.transactionIndex),
      bytes(heap, r.blockHash),
      big(heap, r.blockNumber),
      big(heap, r.cumulativeGasUsed),
      big(heap, r.gasUsed),
      bytes(heap, r.contractAddress),
      logs,
      big(heap, r.status),
      bytes(heap, r.root),
      bytes(heap, r.logsBloom),
    ],
    TypeIndex.TransactionReceipt,
  );
}

export interface DecodedParam {
  name: string;
  param: AbiParameter;
  value: unknown;
}

/** `ethereum.Event`: 8 pointers (receipt last, null unless the handler has `receipt: true`). */
export function writeEvent(
  heap: AscHeap,
  e: { log: ChainLog; block: BlockHeader; transaction: ChainTransaction; params: DecodedParam[]; receipt: ChainReceipt | null },
): number {
  const params = heap.writePtrArray(
    e.params.map((p) => heap.writeStruct([heap.writeString(p.name), writeEthValue(heap, p.param, p.value)], TypeIndex.EventParam)),
    TypeIndex.ArrayEventParam,
  );
  const logIndex = big(heap, e.log.logIndex);
  return heap.writeStruct(
    [
      bytes(heap, e.log.address),
      logIndex,
      // graph-node writes the block-level log index again: nodes do not provide a per-transaction index.
      big(heap, e.log.logIndex),
      0,
      writeBlock(heap, e.block),
      writeTransaction(heap, e.transaction),
      params,
      e.receipt ? writeReceipt(heap, e.receipt) : 0,
    ],
    TypeIndex.EthereumEvent,
  );
}
