/**
 * Mining model: how long one calculation takes in DuckDB (engine open, today's economics, a 36-month
 * projection, the 11 x 11 sensitivity grid, the whole CLI/API answer) and a 5-year backtest over
 * synthetic daily history.
 */
import { openMiningEngine } from "../analytics/mining/engine.ts";
import { backtest, importHistoryCsv } from "../analytics/mining/history.ts";
import { runMiningQuery } from "../analytics/mining/index.ts";
import { parseMiningRequest } from "../analytics/mining/input.ts";
import { computeProfitability, type MiningLeg, projectPayback } from "../analytics/mining/model.ts";
import { sensitivityGrid } from "../analytics/mining/sensitivity.ts";
import { type Measurement, measure, report } from "./lib/measure.ts";

const rows: Measurement[] = [];
const opened = await measure("open in-memory engine (all models)", () => openMiningEngine());
rows.push(opened);
const warehouse = opened.result;
const legs: MiningLeg[] = [{ coin: "btc", difficulty: 86_388_558_925_171.02, height: 840_000, feesPerBlockCoin: 0.1, priceUsd: 64_990 }];
const machine = { warehouse, legs, hashrateHps: 200e12, powerW: 3500, powerUsdPerKwh: 0.05, poolFeePercent: 2 };

rows.push(await measure("computeProfitability (today)", () => computeProfitability(machine), { warmup: 3 }));
const projection = await measure(
  "projectPayback, 36 months (1,096 days)",
  () =>
    projectPayback({ ...machine, startDate: "2024-04-20", horizonMonths: 36, difficultyGrowthPerDay: 0.0022604, hardwareCostUsd: 4000 }),
  { warmup: 3 },
);
rows.push({ ...projection, extra: { verdict: projection.result.verdict } });
rows.push(
  await measure(
    "projectPayback, 240 months (7,305 days)",
    () => projectPayback({ ...machine, startDate: "2024-04-20", horizonMonths: 240, difficultyGrowthPerDay: 0.001, hardwareCostUsd: 4000 }),
    { warmup: 1 },
  ),
);
rows.push(await measure("sensitivityGrid 11 x 11", () => sensitivityGrid(machine), { warmup: 3 }));
const request = parseMiningRequest({ machine: "Antminer S21", "hardware-cost": "4000" });
rows.push(
  await measure("runMiningQuery (CLI/API answer, own engine)", () => runMiningQuery(request, { includeSensitivity: true }), { warmup: 1 }),
);
rows.push(
  await measure("runMiningQuery on an open engine", () => runMiningQuery(request, { includeSensitivity: true, warehouse }), { warmup: 3 }),
);

const days = 5 * 365;
const csv = [
  "date,difficulty,price,fees",
  ...Array.from(
    { length: days },
    (_, i) => `${new Date(Date.UTC(2019, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},${6e12 * 1.0015 ** i},${4000 + i * 30},0.15`,
  ),
].join("\n");
rows.push(await measure(`importHistoryCsv, ${days} days`, () => importHistoryCsv({ warehouse, coin: "btc", csv, source: "bench" })));
const bt = await measure(`backtest over ${days} days`, () =>
  backtest({
    warehouse,
    coin: "btc",
    startDate: "2019-01-01",
    hashrateHps: 110e12,
    powerW: 3250,
    powerUsdPerKwh: 0.05,
    poolFeePercent: 2,
    hardwareCostUsd: 2500,
  }),
);
rows.push({ ...bt, extra: { verdict: bt.result.verdict } });
warehouse.close();
report("mining model (DuckDB, in memory)", rows);
