/**
 * One request shape for the CLI and the HTTP route: raw strings (flags or query parameters, same
 * names: coin, machine, hashrate, power, kwh, pool-fee, …) → a typed, checked MiningRequest.
 * Bad input throws MiningInputError with one line naming the field and an accepted example.
 */
import { findMachine, type Machine } from "./catalog.ts";
import { type CoinId, coinAliases, coins } from "./coins.ts";
import { type GrowthPeriod, MiningInputError, parseGrowth, parseHashrateHps } from "./units.ts";

/** Field names accepted by parseMiningRequest (CLI flags without "--", query parameter names). */
export const miningFields = [
  "coin",
  "machine",
  "hashrate",
  "power",
  "kwh",
  "pool-fee",
  "height",
  "difficulty",
  "coin-price",
  "fees-per-block",
  "hardware-cost",
  "growth",
  "price-growth",
  "uptime",
  "hosting",
  "months",
  "keep-on",
  "date",
] as const;
export type MiningField = (typeof miningFields)[number];
export type RawMiningRequest = Partial<Record<MiningField, string | undefined>>;

/** A checked request. Undefined network fields come from live data or the snapshot. */
export interface MiningRequest {
  coin: CoinId;
  machine?: Machine;
  hashrateHps: number;
  powerW: number;
  powerUsdPerKwh: number;
  poolFeePercent: number;
  height?: number;
  difficulty?: number;
  coinPriceUsd?: number;
  feesPerBlockCoin?: number;
  hardwareCostUsd?: number;
  /** Difficulty growth; undefined → trailing trend of loaded history, else the snapshot's trend. */
  growth?: { percent: number; period: GrowthPeriod };
  priceGrowth: { percent: number; period: GrowthPeriod };
  uptimePercent: number;
  hostingUsdPerMonth: number;
  horizonMonths: number;
  switchOffWhenLosing: boolean;
  /** First day of the projection (YYYY-MM-DD); undefined → the network data's date. */
  startDate?: string;
}

/** Defaults a request gets when a field is absent. */
export const miningDefaults = { powerUsdPerKwh: 0.05, poolFeePercent: 2, uptimePercent: 100, hostingUsdPerMonth: 0, horizonMonths: 36 };

interface NumberRule {
  min: number;
  minExclusive?: boolean;
  max?: number;
  integer?: boolean;
  example: string;
  what: string;
}

function numberField(field: MiningField, value: string | undefined, rule: NumberRule): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value.replace(/_/g, "").replace(/,/g, ""));
  const tooLow = rule.minExclusive ? !(n > rule.min) : !(n >= rule.min);
  const bad =
    !/^\s*-?[\d_,]*\.?\d+(e[+-]?\d+)?\s*$/i.test(value) || !Number.isFinite(n) || tooLow || (rule.max !== undefined && n > rule.max);
  if (bad || (rule.integer && !Number.isSafeInteger(n))) {
    const range =
      rule.max !== undefined ? `from ${rule.min} to ${rule.max}` : rule.minExclusive ? `more than ${rule.min}` : `${rule.min} or more`;
    throw new MiningInputError(
      field,
      `--${field} must be ${rule.integer ? "a whole number" : "a number"} ${range} (${rule.what}; got "${value}"), e.g. --${field} ${rule.example}`,
    );
  }
  return n;
}

function parseCoin(value: string | undefined): CoinId {
  if (value === undefined || value === "") return "btc";
  const coin = coinAliases[value.trim().toLowerCase()];
  if (!coin)
    throw new MiningInputError("coin", `--coin "${value}" is not supported; use btc, etc, ltc (LTC+DOGE merged) or eth, e.g. --coin btc`);
  return coin;
}

