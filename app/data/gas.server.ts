/**
 * Gas page reads: the next base fee (exact EIP-1559), fee tiers by MetaMask's
 * fee-history method over the last 5 blocks (domain.md §7, priority fee = effective price − base
 * fee of each transaction) and what a mint and a Seaport purchase cost now. Base-fee history and
 * the windowed hour-of-week heatmap are analytics/queries/gas.ts reads, re-exported under the chart names.
 */
import type { Warehouse } from "../../analytics/db";
import { getFeeTiers, getLatestEthUsd, getLatestGasBlock, getPriorityFeePercentilesWei } from "../../analytics/queries/gas";
import { nextBaseFeeWei } from "../lib/eip1559";
import { MINT_GAS, SEAPORT_PURCHASE_GAS } from "../lib/gas-constants";

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
  const b = await getLatestGasBlock({ warehouse });
  if (!b) return null;
  const baseFeeWei = b.baseFeePerGasWei ?? 0n;
  const next = nextBaseFeeWei({ baseFeeWei, gasUsed: b.gasUsed, gasLimit: b.gasLimit });
  const p = await getPriorityFeePercentilesWei({ warehouse });
  const mult = [0.94, 0.97, 0.98];
  const floorGwei = [1, 1.5, 2];
  const baseMult = [1.1, 1.2, 1.25];
  const names: FeeTier["name"][] = ["slow", "standard", "fast"];
  const raw = [p.p10Wei, p.p20Wei, p.p30Wei];
  const baseGwei = Number(baseFeeWei) / GWEI;
  const tiers: FeeTier[] = names.map((name, i) => {
    const priorityFeeGwei = Math.max(((raw[i] ?? 0) / GWEI) * mult[i], floorGwei[i]);
    return { name, priorityFeeGwei, maxFeeGwei: baseGwei * baseMult[i] + priorityFeeGwei };
  });
  // E1's fee-history tiers (analytics/gas) when they load; the inline computation above otherwise.
  const fromModels = await e1FeeTiers(warehouse).catch(() => null);
  if (fromModels) tiers.splice(0, tiers.length, ...fromModels);
  const ethUsd = await getLatestEthUsd({ warehouse });
  const standardGwei = Number(next) / GWEI + tiers[1].priorityFeeGwei;
  return {
    blockNumber: b.blockNumber,
    blockTime: b.blockTime,
    baseFeeGwei: baseGwei,
    nextBaseFeeGwei: Number(next) / GWEI,
    tiers,
    ethUsd,
    mintCostEth: (MINT_GAS * standardGwei) / GWEI,
    purchaseCostEth: (SEAPORT_PURCHASE_GAS * standardGwei) / GWEI,
  };
}

/** MetaMask's three tiers and viem's rule, labelled, from E1's analytics/queries/gas.ts. */
async function e1FeeTiers(warehouse: Warehouse): Promise<FeeTier[]> {
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
