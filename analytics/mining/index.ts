/**
 * Mining profitability: public API for the CLI (`hashfloor mining`), the route
 * /api/mining/profitability and the dashboard. See README.md in this folder.
 */
import type { Warehouse } from "../db.ts";
import type { Machine } from "./catalog.ts";
import { coins, ethMiningEnded, type MinedCoin, type MiningEnded } from "./coins.ts";
import { hasMiningModels, openMiningEngine } from "./engine.ts";
import { difficultyTrend } from "./history.ts";
import { type MiningRequest, parseMiningRequest } from "./input.ts";
import { computeProfitability, daysPerMonth, type MiningDay, type Profitability, projectPayback } from "./model.ts";
import { type NetworkSources, type ResolvedLeg, type ResolvedNetwork, resolveNetwork } from "./network.ts";
import { type SensitivityGrid, sensitivityGrid } from "./sensitivity.ts";
import { snapshots } from "./snapshot.ts";
import { growthPercentOver, growthPerDay } from "./units.ts";

export { NetworkDataError } from "./adapters/http.ts";
export { findMachine, listMachines, type Machine } from "./catalog.ts";
export { type CoinId, coins, ethMerge, type LegCoin, type MinedCoin, type MiningEnded } from "./coins.ts";
export {
  type Backtest,
  backtest,
  difficultyTrend,
  estimateHeight,
  HistoryImportError,
  importDifficultyPoints,
  importHistoryCsv,
  importPricePoints,
  lastHistoryDay,
  parseHistoryCsv,
} from "./history.ts";
export { type MiningRequest, miningDefaults, miningFields, parseMiningRequest, type RawMiningRequest } from "./input.ts";
export {
  computeProfitability,
  type MiningDay,
  type MiningLeg,
  type PaybackProjection,
  type Profitability,
  projectPayback,
} from "./model.ts";
export { type NetworkSources, type ResolvedNetwork, resolveNetwork } from "./network.ts";
export { type SensitivityGrid, type SensitivityInput, sensitivityGrid } from "./sensitivity.ts";
export { snapshots } from "./snapshot.ts";
export { formatHashrate, MiningInputError, parseGrowth, parseHashrateHps } from "./units.ts";

/** Version stamped on every answer; bump when a formula changes. */
export const miningMethodologyVersion = "mining-1";

/** The full answer to one request: today's economics, the projection with payback, the grid. */
export interface MiningAnswer {
  coin: MinedCoin;
  coinName: string;
  algorithm: string;
  methodologyVersion: string;
  machine: Pick<Machine, "model" | "manufacturer" | "verified" | "sourceUrl" | "releaseDate"> | null;
  inputs: {
    hashrateHps: number;
    powerW: number;
    powerUsdPerKwh: number;
    poolFeePercent: number;
    uptimePercent: number;
    hostingUsdPerMonth: number;
    hardwareCostUsd: number | null;
    horizonMonths: number;
    switchOffWhenLosing: boolean;
    startDate: string;
    priceGrowthPercentPerMonth: number;
  };
  network: { date: string; isSnapshot: boolean; label: string; legs: ResolvedLeg[] };
  growth: {
    difficultyGrowthPerDay: number;
    difficultyGrowthPercentPerRetarget: number | null;
    difficultyGrowthPercentPerMonth: number;
    source: string;
  };
  today: Profitability;
  projection: {
    horizonMonths: number;
    totalProfitUsd: number;
    daysRunning: number;
    paybackDays: number | null;
    paybackDate: string | null;
    naivePaybackDays: number | null;
    paysBack: boolean | null;
    verdict: string;
    days?: MiningDay[];
  };
  sensitivity?: SensitivityGrid;
}

export interface MiningQueryOptions {
  sources?: NetworkSources;
  /** Where to run the SQL model (must have the 50_mining_* models applied); default a fresh ":memory:". */
  warehouse?: Warehouse;
  /** A warehouse holding mining_history: its trailing 90-day difficulty trend becomes the default growth. */
  historyWarehouse?: Warehouse;
  /** Include the day-by-day projection (cumulative profit curve). */
  includeDays?: boolean;
  includeSensitivity?: boolean;
}

/** Runs the whole model for a checked request. ETH answers that mining ended instead of computing. */
export async function runMiningQuery(request: MiningRequest, options: MiningQueryOptions = {}): Promise<MiningAnswer | MiningEnded> {
  if (request.coin === "eth") return ethMiningEnded();
  const coin = coins[request.coin];
  const network = await resolveNetwork({
    coin: coin.id,
    overrides: {
      height: request.height,
      difficulty: request.difficulty,
      coinPriceUsd: request.coinPriceUsd,
      feesPerBlockCoin: request.feesPerBlockCoin,
    },
    sources: options.sources,
  });
  const startDate = request.startDate ?? network.date;
  const retargetDays = coin.retargetBlocks ? (coin.retargetBlocks * coin.blockTimeS[coin.legs[0]]) / 86_400 : undefined;
  const growth = await resolveGrowth(request, coin.id, startDate, retargetDays ?? 1, options.historyWarehouse ?? options.warehouse);
  const priceGrowthPerDay = growthPerDay(request.priceGrowth, retargetDays ?? 1);
  const warehouse = options.warehouse ?? (await openMiningEngine());
  try {
    return await answer(request, options, warehouse, network, startDate, retargetDays, growth, priceGrowthPerDay);
  } finally {
    if (!options.warehouse) warehouse.close();
  }
}

