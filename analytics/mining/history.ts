/**
 * Network history in the warehouse (table mining_history): CSV import, the trailing difficulty trend
 * and backtests over it. CSV columns (header row, any order): date (YYYY-MM-DD), difficulty, price
 * (USD; or price_usd), fees (average fees per block in coins; or fees_per_block), optional height.
 */
import { z } from "zod";
import type { Warehouse } from "../db.ts";
import { coins, type LegCoin, type MinedCoin } from "./coins.ts";
import { type MachineEconomicsInput, type MiningDay, toMiningDay } from "./model.ts";

export class HistoryImportError extends Error {
  override name = "HistoryImportError";
}

/** Known (date, height) points per chain; heights between them are interpolated, after the last extrapolated. */
export const heightAnchors: Record<LegCoin, [string, number][]> = {
  // Halvings plus every 100,000th block (dates from public block explorers, UTC); checked against
  // real daily heights in test/conformance/mining-realdata.test.ts.
  btc: [
    ["2009-01-03", 0],
    ["2010-12-29", 100_000],
    ["2012-09-22", 200_000],
    ["2012-11-28", 210_000],
    ["2014-05-10", 300_000],
    ["2016-02-25", 400_000],
    ["2016-07-09", 420_000],
    ["2017-12-18", 500_000],
    ["2019-10-18", 600_000],
    ["2020-05-11", 630_000],
    ["2021-09-11", 700_000],
    ["2023-07-24", 800_000],
    ["2024-04-20", 840_000],
  ],
  etc: [["2017-12-11", 5_000_000]],
  ltc: [
    ["2011-10-07", 0],
    ["2015-08-25", 840_000],
    ["2019-08-05", 1_680_000],
    ["2023-08-02", 2_520_000],
  ],
  doge: [["2024-04-20", 5_190_000]],
};

const dayMs = 86_400_000;
const blockTimeS: Record<LegCoin, number> = { btc: 600, etc: 13, ltc: 150, doge: 60 };

/** Height on `day` from the coin's anchors (linear between anchors, target block time outside them). */
export function estimateHeight(coin: LegCoin, day: string): number {
  const t = Date.parse(`${day}T00:00:00Z`);
  const anchors = heightAnchors[coin].map(([d, h]) => [Date.parse(`${d}T00:00:00Z`), h] as const);
  const perDay = 86_400 / blockTimeS[coin];
  for (let i = 0; i + 1 < anchors.length; i++) {
    const [t0, h0] = anchors[i];
    const [t1, h1] = anchors[i + 1];
    if (t >= t0 && t <= t1) return Math.round(h0 + ((h1 - h0) * (t - t0)) / (t1 - t0));
  }
  const [tRef, hRef] = t < anchors[0][0] ? anchors[0] : anchors[anchors.length - 1];
  return Math.max(0, Math.round(hRef + ((t - tRef) / dayMs) * perDay));
}

const num = z.coerce.number().finite();
const rowSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date must be YYYY-MM-DD, e.g. 2024-04-20"),
  difficulty: num.positive("difficulty must be more than 0, e.g. 86388558925171.02"),
  price: num.positive("price must be more than 0 USD, e.g. 64990").optional(),
  fees: num.nonnegative("fees must be 0 or more coins per block, e.g. 0.1").optional(),
  height: num.int("height must be a whole block number").nonnegative().optional(),
});

/** Parses history CSV text; throws HistoryImportError naming the line and column. */
export function parseHistoryCsv(text: string): z.infer<typeof rowSchema>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length === 0) throw new HistoryImportError("history CSV is empty; expected a header like date,difficulty,price,fees");
  const header = lines[0].split(",").map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/^\uFEFF/, ""),
  );
  const alias: Record<string, string> = { price_usd: "price", fees_per_block: "fees", fees_per_block_coin: "fees", day: "date" };
  const columns = header.map((h) => alias[h] ?? h);
  for (const needed of ["date", "difficulty"]) {
    if (!columns.includes(needed))
      throw new HistoryImportError(`history CSV has no "${needed}" column; expected a header like date,difficulty,price,fees`);
  }
  return lines.slice(1).map((line, i) => {
    const cells = line.split(",");
    const record = Object.fromEntries(columns.map((c, j) => [c, cells[j]?.trim() || undefined]));
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HistoryImportError(`history CSV line ${i + 2}, column ${String(issue.path[0])}: ${issue.message}`);
    }
    return parsed.data;
  });
}

