/**
 * Gas page reads: the next base fee (exact EIP-1559), fee tiers by MetaMask's
 * fee-history method over the last 5 blocks (domain.md §7, priority fee = effective price − base
 * fee of each transaction) and what a mint and a Seaport purchase cost now. Base-fee history and
 * the windowed hour-of-week heatmap are analytics/queries/gas.ts reads, re-exported under the chart names.
 */
import type { Warehouse } from "../../analytics/db";
import { nextBaseFeeWei } from "../lib/eip1559";
import { MINT_GAS, SEAPORT_PURCHASE_GAS } from "../lib/gas-constants";
import { importAnalytics } from "./analytics.server";

export { MINT_GAS, SEAPORT_PURCHASE_GAS };

export interface FeeTier {
  name: "slow" | "standard" | "fast" | "viem estimateFeesPerGas";
  priorityFeeGwei: number;
  maxFeeGwei: number;
}

export interface GasNow {
  blockNumber: number;
  blockTime: string;
  baseFeeGwei: number;
  nextBaseFeeGwei: number;
  tiers: FeeTier[];
  ethUsd: number | null;
  mintCostEth: number;
  purchaseCostEth: number;
}

const GWEI = 1e9;

/** The gas situation at the newest block, or null with no blocks. */
export async function gasNow({ warehouse }: { warehouse: Warehouse }): Promise<GasNow | null> {
  const [b] = await warehouse.all<{ n: string; t: string; base: string | null; used: string; lim: string }>(
    `SELECT CAST(block_number AS VARCHAR) AS n, strftime(block_time, '%Y-%m-%d %H:%M:%S UTC') AS t, CAST(base_fee_per_gas_wei AS VARCHAR) AS base,
            CAST(gas_used AS VARCHAR) AS used, CAST(gas_limit AS VARCHAR) AS lim FROM blocks ORDER BY block_number DESC LIMIT 1`,
  );
  if (!b) return null;
  const baseFeeWei = BigInt(b.base ?? "0");
  const next = nextBaseFeeWei({ baseFeeWei, gasUsed: BigInt(b.used), gasLimit: BigInt(b.lim) });
  // Median over the last 5 blocks of each block's 10/20/30th percentile priority fee.
  const [p] = await warehouse.all<{ p10: number | null; p20: number | null; p30: number | null }>(
    `WITH last5 AS (SELECT block_number FROM blocks ORDER BY block_number DESC LIMIT 5),
     per_block AS (SELECT t.block_number,
         quantile_disc(CAST(t.gas_price_wei - coalesce(t.base_fee_per_gas_wei, 0) AS DOUBLE), [0.1, 0.2, 0.3]) AS q
       FROM transactions t JOIN last5 USING (block_number) GROUP BY 1)
     SELECT median(q[1]) AS p10, median(q[2]) AS p20, median(q[3]) AS p30 FROM per_block`,
  );
  const mult = [0.94, 0.97, 0.98];
  const floorGwei = [1, 1.5, 2];
  const baseMult = [1.1, 1.2, 1.25];
  const names: FeeTier["name"][] = ["slow", "standard", "fast"];
  const raw = [p?.p10, p?.p20, p?.p30];
  const baseGwei = Number(baseFeeWei) / GWEI;
  const tiers: FeeTier[] = names.map((name, i) => {
    const priorityFeeGwei = Math.max(((raw[i] ?? 0) / GWEI) * mult[i], floorGwei[i]);
    return { name, priorityFeeGwei, maxFeeGwei: baseGwei * baseMult[i] + priorityFeeGwei };
  });
  // E1's fee-history tiers (analytics/gas) when they load; the inline computation above otherwise.
  const fromModels = await e1FeeTiers(warehouse).catch(() => null);
  if (fromModels) tiers.splice(0, tiers.length, ...fromModels);
  const [price] = await warehouse.all<{ usd: number }>(
    "SELECT price_usd AS usd FROM price_points WHERE feed = 'ETH/USD' ORDER BY block_time DESC LIMIT 1",
  );
  const standardGwei = Number(next) / GWEI + tiers[1].priorityFeeGwei;
  return {
    blockNumber: Number(b.n),
    blockTime: b.t,
    baseFeeGwei: baseGwei,
    nextBaseFeeGwei: Number(next) / GWEI,
    tiers,
    ethUsd: price?.usd ?? null,
    mintCostEth: (MINT_GAS * standardGwei) / GWEI,
    purchaseCostEth: (SEAPORT_PURCHASE_GAS * standardGwei) / GWEI,
  };
}

/** MetaMask's three tiers and viem's rule, labelled, from E1's analytics/queries/gas.ts. */
async function e1FeeTiers(warehouse: Warehouse): Promise<FeeTier[]> {
  const { getFeeTiers } = await importAnalytics<typeof import("../../analytics/queries/gas")>("queries/gas.ts");
  const { metamask, viemStyle } = await getFeeTiers({ warehouse });
  const g = (wei: bigint) => Number(wei) / GWEI;
  const tier = (name: FeeTier["name"], t: { maxPriorityFeePerGasWei: bigint; maxFeePerGasWei: bigint }) => ({
    name,
    priorityFeeGwei: g(t.maxPriorityFeePerGasWei),
    maxFeeGwei: g(t.maxFeePerGasWei),
  });
  return [
    tier("slow", metamask.low),
    tier("standard", metamask.medium),
    tier("fast", metamask.high),
    tier("viem estimateFeesPerGas", viemStyle),
  ];
}

export {
  type BaseFeePoint,
  getBaseFeeByHourOfWeek as hourOfWeek,
  getBaseFeeHistory as baseFeeHistory,
  type HourOfWeekCell as HeatCell,
} from "../../analytics/queries/gas";
