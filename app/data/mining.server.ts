/**
 * The mining page, card and charts, over D's model (analytics/mining: `miningProfitability` is the
 * same code the /api/mining/profitability route and `hashfloor mining` run). The page's query
 * string uses the API's parameter names, so a page URL, an embed URL and an API URL agree.
 */
import type { Warehouse } from "../../analytics/db";
import type { MiningAnswer } from "../../analytics/mining/index";
import type { ChartRows } from "../lib/chart-specs";
import { importAnalytics } from "./analytics.server";

export interface MiningCard {
  available: boolean;
  hashpriceUsdPerThDay: number | null;
  note: string;
}

/** Default request of the page and the overview card: an Antminer S21 on Bitcoin at $0.05/kWh. */
export const DEFAULT_MINING_QUERY = "coin=btc&machine=Antminer+S21&kwh=0.05&hardware-cost=3500";

export type MiningPage = { ok: true; answer: MiningAnswer } | { ok: false; message: string; status: number };

/** The machine catalog for the picker. */
export async function listMachineOptions(): Promise<{ model: string; algorithm: string; verified: boolean }[]> {
  const { listMachines } = await importAnalytics<typeof import("../../analytics/mining/catalog")>("mining/catalog.ts");
  return listMachines().map((m) => ({ model: m.model, algorithm: m.algorithm, verified: m.verified }));
}

const memo = new Map<string, { at: number; page: Promise<MiningPage> }>();
/** Answers follow live network data or a fixed snapshot, not the warehouse: keep each 10 minutes. */
const MEMO_MS = 600_000;

let fieldsOnce: Promise<ReadonlySet<string>> | undefined;
function miningFieldNames(): Promise<ReadonlySet<string>> {
  fieldsOnce ??= importAnalytics<typeof import("../../analytics/mining/input")>("mining/input.ts").then(
    (m) => new Set<string>(m.miningFields),
  );
  return fieldsOnce;
}

/** Runs the model for a page or embed URL (mining fields only; other keys dropped first), memoised per mining request. */
export async function runMining(search: URLSearchParams): Promise<MiningPage> {
  const known = await miningFieldNames();
  const source = [...search.keys()].some((k) => known.has(k)) ? search : new URLSearchParams(DEFAULT_MINING_QUERY);
  const canonical = new URLSearchParams([...source].filter(([k]) => known.has(k)));
  canonical.sort();
  const key = canonical.toString();
  const hit = memo.get(key);
  if (hit && Date.now() - hit.at < MEMO_MS) return hit.page;
  const page = computeMining(canonical);
  page.catch(() => memo.delete(key));
  if (memo.size > 500) memo.delete(memo.keys().next().value as string);
  memo.set(key, { at: Date.now(), page });
  return page;
}

async function computeMining(canonical: URLSearchParams): Promise<MiningPage> {
  const { miningProfitability } = await importAnalytics<typeof import("../../analytics/mining/api.server")>("mining/api.server.ts");
  const url = new URL("http://local/api/mining/profitability");
  for (const [k, v] of canonical) url.searchParams.set(k, v);
  url.searchParams.set("series", "true");
  const result = await miningProfitability(url);
  if (result.status === 400) return { ok: false, status: 400, message: `Bad parameter ${result.body.field}: ${result.body.error}` };
  if ("miningEnded" in result.body) return { ok: false, status: 400, message: result.body.message };
  return { ok: true, answer: result.body };
}

/** The hashprice card on the overview (snapshot or live data, labelled). */
export async function loadMiningCard(): Promise<MiningCard> {
  try {
    const r = await runMining(new URLSearchParams(DEFAULT_MINING_QUERY));
    if (!r.ok) return { available: false, hashpriceUsdPerThDay: null, note: r.message };
    return { available: true, hashpriceUsdPerThDay: r.answer.today.hashpriceUsdPerThDay, note: r.answer.network.label };
  } catch (error) {
    return { available: false, hashpriceUsdPerThDay: null, note: `The mining model failed: ${(error as Error).message}` };
  }
}

/** Payback curve rows: net position per day under difficulty growth, and the naive straight line. */
export function paybackRows(answer: MiningAnswer): ChartRows {
  const cost = answer.inputs.hardwareCostUsd ?? 0;
  const todayProfit = answer.today.profitUsdPerDay;
  return (answer.projection.days ?? []).map((d) => ({
    day: d.day,
    netPositionUsd: d.netPositionUsd,
    naiveNetPositionUsd: -cost + todayProfit * (d.dayIndex + 1),
  }));
}

/** Sensitivity grid rows: profit per day for each (power price, coin price). */
export function sensitivityRows(answer: MiningAnswer): ChartRows {
  return (answer.sensitivity?.cells ?? []).map((c) => ({
    powerUsdPerKwh: c.powerUsdPerKwh,
    coinPriceUsd: c.coinPriceUsd,
    profitUsdPerDay: c.profitUsdPerDay,
  }));
}

export interface MiningBacktest {
  boughtOn: string;
  lastDay: string | null;
  verdict: string;
  roiPercent: number | null;
  totalProfitUsd: number;
  /** The backtest chart's rows: per day, that day's profit and the net position (cumulative profit − hardware cost). */
  rows: ChartRows;
}

/**
 * "Bought this machine a year before the last loaded day": D's backtest over the warehouse's
 * mining_history (imported with `hashfloor mining import`). Null when no history is loaded.
 */
export async function loadMiningBacktest({
  warehouse,
  answer,
}: {
  warehouse: Warehouse;
  answer: MiningAnswer;
}): Promise<MiningBacktest | null> {
  const { backtest, lastHistoryDay } = await importAnalytics<typeof import("../../analytics/mining/index")>("mining/index.ts");
  const lastDay = await lastHistoryDay({ warehouse, coin: answer.coin });
  if (!lastDay) return null;
  const boughtOn = new Date(Date.parse(`${lastDay}T00:00:00Z`) - 365 * 86_400_000).toISOString().slice(0, 10);
  const i = answer.inputs;
  const r = await backtest({
    warehouse,
    coin: answer.coin,
    startDate: boughtOn,
    hashrateHps: i.hashrateHps,
    powerW: i.powerW,
    powerUsdPerKwh: i.powerUsdPerKwh,
    poolFeePercent: i.poolFeePercent,
    uptimePercent: i.uptimePercent,
    hostingUsdPerMonth: i.hostingUsdPerMonth,
    hardwareCostUsd: i.hardwareCostUsd ?? 0,
    switchOffWhenLosing: i.switchOffWhenLosing,
  });
  const rows = r.days.map((d) => ({ day: d.day, profitUsd: d.profitUsd, netPositionUsd: d.netPositionUsd }));
  return { boughtOn, lastDay: r.lastDay, verdict: r.verdict, roiPercent: r.roiPercent, totalProfitUsd: r.totalProfitUsd, rows };
}