/** Imports CSV history for one chain into mining_history (replacing rows of the same days); returns the row count. */
export async function importHistoryCsv({
  warehouse,
  coin,
  csv,
  source,
}: {
  warehouse: Warehouse;
  coin: LegCoin;
  csv: string;
  source: string;
}): Promise<number> {
  const rows = parseHistoryCsv(csv);
  if (rows.length === 0) return 0;
  const heights = rows.map((r) => r.height ?? estimateHeight(coin, r.date));
  const json = JSON.stringify(
    rows.map((r, i) => ({
      day: r.date,
      difficulty: r.difficulty,
      price_usd: r.price ?? null,
      fees: r.fees ?? null,
      height: heights[i],
      estimated: r.height === undefined,
    })),
  );
  await warehouse.transaction(() =>
    warehouse.run(
      `INSERT OR REPLACE INTO mining_history (coin, day, difficulty, price_usd, fees_per_block_coin, height, height_is_estimated, source)
       SELECT $1, r.day, r.difficulty, r.price_usd, r.fees, r.height, r.estimated, $3
       FROM (SELECT unnest(from_json($2::JSON, '[{"day":"DATE","difficulty":"DOUBLE","price_usd":"DOUBLE","fees":"DOUBLE","height":"BIGINT","estimated":"BOOLEAN"}]'), recursive := true)) AS r`,
      [coin, json, source],
    ),
  );
  return rows.length;
}

/**
 * Upserts difficulty observations (e.g. a live source's difficulty adjustments): sets difficulty and
 * height on those days, keeping any price and fees already there. Returns the row count.
 */
export async function importDifficultyPoints({
  warehouse,
  coin,
  points,
  source,
}: {
  warehouse: Warehouse;
  coin: LegCoin;
  points: { day: string; difficulty: number; height: number }[];
  source: string;
}) {
  if (points.length === 0) return 0;
  await warehouse.run(
    `INSERT INTO mining_history (coin, day, difficulty, height, height_is_estimated, source)
     SELECT $1, p.day, p.difficulty, p.height, false, $3
     FROM (SELECT unnest(from_json($2::JSON, '[{"day":"DATE","difficulty":"DOUBLE","height":"BIGINT"}]'), recursive := true)) AS p
     ON CONFLICT (coin, day) DO UPDATE SET difficulty = excluded.difficulty, height = excluded.height, height_is_estimated = false`,
    [coin, JSON.stringify(points), source],
  );
  return points.length;
}

/**
 * Upserts daily prices. A day without a row gets one with the latest difficulty on or before it (a
 * retarget coin's difficulty holds until the next adjustment) and its height advanced by target
 * blocks per day; days before the first difficulty are skipped. Returns the rows written.
 */
export async function importPricePoints({
  warehouse,
  coin,
  points,
  source,
}: {
  warehouse: Warehouse;
  coin: LegCoin;
  points: { day: string; priceUsd: number }[];
  source: string;
}) {
  if (points.length === 0) return 0;
  const written = await warehouse.all(
    `INSERT INTO mining_history (coin, day, difficulty, price_usd, fees_per_block_coin, height, height_is_estimated, source)
     SELECT $1, day, difficulty, price_usd, fees_per_block_coin, height, height_is_estimated, $3 FROM (
       WITH prices AS (
         SELECT * FROM (SELECT unnest(from_json($2::JSON, '[{"day":"DATE","priceUsd":"DOUBLE"}]'), recursive := true))
       ), known AS (
         SELECT * FROM mining_history WHERE coin = $1
       )
       SELECT p.day, k.difficulty, p.priceUsd AS price_usd, k.fees_per_block_coin,
         CASE WHEN k.day = p.day THEN k.height ELSE k.height + floor(datediff('day', k.day, p.day) * 86400.0 / c.block_time_s)::BIGINT END AS height,
         k.day <> p.day OR k.height_is_estimated AS height_is_estimated
       FROM prices p ASOF JOIN known k ON p.day >= k.day JOIN mining_coin_params c ON c.coin = $1
     )
     ON CONFLICT (coin, day) DO UPDATE SET price_usd = excluded.price_usd
     RETURNING day`,
    [coin, JSON.stringify(points), source],
  );
  return written.length;
}

