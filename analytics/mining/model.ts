/**
 * The mining model's typed API over its SQL (analytics/models/50_mining_*.sql). Every figure is
 * computed in DuckDB with bound parameters; these functions only shape inputs and rows. Each takes an
 * optional `warehouse` (it must have had applySchema run); without one it opens ":memory:".
 */
import type { DuckDBValue } from "@duckdb/node-api";
import type { Row, Warehouse } from "../db.ts";
import type { LegCoin } from "./coins.ts";
import { openMiningEngine } from "./engine.ts";

/** Network state for one chain mined by the machine (two for merged LTC + DOGE). */
export interface MiningLeg {
  coin: LegCoin;
  difficulty: number;
  height: number;
  feesPerBlockCoin: number;
  priceUsd: number;
}

/** A machine and its running costs. Percentages are 0..100. */
export interface MachineEconomicsInput {
  legs: MiningLeg[];
  hashrateHps: number;
  powerW: number;
  powerUsdPerKwh: number;
  poolFeePercent: number;
  uptimePercent?: number;
  hostingUsdPerMonth?: number;
  warehouse?: Warehouse;
}

export interface ProjectionInput extends MachineEconomicsInput {
  /** First day (YYYY-MM-DD). */
  startDate: string;
  horizonMonths: number;
  /** Compound difficulty growth per day, fraction (0.002 = +0.2 %/day). */
  difficultyGrowthPerDay: number;
  /** Compound price growth per month, fraction. */
  priceGrowthPerMonth?: number;
  switchOffWhenLosing?: boolean;
  hardwareCostUsd: number;
  /** Return the day rows (default true); reading them dominates the cost, the payback needs none. */
  includeDays?: boolean;
}

export const daysPerMonth = 30.436875;

// Lists are bound as JSON text and typed by from_json: binding JS arrays directly lets DuckDB infer
// INTEGER from a first element like 84 and then reject 0.16.
export const legsValue = (legs: MiningLeg[]) =>
  JSON.stringify(
    legs.map((l) => ({
      coin: l.coin,
      difficulty: l.difficulty,
      height: l.height,
      fees_per_block_coin: l.feesPerBlockCoin,
      price_usd: l.priceUsd,
    })),
  );
/** SQL for bound parameter `$n` holding legsValue(...). */
export const legsParam = (n: number) =>
  `from_json($${n}::JSON, '[{"coin":"VARCHAR","difficulty":"DOUBLE","height":"BIGINT","fees_per_block_coin":"DOUBLE","price_usd":"DOUBLE"}]')`;
/** SQL for bound parameter `$n` holding a JSON array of numbers. */
export const doublesParam = (n: number) => `from_json($${n}::JSON, '["DOUBLE"]')`;

/** Runs `work` on `warehouse`, or on a fresh in-memory engine closed afterwards. */
export async function withWarehouse<T>(warehouse: Warehouse | undefined, work: (w: Warehouse) => Promise<T>): Promise<T> {
  if (warehouse) return work(warehouse);
  const opened = await openMiningEngine();
  try {
    return await work(opened);
  } finally {
    opened.close();
  }
}

export const hostingPerDay = (i: MachineEconomicsInput) => (i.hostingUsdPerMonth ?? 0) / daysPerMonth;
export const uptime = (i: MachineEconomicsInput) => (i.uptimePercent ?? 100) / 100;

function projectionParams(i: ProjectionInput, horizonDays: number): DuckDBValue[] {
  return [
    legsValue(i.legs),
    i.startDate,
    horizonDays,
    i.hashrateHps,
    i.powerW,
    uptime(i),
    i.powerUsdPerKwh,
    hostingPerDay(i),
    i.poolFeePercent / 100,
    i.difficultyGrowthPerDay,
    i.priceGrowthPerMonth ?? 0,
    i.switchOffWhenLosing ?? true,
    i.hardwareCostUsd,
  ];
}

/** Per-coin detail of one day. */
export interface LegDay {
  coin: LegCoin;
  height: number;
  difficulty: number;
  blockRewardCoin: number;
  feesPerBlockCoin: number;
  coinPriceUsd: number;
  coinsPerDay: number;
  revenueUsdPerDay: number;
}

/** One day of a projection or backtest. Money is USD for that day; cumulative sums run from day 0. */
export interface MiningDay {
  dayIndex: number;
  day: string;
  isRunning: boolean;
  revenueUsd: number;
  powerCostUsd: number;
  hostingCostUsd: number;
  profitUsd: number;
  cumulativeProfitUsd: number;
  netPositionUsd: number;
  legs: LegDay[];
}

/** Converts a mining_projection / mining_backtest row. */
export function toMiningDay(r: Row): MiningDay {
  const legs = (r.legs as Row[]).map((l) => ({
    coin: l.coin as LegCoin,
    height: Number(l.height),
    difficulty: Number(l.difficulty),
    blockRewardCoin: Number(l.block_reward_coin),
    feesPerBlockCoin: Number(l.fees_per_block_coin),
    coinPriceUsd: Number(l.coin_price_usd),
    coinsPerDay: Number(l.coins_per_day),
    revenueUsdPerDay: Number(l.revenue_usd_per_day),
  }));
  return {
    dayIndex: Number(r.day_index),
    day: String(r.day),
    isRunning: Boolean(r.is_running),
    revenueUsd: Number(r.revenue_usd),
    powerCostUsd: Number(r.power_cost_usd),
    hostingCostUsd: Number(r.hosting_cost_usd),
    profitUsd: Number(r.profit_usd),
    cumulativeProfitUsd: Number(r.cumulative_profit_usd),
    netPositionUsd: Number(r.net_position_usd),
    legs,
  };
}

