/**
 * Builds the trigger objects handlers receive, in graph-node's layouts for apiVersion 0.0.7-0.0.9:
 * `ethereum.Event` (with nullable receipt), `Block` (15 fields), `Transaction` (9, effective gas
 * price), `TransactionReceipt` (11) and `Log` (11, BigInt written into `blockNumber` as graph-node does).
 */
import type { AbiParameter } from "viem";
import type { BlockHeader, ChainLog, ChainReceipt, ChainTransaction, Hex } from "../chain/types.ts";
import { writeEthValue } from "./ethereum-values.ts";
import { type AscHeap, TypeIndex } from "./heap.ts";
import { bigIntToBytes, fromHex, writeBigInt } from "./values.ts";

const bytes = (heap: AscHeap, text: Hex | null) => (text === null ? 0 : heap.writeBytes(fromHex(text)));
const big = (heap: AscHeap, n: bigint | number | null) => (n === null ? 0 : writeBigInt(heap, BigInt(n)));

/** A field's bytes (hex decoded, or a BigInt's LE two's complement), null for a null field. */
type FieldImage = Array<Uint8Array | null>;
const h = (text: Hex | null) => (text === null ? null : fromHex(text));
const b = (n: bigint | number | null) => (n === null ? null : bigIntToBytes(BigInt(n)));

// A block and its transactions feed every event of the block: decode their fields once, not per event.
const images = new WeakMap<object, FieldImage>();
function image<T extends object>(object: T, build: (o: T) => FieldImage): FieldImage {
  let fields = images.get(object);
  if (!fields) {
    fields = build(object);
    images.set(object, fields);
  }
  return fields;
}

const writeImage = (heap: AscHeap, fields: FieldImage, typeIndex: number) =>
  heap.writeStruct(
    fields.map((f) => (f === null ? 0 : heap.writeBytes(f))),
    typeIndex,
  );

const blockImage = (x: BlockHeader): FieldImage => [
  h(x.hash),
  h(x.parentHash),
  h(x.sha3Uncles),
  h(x.miner),
  h(x.stateRoot),
  h(x.transactionsRoot),
  h(x.receiptsRoot),
  b(x.number),
  b(x.gasUsed),
  b(x.gasLimit),
  b(x.timestamp),
  b(x.difficulty),
  b(x.totalDifficulty),
  b(x.size),
  b(x.baseFeePerGas),
];

const transactionImage = (t: ChainTransaction): FieldImage => [
  h(t.hash),
  b(t.index),
  h(t.from),
  h(t.to),
  b(t.valueWei),
  b(t.gasLimit),
  b(t.gasPriceWei),
  h(t.input),
  b(t.nonce),
];

export function writeBlock(heap: AscHeap, block: BlockHeader): number {
  return writeImage(heap, image(block, blockImage), TypeIndex.EthereumBlock);
}

export function writeTransaction(heap: AscHeap, t: ChainTransaction): number {
  return writeImage(heap, image(t, transactionImage), TypeIndex.EthereumTransaction);
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
