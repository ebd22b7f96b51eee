/**
 * Fee suggestions from fee history (domain.md §7), MetaMask's method: `eth_feeHistory` over the last
 * 5 blocks with reward percentiles [10, 20, 30]; per tier, the median of that percentile across the
 * blocks, times (0.94, 0.97, 0.98), floored at (1, 1.5, 2) gwei; max fee = latest base fee ×
 * (1.10, 1.20, 1.25) + priority fee. viem's simpler `estimateFeesPerGas` rule (1.2 × base +
 * priority) is offered beside it, labelled, because it can leave a tx stuck after two full blocks.
 * All amounts are bigint wei; multipliers are applied as exact integer ratios (rounding down).
 */
import { z } from "zod";
import type { Warehouse } from "../db.ts";

export const feeHistoryBlocks = 5;
export const feeHistoryPercentiles = [10, 20, 30] as const;

const tiers = {
  low: { percentileIndex: 0, priorityMultiplier: [94n, 100n], minPriorityWei: 1_000_000_000n, baseMultiplier: [110n, 100n] },
  medium: { percentileIndex: 1, priorityMultiplier: [97n, 100n], minPriorityWei: 1_500_000_000n, baseMultiplier: [120n, 100n] },
  high: { percentileIndex: 2, priorityMultiplier: [98n, 100n], minPriorityWei: 2_000_000_000n, baseMultiplier: [125n, 100n] },
} as const;

export type TierName = keyof typeof tiers;

export interface FeeHistory {
  /** Base fee of each block in the range, oldest first, plus the next block's (as the RPC returns it). */
  baseFeePerGasWei: bigint[];
  /** reward[block][percentile] in wei, for percentiles [10, 20, 30]. */
  rewardWei: bigint[][];
}

export interface FeeTier {
  maxPriorityFeePerGasWei: bigint;
  maxFeePerGasWei: bigint;
}

export class FeeHistoryError extends Error {
  override name = "FeeHistoryError";
}

const hexQuantity = z.string().regex(/^0x[0-9a-fA-F]+$/, "must be a hex quantity like 0x3b9aca00");

/** Validates a raw `eth_feeHistory` JSON-RPC result (hex quantities) at the boundary. */
export const feeHistoryResponseSchema = z.object({
  oldestBlock: hexQuantity,
  baseFeePerGas: z.array(hexQuantity).min(2),
  gasUsedRatio: z.array(z.number()),
  reward: z.array(z.array(hexQuantity).length(feeHistoryPercentiles.length)).min(1),
});

/** Parses an `eth_feeHistory(5, "latest", [10, 20, 30])` result into bigint wei. */
export function parseFeeHistory(result: unknown): FeeHistory {
  const parsed = feeHistoryResponseSchema.safeParse(result);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FeeHistoryError(`eth_feeHistory answer: ${issue.path.join(".") || "result"} ${issue.message}`);
  }
  return {
    baseFeePerGasWei: parsed.data.baseFeePerGas.map((x) => BigInt(x)),
    rewardWei: parsed.data.reward.map((row) => row.map((x) => BigInt(x))),
  };
}

function median(values: bigint[]): bigint {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2n;
}

/**
 * MetaMask's three tiers. `latestBaseFeeWei` defaults to the base fee of the newest block in the
 * range (the second-to-last entry of `baseFeePerGasWei`; the last is the next block's).
 */
export function metamaskFeeTiers(history: FeeHistory, latestBaseFeeWei?: bigint): Record<TierName, FeeTier> {
  if (history.rewardWei.length === 0) throw new FeeHistoryError("fee history holds no blocks");
  const base = latestBaseFeeWei ?? history.baseFeePerGasWei[history.baseFeePerGasWei.length - 2] ?? history.baseFeePerGasWei[0];
  const out = {} as Record<TierName, FeeTier>;
  for (const [name, tier] of Object.entries(tiers) as [TierName, (typeof tiers)[TierName]][]) {
    const rewards = history.rewardWei.map((row) => row[tier.percentileIndex]);
    const adjusted = (median(rewards) * tier.priorityMultiplier[0]) / tier.priorityMultiplier[1];
    // biome-ignore lint/complexity/useMathMinMax: bigint wei; Math.max takes numbers only
    const priority = adjusted > tier.minPriorityWei ? adjusted : tier.minPriorityWei;
    out[name] = { maxPriorityFeePerGasWei: priority, maxFeePerGasWei: (base * tier.baseMultiplier[0]) / tier.baseMultiplier[1] + priority };
  }
  return out;
}

/** viem's `estimateFeesPerGas` rule, labelled as such: max fee = 1.2 × base fee + priority fee. */
export function viemStyleFees({ baseFeeWei, maxPriorityFeePerGasWei }: { baseFeeWei: bigint; maxPriorityFeePerGasWei: bigint }): FeeTier {
  return { maxPriorityFeePerGasWei, maxFeePerGasWei: (baseFeeWei * 12n) / 10n + maxPriorityFeePerGasWei };
}

/**
 * Fee history from the warehouse instead of an RPC: the last `blocks` blocks' base fees and
 * gas-weighted tip percentiles (views gas_blocks, gas_block_priority_fees).
 */
export async function feeHistoryFromWarehouse({
  warehouse,
  blocks = feeHistoryBlocks,
}: {
  warehouse: Warehouse;
  blocks?: number;
}): Promise<FeeHistory> {
  const rows = await warehouse.all<{ base: string; next: string; p10: string | null; p20: string | null; p30: string | null }>(
    `SELECT base_fee_per_gas_wei AS base, next_base_fee_per_gas_wei AS next, reward_p10_wei AS p10, reward_p20_wei AS p20, reward_p30_wei AS p30
     FROM gas_blocks LEFT JOIN gas_block_priority_fees USING (block_number)
     WHERE base_fee_per_gas_wei IS NOT NULL
     ORDER BY block_number DESC LIMIT $1`,
    [blocks],
  );
  if (rows.length === 0) throw new FeeHistoryError("the warehouse holds no post-London blocks; sync block headers first");
  rows.reverse();
  return {
    baseFeePerGasWei: [...rows.map((r) => BigInt(r.base)), BigInt(rows[rows.length - 1].next)],
    // An empty block has no tips: eth_feeHistory reports 0 for it.
    rewardWei: rows.map((r) => [r.p10, r.p20, r.p30].map((x) => BigInt(x ?? 0))),
  };
}
