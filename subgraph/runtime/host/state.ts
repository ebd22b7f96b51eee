/**
 * What host functions see while a handler runs: the instance's heap and the trigger's context
 * (block entity cache, the data source that fired, the block for `ethereum.call`).
 */
import type { Abi } from "viem";
import type { Hex } from "../chain/types.ts";
import type { EntityCache, TaggedEntity } from "../process/entity-cache.ts";
import type { AscHeap } from "./heap.ts";

/** An `ethereum.call` as the mapping asked for it, already ABI-encoded. */
export interface EthCallRequest {
  contractName: string;
  address: Hex;
  functionName: string;
  /** graph-ts form, e.g. `name():(string)`. */
  functionSignature: string;
  /** Arguments as viem values (bigint for integers, 0x-hex for bytes and addresses). */
  args: unknown[];
  /** Calldata: selector plus encoded arguments. */
  data: Hex;
  blockNumber: number;
  blockHash: Hex;
}

/** Answers `ethereum.call` synchronously: return data, null for a revert, or throw NeedCallError. */
export type EthCallResolver = (request: EthCallRequest) => Hex | null;

/** `ethereum.getBalance` / `ethereum.hasCode`: chain state read at the block being processed. */
export interface ChainReadRequest {
  kind: "balance" | "code";
  address: Hex;
  blockNumber: number;
  blockHash: Hex;
}

/** Reads chain state pinned to a block (JSON-RPC `eth_getBalance` / `eth_getCode`); errors are transient. */
export interface ChainReader {
  getBalance(address: Hex, block: { number: number; hash: Hex }): Promise<bigint>;
  /** Whether the account has code (a contract) at the block. */
  hasCode(address: Hex, block: { number: number; hash: Hex }): Promise<boolean>;
}

export interface DataSourceView {
  name: string;
  address: Hex | null;
  network: string;
  context: TaggedEntity | null;
  abis: Map<string, Abi>;
}

export interface TriggerContext {
  cache: EntityCache;
  dataSource: DataSourceView;
  block: { number: number; hash: Hex };
  ethCall: EthCallResolver;
  /** Answers a chain read synchronously (bigint for a balance, boolean for code), or throws NeedChainReadError. */
  chainRead(request: ChainReadRequest): bigint | boolean;
  createDataSource(template: string, params: string[], context: TaggedEntity | null): void;
  log(level: number, message: string): void;
  /** apiVersion >= 0.0.8. */
  strictFields: boolean;
  /** apiVersion >= 0.0.9: `ethereum.getBalance` and `ethereum.hasCode` are available. */
  chainReads: boolean;
}

export interface HostState {
  heap: AscHeap;
  ctx: TriggerContext;
}

/** An `ethereum.call` result is not known yet: the caller fetches it and runs the trigger again. */
export class NeedCallError extends Error {
  override name = "NeedCallError";
  constructor(readonly request: EthCallRequest) {
    super(`eth_call ${request.functionSignature} on ${request.address} at block ${request.blockNumber} must be fetched first`);
  }
}

/** A chain read is not known yet: the caller fetches it and runs the trigger again. */
export class NeedChainReadError extends Error {
  override name = "NeedChainReadError";
  constructor(readonly request: ChainReadRequest) {
    super(
      `${request.kind === "balance" ? "eth_getBalance" : "eth_getCode"} of ${request.address} at block ${request.blockNumber} must be fetched first`,
    );
  }
}
