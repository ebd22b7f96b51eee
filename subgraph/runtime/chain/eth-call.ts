/**
 * `ethereum.call` over JSON-RPC: eth_call pinned to the block being processed (by hash, EIP-1898,
 * falling back to the number when the node refuses hashes). A revert answers null; transport and
 * node errors are transient (the block is retried), as in graph-node.
 */

import { TransientError } from "../host/errors.ts";
import type { EthCallRequest } from "../host/state.ts";
import type { Hex } from "./types.ts";

export type RawRequest = (method: string, params: unknown[]) => Promise<unknown>;

const REVERT = /revert|invalid opcode|execution reverted|out of gas|stack underflow|invalid jump/i;

export function rpcCallFetcher(request: RawRequest): (call: EthCallRequest) => Promise<Hex | null> {
  let hashPinning = true;
  return async (call) => {
    // No gas field: graph-node sends 50M, but nodes capping a transaction (EIP-7825) reject that; they default to their own cap.
    const tx = { to: call.address, data: call.data };
    const at = (byHash: boolean) => (byHash ? { blockHash: call.blockHash } : `0x${call.blockNumber.toString(16)}`);
    try {
      return (await request("eth_call", [tx, at(hashPinning)])) as Hex;
    } catch (error) {
      const message = error instanceof Error ? `${error.message} ${(error as { details?: string }).details ?? ""}` : String(error);
      if (REVERT.test(message)) return null;
      if (hashPinning && /blockHash|EIP-?1898|invalid params|unknown block/i.test(message)) {
        hashPinning = false;
        try {
          return (await request("eth_call", [tx, at(false)])) as Hex;
        } catch (retry) {
          if (REVERT.test(String((retry as Error).message))) return null;
          throw new TransientError(`eth_call failed at block ${call.blockNumber}: ${(retry as Error).message}`);
        }
      }
      throw new TransientError(`eth_call failed at block ${call.blockNumber}: ${message}`);
    }
  };
}