/** Checks raw strings and returns a MiningRequest (or throws MiningInputError). */
export function parseMiningRequest(raw: RawMiningRequest): MiningRequest {
  const coin = parseCoin(raw.coin);
  const machine = raw.machine ? findMachine(raw.machine) : undefined;
  if (machine && coin !== "eth" && machine.algorithm !== coins[coin].algorithm) {
    const fits = Object.values(coins).find((c) => c.algorithm === machine.algorithm)?.id;
    throw new MiningInputError(
      "machine",
      `machine "${machine.model}" mines ${machine.algorithm}, not ${coins[coin].algorithm}; e.g. --coin ${fits}`,
    );
  }
  const hashrateHps = raw.hashrate ? parseHashrateHps(raw.hashrate) : machine?.hashrateHps;
  const powerW =
    numberField("power", raw.power, { min: 0, minExclusive: true, example: "3500", what: "watts at the wall" }) ?? machine?.powerW;
  if (coin !== "eth" && (hashrateHps === undefined || powerW === undefined)) {
    const missing = hashrateHps === undefined ? "hashrate" : "power";
    throw new MiningInputError(
      missing,
      `--${missing} is needed without --machine; e.g. --machine "Antminer S21" or --hashrate 200TH --power 3500`,
    );
  }
  const date = raw.date?.trim();
  if (date && (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))) {
    throw new MiningInputError("date", `--date "${raw.date}" is not a day; give YYYY-MM-DD, e.g. --date 2024-04-20`);
  }
  const keepOn = raw["keep-on"];
  if (keepOn !== undefined && !["", "true", "1", "false", "0"].includes(keepOn)) {
    throw new MiningInputError("keep-on", `--keep-on takes true or false (got "${keepOn}"), e.g. keep-on=true`);
  }
  return {
    coin,
    machine,
    hashrateHps: hashrateHps ?? 0,
    powerW: powerW ?? 0,
    powerUsdPerKwh: numberField("kwh", raw.kwh, { min: 0, example: "0.05", what: "USD per kWh" }) ?? miningDefaults.powerUsdPerKwh,
    poolFeePercent:
      numberField("pool-fee", raw["pool-fee"], { min: 0, max: 100, example: "2", what: "percent" }) ?? miningDefaults.poolFeePercent,
    height: numberField("height", raw.height, { min: 0, integer: true, example: "840000", what: "block height" }),
    difficulty: numberField("difficulty", raw.difficulty, {
      min: 0,
      minExclusive: true,
      example: "86388558925171.02",
      what: "network difficulty",
    }),
    coinPriceUsd: numberField("coin-price", raw["coin-price"], { min: 0, minExclusive: true, example: "64990", what: "USD per coin" }),
    feesPerBlockCoin: numberField("fees-per-block", raw["fees-per-block"], { min: 0, example: "0.1", what: "coins per block" }),
    hardwareCostUsd: numberField("hardware-cost", raw["hardware-cost"], { min: 0, example: "5000", what: "USD" }),
    growth: raw.growth ? checkGrowthPeriod(coin, parseGrowth(raw.growth, "growth")) : undefined,
    priceGrowth: raw["price-growth"] ? parseGrowth(raw["price-growth"], "price-growth") : { percent: 0, period: "month" },
    uptimePercent:
      numberField("uptime", raw.uptime, { min: 0, minExclusive: true, max: 100, example: "97", what: "percent" }) ??
      miningDefaults.uptimePercent,
    hostingUsdPerMonth:
      numberField("hosting", raw.hosting, { min: 0, example: "20", what: "USD per month" }) ?? miningDefaults.hostingUsdPerMonth,
    horizonMonths:
      numberField("months", raw.months, { min: 1, max: 240, integer: true, example: "36", what: "months to project" }) ??
      miningDefaults.horizonMonths,
    switchOffWhenLosing: !(keepOn === "" || keepOn === "true" || keepOn === "1"),
    startDate: date || undefined,
  };
}

// ETC adjusts difficulty every block and the merged Scrypt pair mixes two schedules, so "per
// retarget" has no single meaning there; ask for a calendar period instead of guessing one.
function checkGrowthPeriod(coin: CoinId, growth: { percent: number; period: GrowthPeriod }) {
  if (growth.period === "retarget" && coin === "etc") {
    throw new MiningInputError(
      "growth",
      `--growth per retarget does not fit ETC, which retargets every block; give a period, e.g. --growth 3%/month`,
    );
  }
  return growth;
}