/** Trailing difficulty trend: compound growth per day fitted over `windowDays` up to `asOf`; undefined without 2+ points. */
export async function difficultyTrend({
  warehouse,
  coin,
  asOf,
  windowDays = 90,
}: {
  warehouse: Warehouse;
  coin: LegCoin;
  asOf: string;
  windowDays?: number;
}) {
  const [row] = await warehouse.all(`SELECT * FROM mining_difficulty_trend($1, $2, $3)`, [coin, asOf, windowDays]);
  if (!row || row.growth_per_day === null || Number(row.points) < 2) return undefined;
  return { growthPerDay: Number(row.growth_per_day), points: Number(row.points), fromDay: String(row.from_day), toDay: String(row.to_day) };
}

export interface BacktestInput extends Omit<MachineEconomicsInput, "legs" | "warehouse"> {
  warehouse: Warehouse;
  coin: MinedCoin;
  /** Day the machine was bought and switched on. */
  startDate: string;
  /** Last day; default the last day of loaded history. */
  endDate?: string;
  hardwareCostUsd: number;
  switchOffWhenLosing?: boolean;
}

export interface Backtest {
  days: MiningDay[];
  firstDay: string | null;
  lastDay: string | null;
  paybackDate: string | null;
  paybackDays: number | null;
  totalProfitUsd: number;
  /** (total profit - hardware cost) / hardware cost, percent (null when the hardware cost is 0). */
  roiPercent: number | null;
  verdict: string;
}

/** The last day (YYYY-MM-DD) of loaded history for the coin's first leg; null when none or no table. */
export async function lastHistoryDay({ warehouse, coin }: { warehouse: Warehouse; coin: MinedCoin }): Promise<string | null> {
  const [table] = await warehouse.all("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'mining_history'");
  if (!Number(table?.n)) return null;
  const [range] = await warehouse.all("SELECT max(day)::VARCHAR AS last_day FROM mining_history WHERE coin = $1", [coins[coin].legs[0]]);
  return (range?.last_day as string | null) ?? null;
}

/** "Bought machine X on date Y for $Z": what it earned each day over loaded history. */
export async function backtest(input: BacktestInput): Promise<Backtest> {
  const legs = coins[input.coin].legs;
  const w = input.warehouse;
  const endDate = input.endDate ?? (await lastHistoryDay({ warehouse: w, coin: input.coin }));
  if (!endDate)
    throw new HistoryImportError(
      `no ${legs[0].toUpperCase()} history is loaded; import some first: hashfloor mining import --coin ${input.coin} --csv FILE`,
    );
  const rows = await w.all(`SELECT * FROM mining_backtest(from_json($1::JSON, '["VARCHAR"]'), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, [
    JSON.stringify(legs),
    input.startDate,
    endDate,
    input.hashrateHps,
    input.powerW,
    (input.uptimePercent ?? 100) / 100,
    input.powerUsdPerKwh,
    (input.hostingUsdPerMonth ?? 0) / 30.436875,
    input.poolFeePercent / 100,
    input.switchOffWhenLosing ?? true,
    input.hardwareCostUsd,
  ]);
  const days = rows.map(toMiningDay);
  const paid = days.find((d) => d.cumulativeProfitUsd >= input.hardwareCostUsd);
  const totalProfitUsd = days.at(-1)?.cumulativeProfitUsd ?? 0;
  const lastDay = days.at(-1)?.day ?? null;
  return {
    days,
    firstDay: days[0]?.day ?? null,
    lastDay,
    paybackDate: paid?.day ?? null,
    paybackDays: paid ? paid.dayIndex + 1 : null,
    totalProfitUsd,
    roiPercent: input.hardwareCostUsd > 0 ? ((totalProfitUsd - input.hardwareCostUsd) / input.hardwareCostUsd) * 100 : null,
    verdict: paid ? `paid back on ${paid.day} (day ${paid.dayIndex + 1})` : `had not paid back by ${lastDay ?? endDate}`,
  };
}
