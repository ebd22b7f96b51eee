/** A deterministic synthetic chain for the test subgraph: transfers, a template spawn, child transfers. */
import type { RpcBlock, RpcReceipt, RpcTransaction } from "../chain/rpc-json.ts";
import { block, spawnLog, transferLog, tx, ZERO_ADDRESS } from "./fixtures.ts";

/** One synthetic block as RPC JSON: the harness takes it, and so does chain/etl-export.ts's writer. */
export interface RpcBlockData {
  block: RpcBlock;
  transactions: RpcTransaction[];
  receipts: RpcReceipt[];
}

export const CHILD = "0x00000000000000000000000000000000000c41d0";
const holders = [
  "0x00000000000000000000000000000000000a11ce",
  "0x0000000000000000000000000000000000000b0b",
  "0x000000000000000000000000000000000000ca01",
];

/** Blocks 1..count; `failAt` puts a transfer of the forbidden token 666 in that block. */
export function syntheticChain(count: number, opts: { failAt?: number; branch?: number; from?: number } = {}): RpcBlockData[] {
  const out: RpcBlockData[] = [];
  const first = opts.from ?? 1;
  for (let n = first; n < first + count; n++) {
    const branch = opts.branch ?? 0;
    const token = (n % 7) + 1;
    const a = holders[n % 3];
    const b = holders[(n + 1) % 3];
    const logsA = [transferLog(n < 8 ? ZERO_ADDRESS : a, b, token)];
    if (n === opts.failAt) logsA.push(transferLog(a, b, 666));
    const t0 = tx(n, 0, logsA, { branch });
    const logsB = n === 3 ? [spawnLog(CHILD)] : n % 4 === 0 ? [transferLog(a, b, 100 + n, CHILD), transferLog(b, a, token)] : [];
    const t1 = tx(n, 1, logsB, { branch, firstLogIndex: logsA.length });
    const parentBranch = n === first && first > 1 ? 0 : branch;
    out.push({
      block: block(n, { branch, parentBranch }),
      transactions: [t0.transaction, t1.transaction],
      receipts: [t0.receipt, t1.receipt],
    });
  }
  return out;
}

export const TEST_ENTITY_TYPES = ["Account", "Token", "Transfer", "Stats"];