/** Per-coin figures of today's economics. */
export interface LegEconomics extends LegDay {
  networkHashrateHps: number;
  hashpriceCoinPerThDay: number;
  hashpriceUsdPerThDay: number;
}

/** What the machine earns and spends per day at today's network state (running all day). */
export interface Profitability {
  legs: LegEconomics[];
  hashrateHps: number;
  powerW: number;
  revenueUsdPerDay: number;
  powerKwhPerDay: number;
  powerCostUsdPerDay: number;
  hostingCostUsdPerDay: number;
  profitUsdPerDay: number;
  /** USD per TH/s per day, all legs, before pool fee (Hashrate Index definition). */
  hashpriceUsdPerThDay: number;
  hashpriceUsdPerPhDay: number;
  /** The same per GH/s: the natural unit for Scrypt and Etchash machines. */
  hashpriceUsdPerGhDay: number;
  /** Power price at which profit is zero (revenue minus hosting over kWh per day); null when revenue is 0. */
  breakEvenPowerUsdPerKwh: number | null;
  /** First leg's coin price at which profit is zero (other legs' prices scale with it). */
  breakEvenCoinPriceUsd: number | null;
  /** False when today's revenue does not cover the power: the model would switch the machine off. */
  coversPowerCost: boolean;
}

/** Today's economics: coins/day, revenue, power cost, profit, hashprice, break-even power and coin price. */
export async function computeProfitability(input: MachineEconomicsInput): Promise<Profitability> {
  return withWarehouse(input.warehouse, async (w) => {
    const params = projectionParams(
      { ...input, startDate: "2000-01-01", horizonMonths: 1, difficultyGrowthPerDay: 0, switchOffWhenLosing: false, hardwareCostUsd: 0 },
      1,
    );
    const [dayRow] = await w.all(
      `SELECT * FROM mining_projection(${legsParam(1)}, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      params,
    );
    const hashRows = await w.all(`SELECT * FROM mining_hashprice(${legsParam(1)})`, [legsValue(input.legs)]);
    const day = toMiningDay(dayRow);
    const legs = day.legs.map((l, i) => ({
      ...l,
      networkHashrateHps: Number(hashRows[i].network_hashrate_hps),
      hashpriceCoinPerThDay: Number(hashRows[i].hashprice_coin_per_th_day),
      hashpriceUsdPerThDay: Number(hashRows[i].hashprice_usd_per_th_day),
    }));
    const powerKwhPerDay = (input.powerW / 1000) * 24 * uptime(input);
    const hashpriceUsdPerThDay = legs.reduce((s, l) => s + l.hashpriceUsdPerThDay, 0);
    const costUsdPerDay = day.powerCostUsd + day.hostingCostUsd;
    return {
      legs,
      hashrateHps: input.hashrateHps,
      powerW: input.powerW,
      revenueUsdPerDay: day.revenueUsd,
      powerKwhPerDay,
      powerCostUsdPerDay: day.powerCostUsd,
      hostingCostUsdPerDay: day.hostingCostUsd,
      profitUsdPerDay: day.profitUsd,
      hashpriceUsdPerThDay,
      hashpriceUsdPerPhDay: hashpriceUsdPerThDay * 1000,
      hashpriceUsdPerGhDay: hashpriceUsdPerThDay / 1000,
      breakEvenPowerUsdPerKwh: powerKwhPerDay > 0 ? Math.max(0, day.revenueUsd - day.hostingCostUsd) / powerKwhPerDay : null,
      breakEvenCoinPriceUsd: day.revenueUsd > 0 ? (input.legs[0].priceUsd * costUsdPerDay) / day.revenueUsd : null,
      coversPowerCost: day.revenueUsd > day.powerCostUsd,
    };
  });
}

/** A projection with its payback answer. */
export interface PaybackProjection {
  days: MiningDay[];
  horizonDays: number;
  /** Days until cumulative profit covers the hardware cost (counting day 0 as 1); null: not within the horizon. */
  paybackDays: number | null;
  paybackDate: string | null;
  /** Hardware cost over day 0's profit, as if today lasted forever; null when day 0 makes no profit. */
  naivePaybackDays: number | null;
  paysBack: boolean;
  daysRunning: number;
  totalProfitUsd: number;
  /** "pays back on 2025-01-31 (day 287)" or "does not pay back within 36 months". */
  verdict: string;
}

/** Day-by-day projection under difficulty growth, reward steps and a price path, with the payback date. */
export async function projectPayback(input: ProjectionInput): Promise<PaybackProjection> {
  const horizonDays = Math.round(input.horizonMonths * daysPerMonth);
  return withWarehouse(input.warehouse, async (w) => {
    const params = projectionParams(input, horizonDays);
    const rows =
      input.includeDays === false
        ? []
        : await w.all(`SELECT * FROM mining_projection(${legsParam(1)}, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`, params);
    const [summary] = await w.all(
      `SELECT * FROM mining_payback(${legsParam(1)}, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      params,
    );
    const paybackDays = summary.payback_days === null ? null : Number(summary.payback_days);
    const paybackDate = summary.payback_day === null ? null : String(summary.payback_day);
    return {
      days: rows.map(toMiningDay),
      horizonDays,
      paybackDays,
      paybackDate,
      naivePaybackDays: summary.naive_payback_days === null ? null : Number(summary.naive_payback_days),
      paysBack: paybackDays !== null,
      daysRunning: Number(summary.days_running),
      totalProfitUsd: Number(summary.total_profit_usd),
      verdict: paybackDate ? `pays back on ${paybackDate} (day ${paybackDays})` : `does not pay back within ${input.horizonMonths} months`,
    };
  });
}
