import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWarehouse, type Warehouse } from "../db.ts";
import {
  backtest,
  difficultyTrend,
  estimateHeight,
  HistoryImportError,
  importHistoryCsv,
  lastHistoryDay,
  parseHistoryCsv,
} from "./history.ts";

let w: Warehouse;
beforeAll(async () => {
  w = await openWarehouse({ path: ":memory:" });
});
afterAll(() => w.close());

const day = (i: number) => new Date(Date.UTC(2024, 3, 1) + i * 86_400_000).toISOString().slice(0, 10);
// 30 days from 2024-04-01: difficulty +0.2 %/day, flat price, 144 blocks/day, crossing block 840,000 on day 19.
const csv = [
  "date,difficulty,price,fees,height",
  ...Array.from({ length: 30 }, (_, i) => `${day(i)},${80e12 * 1.002 ** i},60000,0.1,${837_264 + i * 144}`),
].join("\n");

describe("history import", () => {
  it("imports CSV rows and fits the trailing difficulty trend", async () => {
    expect(await importHistoryCsv({ warehouse: w, coin: "btc", csv, source: "test" })).toBe(30);
    const trend = await difficultyTrend({ warehouse: w, coin: "btc", asOf: day(29) });
    expect(trend?.points).toBe(30);
    expect(trend?.growthPerDay).toBeCloseTo(0.002, 9);
    expect(await difficultyTrend({ warehouse: w, coin: "etc", asOf: day(29) })).toBeUndefined();
    expect(await lastHistoryDay({ warehouse: w, coin: "btc" })).toBe(day(29));
    expect(await lastHistoryDay({ warehouse: w, coin: "ltc" })).toBeNull();
  });

  it("names the line and column of a bad row", () => {
    expect(() => parseHistoryCsv("date,difficulty,price\n2024-04-01,0,60000")).toThrow(
      new HistoryImportError("history CSV line 2, column difficulty: difficulty must be more than 0, e.g. 86388558925171.02"),
    );
    expect(() => parseHistoryCsv("when,difficulty\n2024-04-01,1")).toThrow(/no "date" column/);
  });

  it("estimates heights from halving anchors when the CSV has none", () => {
    expect(estimateHeight("btc", "2024-04-20")).toBe(840_000);
    expect(estimateHeight("btc", "2016-07-09")).toBe(420_000);
    expect(estimateHeight("btc", "2024-04-21")).toBe(840_144);
    expect(estimateHeight("ltc", "2023-08-02")).toBe(2_520_000);
  });
});

describe("backtest", () => {
  it("replays loaded history day by day, halving the subsidy at block 840,000", async () => {
    const hardwareCostUsd = 100;
    const r = await backtest({
      warehouse: w,
      coin: "btc",
      startDate: day(10),
      hashrateHps: 200e12,
      powerW: 3500,
      powerUsdPerKwh: 0.05,
      poolFeePercent: 0,
      hardwareCostUsd,
    });
    expect(r.firstDay).toBe(day(10));
    expect(r.lastDay).toBe(day(29));
    expect(r.days).toHaveLength(20);
    const before = r.days.find((d) => d.day === day(18))!;
    const after = r.days.find((d) => d.day === day(19))!;
    expect(before.legs[0].blockRewardCoin).toBe(6.25);
    expect(after.legs[0].blockRewardCoin).toBe(3.125);
    const expectedRevenue = ((86_400 * 200e12 * (6.25 + 0.1)) / (80e12 * 1.002 ** 18 * 2 ** 32)) * 60_000;
    expect(before.revenueUsd).toBeCloseTo(expectedRevenue, 9);
    expect(r.totalProfitUsd).toBeCloseTo(
      r.days.reduce((s, d) => s + d.profitUsd, 0),
      9,
    );
    const paid = r.days.find((d) => d.cumulativeProfitUsd >= hardwareCostUsd)!;
    expect(r.paybackDate).toBe(paid.day);
    expect(r.roiPercent).toBeCloseTo(((r.totalProfitUsd - hardwareCostUsd) / hardwareCostUsd) * 100, 9);
  });

  it("reports when the machine had not paid back by the end of history", async () => {
    const r = await backtest({
      warehouse: w,
      coin: "btc",
      startDate: day(0),
      hashrateHps: 200e12,
      powerW: 3500,
      powerUsdPerKwh: 0.05,
      poolFeePercent: 0,
      hardwareCostUsd: 1e6,
    });
    expect(r.paybackDate).toBeNull();
    expect(r.verdict).toBe(`had not paid back by ${day(29)}`);
  });

  it("refuses a coin with no loaded history, saying how to import it", async () => {
    await expect(
      backtest({
        warehouse: w,
        coin: "etc",
        startDate: day(0),
        hashrateHps: 3.68e9,
        powerW: 2200,
        powerUsdPerKwh: 0.05,
        poolFeePercent: 0,
        hardwareCostUsd: 1,
      }),
    ).rejects.toThrow(/hashfloor mining import --coin etc/);
  });
});

describe("history from live sources", () => {
  it("merges difficulty adjustments and daily prices into daily rows", async () => {
    const { importDifficultyPoints, importPricePoints } = await import("./history.ts");
    const db = await openWarehouse({ path: ":memory:" });
    try {
      await importDifficultyPoints({
        warehouse: db,
        coin: "ltc",
        source: "test",
        points: [
          { day: "2024-01-01", difficulty: 3e7, height: 2_600_000 },
          { day: "2024-01-05", difficulty: 3.3e7, height: 2_602_304 },
        ],
      });
      const written = await importPricePoints({
        warehouse: db,
        coin: "ltc",
        source: "test",
        points: ["2023-12-31", "2024-01-01", "2024-01-02", "2024-01-06"].map((day, i) => ({ day, priceUsd: 70 + i })),
      });
      expect(written).toBe(3);
      const rows = await db.all<{ day: string; difficulty: number; price_usd: number | null; height: string }>(
        `SELECT day::VARCHAR AS day, difficulty, price_usd, height FROM mining_history WHERE coin = 'ltc' ORDER BY day`,
      );
      expect(rows.map((r) => [r.day, r.difficulty, r.price_usd, Number(r.height)])).toEqual([
        ["2024-01-01", 3e7, 71, 2_600_000],
        ["2024-01-02", 3e7, 72, 2_600_576],
        ["2024-01-05", 3.3e7, null, 2_602_304],
        ["2024-01-06", 3.3e7, 73, 2_602_880],
      ]);
    } finally {
      db.close();
    }
  });
});
