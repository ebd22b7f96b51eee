/**
 * Raw JSON-RPC over viem's HTTP transport (JSON-RPC batching on, response cap raised), with
 * retries and exponential backoff on transport errors, 5xx and rate limits. Replies stay plain JSON
 * so they are validated by the same zod schemas as harness fixtures.
 */
import { type EIP1193RequestFn, http } from "viem";
import type { Hex } from "../chain/types.ts";
import { TransientError } from "../host/errors.ts";
import type { ChainReader } from "../host/state.ts";

export type RawRequest = (method: string, params: unknown[]) => Promise<unknown>;

/** The node said the request is too big (range, result count, response size): shrink it. */
export function isTooLarge(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${(error as { details?: string }).details ?? ""}` : String(error);
  return /too many|limit exceeded|exceeds|response size|query returned more than|block range|range is too large|too large|max(imum)? .*range|body size/i.test(
    text,
  );
}

const RETRYABLE =
  /fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|socket hang up|timed? ?out|\b429\b|rate limit|too many requests|\b50[0-9]\b|internal error|header not found|unknown block/i;
/** A revert is the call's answer, never a node hiccup: retrying cannot change it. */
const REVERTED = /revert/i;

/**
 * What an error says, without the request body viem appends to `message`: calldata hex such as
 * `…5031…` must not read as an HTTP 503.
 */
function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & { shortMessage?: string; details?: string; status?: number };
  return `${e.shortMessage ?? e.message} ${e.details ?? ""} ${e.status ?? ""}`;
}

export function rpcRequester(url: string, opts: { retries?: number; timeoutMs?: number } = {}): RawRequest {
  const transport = http(url, {
    batch: { batchSize: 50, wait: 0 },
    retryCount: 0,
    timeout: opts.timeoutMs ?? 30_000,
    maxResponseBodySize: 256 * 1024 * 1024,
  })({});
  const request = transport.request as EIP1193RequestFn;
  const retries = opts.retries ?? 6;
  return async (method, params) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request({ method: method as never, params: params as never });
      } catch (error) {
        const text = errorText(error);
        if (attempt >= retries || isTooLarge(error) || REVERTED.test(text) || !RETRYABLE.test(text)) throw error;
        await new Promise((r) => setTimeout(r, Math.min(10_000, 200 * 2 ** attempt) * (0.75 + Math.random() / 2)));
      }
    }
  };
}

/**
 * `ethereum.getBalance` / `hasCode` reads over JSON-RPC, pinned to the block being processed by hash
 * (EIP-1898), falling back to its number when the node refuses block-hash objects, as graph-node's
 * adapter does. Every error is transient (the block is retried), as in graph-node.
 */
export function rpcChainReader(request: RawRequest): ChainReader {
  let hashPinning = true;
  const read = async (method: "eth_getBalance" | "eth_getCode", address: Hex, block: { number: number; hash: Hex }) => {
    const at = () => (hashPinning ? { blockHash: block.hash } : `0x${block.number.toString(16)}`);
    try {
      try {
        return String(await request(method, [address, at()]));
      } catch (error) {
        // Not "unknown block": that is a reorged-away hash, to be retried, not read at another block.
        if (!hashPinning || !/blockHash|EIP-?1898|invalid params|invalid argument/i.test(errorText(error))) throw error;
        hashPinning = false;
        return String(await request(method, [address, at()]));
      }
    } catch (error) {
      throw new TransientError(`${method} of ${address} at block ${block.number} failed: ${errorText(error).replace(/\s+/g, " ").trim()}`);
    }
  };
  return {
    getBalance: async (address, block) => {
      const balance = await read("eth_getBalance", address, block);
      if (!/^0x[0-9a-fA-F]+$/.test(balance))
        throw new TransientError(`eth_getBalance of ${address} answered ${balance}, not a hex quantity`);
      return BigInt(balance);
    },
    hasCode: async (address, block) => {
      const code = await read("eth_getCode", address, block);
      return code !== "0x" && code !== "";
    },
  };
}
