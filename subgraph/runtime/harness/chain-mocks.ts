/**
 * `ethereum.getBalance` / `ethereum.hasCode` mocks for the harness: per address (any case), or a
 * function of the request for answers that change by block. Addresses no mock answers fall through
 * to the harness's `rpcUrl`, else the read fails with a message naming the address and block.
 */
import type { ChainReadRequest } from "../host/state.ts";
import type { ChainReadMock } from "../process/chain-reads.ts";

export type BalanceMock = Record<string, bigint> | ((request: ChainReadRequest) => bigint | undefined);
/** true: the address has code (a contract). */
export type CodeMock = Record<string, boolean> | ((request: ChainReadRequest) => boolean | undefined);

function lookup<T>(mock: Record<string, T> | ((r: ChainReadRequest) => T | undefined), request: ChainReadRequest): T | undefined {
  if (typeof mock === "function") return mock(request);
  for (const [address, value] of Object.entries(mock)) if (address.toLowerCase() === request.address) return value;
  return undefined;
}

export function chainMockResolver(balances: BalanceMock | undefined, code: CodeMock | undefined): ChainReadMock | undefined {
  if (!balances && !code) return undefined;
  return (request) => {
    if (request.kind === "balance") return balances ? lookup(balances, request) : undefined;
    return code ? lookup(code, request) : undefined;
  };
}
