/**
 * Mapping test harness: run the compiled subgraph's handlers on fixture blocks (plain JSON as the
 * RPC returns it) and read back the stored entities. The handlers are the real `graph build` WASM;
 * this is what matchstick gives subgraph authors, for vitest. See subgraph/runtime/README.md.
 */
import { createPublicClient, http } from "viem";
import { rpcCallFetcher } from "../chain/eth-call.ts";
import {
  type RpcBlock,
  type RpcReceipt,
  type RpcTransaction,
  rpcBlockSchema,
  rpcReceiptSchema,
  rpcTransactionSchema,
  toHeader,
  toReceipt,
  toTransaction,
} from "../chain/rpc-json.ts";
import type { ChainBlock, ChainLog, ChainReceipt, ChainTransaction, Hex } from "../chain/types.ts";
import type { ChainReader, EthCallRequest } from "../host/state.ts";
import { loadManifest } from "../manifest/manifest.ts";
import { type MappingLog, SubgraphRunner } from "../process/runner.ts";
import { rpcChainReader } from "../sources/rpc-client.ts";
import type { Entity, EntityChange } from "../store/types.ts";
import { type EthCallMock, mockResolver } from "./call-mocks.ts";
import { type BalanceMock, type CodeMock, chainMockResolver } from "./chain-mocks.ts";
import { MemoryStore } from "./memory-store.ts";

export type { RpcBlock, RpcReceipt, RpcTransaction } from "../chain/rpc-json.ts";
export type { EthCallRequest } from "../host/state.ts";
export type { EthCallMock } from "./call-mocks.ts";
export type { BalanceMock, CodeMock } from "./chain-mocks.ts";
export { MemoryStore } from "./memory-store.ts";

export interface HarnessOptions {
  /** Path to a built manifest, e.g. subgraph/build/devnet/subgraph.yaml. */
  manifest: string;
  /** Answers for `ethereum.call`: mocks, or a function returning return data (0x-hex) or null for a revert. */
  calls?: EthCallMock[] | ((call: EthCallRequest) => Hex | null);
  /** `ethereum.getBalance` answers: wei by address, or a function of the request (address, block). */
  balances?: BalanceMock;
  /** `ethereum.hasCode` answers: true for contracts, by address or a function of the request. */
  code?: CodeMock;
  /** Calls and chain reads no mock answers go to this JSON-RPC endpoint (pinned to the fixture's block). */
  rpcUrl?: string;
}

export interface Fixture {
  block: RpcBlock;
  transaction: RpcTransaction;
  receipt: RpcReceipt;
}

export interface BlockFixture {
  block: RpcBlock;
  transactions: RpcTransaction[];
  receipts: RpcReceipt[];
}

/** A handler failed deterministically; the block's changes were dropped, as graph-node does. */
export class MappingFailedError extends Error {
  override name = "MappingFailedError";
  constructor(
    message: string,
    readonly handler: string,
    readonly block: number,
  ) {
    super(`handler ${handler} failed at block ${block}: ${message}`);
  }
}

export interface Harness {
  /** Runs every receipt log that matches a data source, in log order, as one block (plus block handlers). */
  processFixture(fx: Fixture): Promise<EntityChange[]>;
  /** Runs a whole block with several transactions and receipts. */
  processBlock(fx: BlockFixture): Promise<EntityChange[]>;
  get(entityType: string, id: string): Entity | null;
  all(entityType: string): Entity[];
  /** Mapping logs (`log.info` etc.) in order, plus handler failures at level "error". */
  logs: MappingLog[];
  store: MemoryStore;
}

function toChainBlock(fx: BlockFixture): ChainBlock {
  const raw = rpcBlockSchema.parse(fx.block);
  const header = toHeader(raw);
  const transactions = new Map<Hex, ChainTransaction>();
  for (const t of fx.transactions) {
    const tx = toTransaction(rpcTransactionSchema.parse(t), header.baseFeePerGas);
    transactions.set(tx.hash, tx);
  }
  const receipts = new Map<Hex, ChainReceipt>();
  const logs: ChainLog[] = [];
  for (const r of fx.receipts) {
    const receipt = toReceipt(rpcReceiptSchema.parse(r));
    receipts.set(receipt.transactionHash, receipt);
    logs.push(...receipt.logs);
  }
  logs.sort((a, b) => a.logIndex - b.logIndex);
  return { header, logs, transactions, receipts };
}

export function createHarness(options: HarnessOptions): Harness {
  const manifest = loadManifest(options.manifest);
  const store = new MemoryStore({ allowRepeatedBlocks: true });
  const logs: MappingLog[] = [];
  const callMock =
    typeof options.calls === "function"
      ? options.calls
      : options.calls
        ? mockResolver(options.calls, manifest, Boolean(options.rpcUrl))
        : undefined;
  let callFetcher: ((call: EthCallRequest) => Promise<Hex | null>) | undefined;
  let chainReader: ChainReader | undefined;
  if (options.rpcUrl) {
    const client = createPublicClient({ transport: http(options.rpcUrl, { retryCount: 3 }) });
    const request = (method: string, params: unknown[]) => client.request({ method: method as "eth_call", params: params as never });
    callFetcher = rpcCallFetcher(request);
    chainReader = rpcChainReader(request);
  }
  const runner = new SubgraphRunner(manifest, store, {
    callMock,
    callFetcher,
    chainMock: chainMockResolver(options.balances, options.code),
    chainReader,
    onLog: (log) => logs.push(log),
  });
  const processBlock = async (fx: BlockFixture) => {
    const block = toChainBlock(fx);
    const outcome = await runner.processBlock(block);
    if (!outcome.ok) throw new MappingFailedError(outcome.failure.message, outcome.failure.handler, block.header.number);
    const { header } = block;
    store.commit([
      {
        block: { number: header.number, hash: header.hash, parentHash: header.parentHash, timestamp: Number(header.timestamp) },
        changes: outcome.changes,
      },
    ]);
    return outcome.changes;
  };
  return {
    processBlock,
    processFixture: (fx) => processBlock({ block: fx.block, transactions: [fx.transaction], receipts: [fx.receipt] }),
    get: (entityType, id) => store.get(entityType, id),
    all: (entityType) => store.all(entityType),
    logs,
    store,
  };
}