async function answer(
  request: MiningRequest,
  options: MiningQueryOptions,
  warehouse: Warehouse,
  network: ResolvedNetwork,
  startDate: string,
  retargetDays: number | undefined,
  growth: { perDay: number; source: string },
  priceGrowthPerDay: number,
): Promise<MiningAnswer> {
  const coin = coins[request.coin as MinedCoin];
  const economics = {
    warehouse,
    legs: network.legs,
    hashrateHps: request.hashrateHps,
    powerW: request.powerW,
    powerUsdPerKwh: request.powerUsdPerKwh,
    poolFeePercent: request.poolFeePercent,
    uptimePercent: request.uptimePercent,
    hostingUsdPerMonth: request.hostingUsdPerMonth,
  };
  const today = await computeProfitability(economics);
  const projected = await projectPayback({
    ...economics,
    startDate,
    horizonMonths: request.horizonMonths,
    difficultyGrowthPerDay: growth.perDay,
    priceGrowthPerMonth: (1 + priceGrowthPerDay) ** daysPerMonth - 1,
    switchOffWhenLosing: request.switchOffWhenLosing,
    hardwareCostUsd: request.hardwareCostUsd ?? 0,
    includeDays: options.includeDays === true,
  });
  const hasCost = request.hardwareCostUsd !== undefined;
  return {
    coin: coin.id,
    coinName: coin.name,
    algorithm: coin.algorithm,
    methodologyVersion: miningMethodologyVersion,
    machine: request.machine
      ? {
          model: request.machine.model,
          manufacturer: request.machine.manufacturer,
          verified: request.machine.verified,
          sourceUrl: request.machine.sourceUrl,
          releaseDate: request.machine.releaseDate,
        }
      : null,
    inputs: {
      hashrateHps: request.hashrateHps,
      powerW: request.powerW,
      powerUsdPerKwh: request.powerUsdPerKwh,
      poolFeePercent: request.poolFeePercent,
      uptimePercent: request.uptimePercent,
      hostingUsdPerMonth: request.hostingUsdPerMonth,
      hardwareCostUsd: request.hardwareCostUsd ?? null,
      horizonMonths: request.horizonMonths,
      switchOffWhenLosing: request.switchOffWhenLosing,
      startDate,
      priceGrowthPercentPerMonth: growthPercentOver(priceGrowthPerDay, daysPerMonth),
    },
    network: { date: network.date, isSnapshot: network.isSnapshot, label: network.label, legs: network.legs },
    growth: {
      difficultyGrowthPerDay: growth.perDay,
      difficultyGrowthPercentPerRetarget: retargetDays && coin.id !== "etc" ? growthPercentOver(growth.perDay, retargetDays) : null,
      difficultyGrowthPercentPerMonth: growthPercentOver(growth.perDay, daysPerMonth),
      source: growth.source,
    },
    today,
    projection: {
      horizonMonths: request.horizonMonths,
      totalProfitUsd: projected.totalProfitUsd,
      daysRunning: projected.daysRunning,
      paybackDays: hasCost ? projected.paybackDays : null,
      paybackDate: hasCost ? projected.paybackDate : null,
      naivePaybackDays: hasCost ? projected.naivePaybackDays : null,
      paysBack: hasCost ? projected.paysBack : null,
      verdict: hasCost ? projected.verdict : "no hardware cost given (--hardware-cost), so no payback date",
      ...(options.includeDays ? { days: projected.days } : {}),
    },
    ...(options.includeSensitivity ? { sensitivity: await sensitivityGrid(economics) } : {}),
  };
}

async function resolveGrowth(request: MiningRequest, coin: MinedCoin, asOf: string, retargetDays: number, warehouse?: Warehouse) {
  if (request.growth) {
    return { perDay: growthPerDay(request.growth, retargetDays), source: `given: ${request.growth.percent}%/${request.growth.period}` };
  }
  const leg = coins[coin].legs[0];
  if (warehouse) {
    const trend = await difficultyTrend({ warehouse, coin: leg, asOf, windowDays: 90 }).catch(() => undefined);
    if (trend)
      return {
        perDay: trend.growthPerDay,
        source: `trailing 90-day trend of loaded history (${trend.points} days, ${trend.fromDay} to ${trend.toDay})`,
      };
  }
  const snap = snapshots[leg];
  return { perDay: snap.difficultyGrowthPerDay, source: `snapshot trend at ${snap.date}: ${snap.sources.difficultyGrowthPerDay}` };
}

/** What the overview's hashprice card shows: today's BTC hashprice and where the network data came from. */
export interface HashpriceCard {
  hashpriceUsdPerThDay: number;
  hashpriceUsdPerPhDay: number;
  networkHashrateHps: number;
  date: string;
  isSnapshot: boolean;
  label: string;
}

/** BTC hashprice for a card (runs on `warehouse` when it carries the mining models, else on an in-memory engine). */
export async function hashpriceCard({ warehouse }: { warehouse?: Warehouse } = {}): Promise<HashpriceCard> {
  const usable = warehouse && (await hasMiningModels(warehouse)) ? warehouse : undefined;
  const answer = (await runMiningQuery(parseMiningRequest({ coin: "btc", machine: "Antminer S21" }), {
    warehouse: usable,
  })) as MiningAnswer;
  return {
    hashpriceUsdPerThDay: answer.today.hashpriceUsdPerThDay,
    hashpriceUsdPerPhDay: answer.today.hashpriceUsdPerPhDay,
    networkHashrateHps: answer.today.legs[0].networkHashrateHps,
    date: answer.network.date,
    isSnapshot: answer.network.isSnapshot,
    label: answer.network.label,
  };
}
