/**
 * Block headers (number, time, gas used/limit, base fee), priority-fee percentiles and first
 * funding from a JSON-RPC endpoint through viem. Resumable: each batch of blocks commits with the
 * `rpc:blocks` cursor. The first run starts at `fromBlock`, else at block 0 on a short chain (up to
 * 100,000 blocks: a devnet), else at the lowest block the warehouse already references (so headers
 * cover the synced sales), else 1,000 blocks below the head.
 */
import { type Block, createPublicClient, http, type Transaction } from "viem";
import type { Warehouse } from "../db.ts";
import { type FundingCandidate, mergeFirstFunding } from "./first-funding.ts";
import type { SyncProgress } from "./subgraph.ts";
import { insertRows, type RawRow, readState, writeRows, writeState } from "./write.ts";

export class HeaderSourceError extends Error {
  override name = "HeaderSourceError";
}

/** Reward percentiles asked of eth_feeHistory: MetaMask's fee tiers use 10/20/30 (domain.md §7). */
export const rewardPercentiles = [10, 20, 30] as const;

export interface RpcHeaderOptions {
  warehouse: Warehouse;
  rpcUrl: string;
  fromBlock?: number;
  /** Blocks per pass at most, so a live loop stays responsive (default 5,000). */
  maxBlocks?: number;
  /** Blocks fetched concurrently (default 16). */
  concurrency?: number;
  onProgress?: (p: SyncProgress) => void;
}

/** Chains up to this many blocks are read from block 0 on the first run. */
const smallChainBlocks = 100_000;

const percentileKinds = { block_number: "int", percentile: "int", priority_fee_per_gas_wei: "hugeint" } as const;

async function startBlock(warehouse: Warehouse, head: number, fromBlock?: number): Promise<number> {
  const state = await readState(warehouse, "rpc:blocks");
  if (state) return Number(state.cursor) + 1;
  if (fromBlock !== undefined) return fromBlock;
  // A short chain (a devnet, a fresh L2) is read from genesis so first_funding sees every funding tx.
  if (head <= smallChainBlocks) return 0;
  const [row] = await warehouse.all<{ b: string | null }>(
    "SELECT least((SELECT min(block_number) FROM transactions), (SELECT min(block_number) FROM sales), (SELECT min(block_number) FROM mints))::VARCHAR AS b",
  );
  return row.b === null ? Math.max(0, head - 1000) : Number(row.b);
}

function describe(error: unknown): string {
  const e = error as { shortMessage?: string; message?: string };
  return (e.shortMessage ?? e.message ?? String(error)).split("\n")[0];
}

/** Syncs headers from the cursor up to the RPC's head (at most `maxBlocks` per call). */
export async function syncRpcHeaders({
  warehouse,
  rpcUrl,
  fromBlock,
  maxBlocks = 5000,
  concurrency = 16,
  onProgress = () => {},
}: RpcHeaderOptions) {
  if (!/^https?:\/\/\S+$/.test(rpcUrl)) throw new HeaderSourceError(`RPC URL "${rpcUrl}" must be http(s), e.g. http://127.0.0.1:8545`);
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 3, retryDelay: 300, timeout: 20_000 }) });
  const call = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw new HeaderSourceError(`RPC at ${rpcUrl} failed ${what}: ${describe(error)}; headers so far are kept and the next sync resumes`);
    }
  };
  const head = Number(await call("eth_blockNumber", () => client.getBlockNumber()));
  const start = await startBlock(warehouse, head, fromBlock);
  const end = Math.min(head, start + maxBlocks - 1);
  const result = { blocks: { imported: 0, lastBlock: null as number | null }, firstFunding: { imported: 0 } };
  if (start > end) {
    onProgress({ stage: "blocks", message: `headers up to date at block ${head}` });
    return result;
  }
  onProgress({ stage: "blocks", message: `headers ${start}–${end} from ${rpcUrl}` });
  const batch = Math.max(concurrency, 64);
  for (let from = start; from <= end; from += batch) {
    const to = Math.min(end, from + batch - 1);
    const numbers = Array.from({ length: to - from + 1 }, (_, i) => BigInt(from + i));
    const blocks: Block<bigint, true>[] = [];
    for (let i = 0; i < numbers.length; i += concurrency) {
      const slice = numbers.slice(i, i + concurrency);
      blocks.push(
        ...(await call(`eth_getBlockByNumber ${slice[0]}`, () =>
          Promise.all(slice.map((n) => client.getBlock({ blockNumber: n, includeTransactions: true }))),
        )),
      );
    }
    const rewards = await client
      .getFeeHistory({ blockCount: numbers.length, blockNumber: BigInt(to), rewardPercentiles: [...rewardPercentiles] })
      .catch(() => null); // optional: some endpoints lack eth_feeHistory; tiers then use transactions only
    const rows: RawRow[] = blocks.map((b) => ({
      block_number: b.number,
      block_hash: b.hash,
      block_time: b.timestamp,
      gas_used: b.gasUsed,
      gas_limit: b.gasLimit,
      base_fee_per_gas_wei: b.baseFeePerGas ?? null,
      transaction_count: b.transactions.length,
    }));
    const percentileRows: RawRow[] = [];
    for (const [i, perBlock] of (rewards?.reward ?? []).entries()) {
      for (const [j, tip] of perBlock.entries()) {
        percentileRows.push({ block_number: from + i, percentile: rewardPercentiles[j], priority_fee_per_gas_wei: tip });
      }
    }
    const candidates: FundingCandidate[] = blocks.flatMap((b) =>
      (b.transactions as Transaction[])
        .filter((t) => t.value > 0n && t.to)
        .map((t) => ({
          address: t.to as string,
          funder: t.from,
          blockNumber: Number(b.number),
          txIndex: t.transactionIndex ?? 0,
          txHash: t.hash,
        })),
    );
    const funded = await warehouse.transaction(async () => {
      await writeRows(warehouse, "blocks", rows);
      if (percentileRows.length) await insertRows(warehouse, "block_priority_fees", percentileKinds, percentileRows, "replace");
      const n = await mergeFirstFunding(warehouse, candidates);
      await writeState(warehouse, "rpc:blocks", String(to), to);
      return n;
    });
    result.blocks.imported += rows.length;
    result.blocks.lastBlock = to;
    result.firstFunding.imported += funded;
    onProgress({
      stage: "blocks",
      what: "blocks",
      rows: result.blocks.imported,
      message: `headers through block ${to} (${result.blocks.imported})`,
    });
  }
  return result;
}
