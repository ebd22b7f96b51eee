/**
 * Answers for `ethereum.getBalance` / `ethereum.hasCode`, like `ethereum.call`'s: a synchronous
 * mock (harness), else a per-block cache filled by an asynchronous chain reader (RPC) — the host
 * throws NeedChainReadError, the runner fetches and re-runs the handler. With neither, the read is
 * a setup error (NoCallSourceError), not a subgraph failure: nothing is recorded in the store.
 */
import type { Hex } from "../chain/types.ts";
import { type ChainReader, type ChainReadRequest, NeedChainReadError } from "../host/state.ts";

/** A mapping read the chain (`ethereum.call`, `getBalance`, `hasCode`) but nothing can answer it (no mock, no RPC). */
export class NoCallSourceError extends Error {
  override name = "NoCallSourceError";
}

export type ChainReadMock = (request: ChainReadRequest) => bigint | boolean | undefined;

const MAX_CACHED = 10_000;

export class ChainReads {
  private readonly cache = new Map<string, bigint | boolean>();

  constructor(
    private readonly mock: ChainReadMock | undefined,
    private readonly reader: ChainReader | undefined,
  ) {}

  private key(r: ChainReadRequest): string {
    return `${r.kind}:${r.blockHash}:${r.address}`;
  }

  answer(request: ChainReadRequest): bigint | boolean {
    const cached = this.cache.get(this.key(request));
    if (cached !== undefined) return cached;
    const mocked = this.mock?.(request);
    if (mocked !== undefined) return checked(request, mocked);
    if (!this.reader) {
      const fn = request.kind === "balance" ? "ethereum.getBalance" : "ethereum.hasCode";
      throw new NoCallSourceError(
        `${fn}(${request.address}) at block ${request.blockNumber} has no mock and no RPC to answer it (chain state is not in ethereum-etl files)`,
      );
    }
    throw new NeedChainReadError(request);
  }

  /** Fetches a read the host asked for; RPC errors propagate as TransientError (the block is retried). */
  async fetch(request: ChainReadRequest): Promise<void> {
    const reader = this.reader as ChainReader;
    const block = { number: request.blockNumber, hash: request.blockHash as Hex };
    const value =
      request.kind === "balance" ? await reader.getBalance(request.address, block) : await reader.hasCode(request.address, block);
    if (this.cache.size > MAX_CACHED) this.cache.clear();
    this.cache.set(this.key(request), checked(request, value));
  }
}

function checked(request: ChainReadRequest, value: bigint | boolean): bigint | boolean {
  const want = request.kind === "balance" ? "bigint" : "boolean";
  if (typeof value !== want) throw new TypeError(`a ${request.kind} answer for ${request.address} must be a ${want}, got ${typeof value}`);
  if (typeof value === "bigint" && value < 0n) throw new RangeError(`a balance cannot be negative (${request.address}: ${value})`);
  return value;
}
