import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWarehouse, type Warehouse } from "../db.ts";
import { refreshFloors } from "../floors/refresh.ts";
import { insertSales } from "../models/fixtures.ts";
import { conformalHalfWidth, fitRidge, predictRidge } from "./ridge.ts";
import { refreshValuations } from "./valuation.ts";

describe("ridge and conformal helpers", () => {
  it("recovers indicator effects with small shrinkage", () => {
    // y = 1 + 2·[f0] − 1·[f1], no noise.
    const rows = [[], [0], [1], [0, 1], [0], [1], []];
    const y = rows.map((r) => 1 + (r.includes(0) ? 2 : 0) - (r.includes(1) ? 1 : 0));
    const model = fitRidge({ rows, y, featureCount: 2, lambda: 1e-9 });
    expect(model.intercept).toBeCloseTo(1, 6);
    expect(model.coefficients[0]).toBeCloseTo(2, 6);
    expect(predictRidge(model, [0, 1])).toBeCloseTo(2, 6);
    // Heavy shrinkage pulls the effects towards 0.
    expect(Math.abs(fitRidge({ rows, y, featureCount: 2, lambda: 1e6 }).coefficients[0])).toBeLessThan(0.01);
  });

  it("split-conformal half-width is the ⌈(n+1)(1−α)⌉-th residual", () => {
    expect(conformalHalfWidth([5, 1, 4, 2, 3, 6, 7, 8, 9], 0.8)).toBe(8);
    expect(conformalHalfWidth([1, 2], 0.8)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("hedonic valuation on a synthetic collection", () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await openWarehouse({ path: ":memory:" });
    // 40 tokens; a "gold" background sells at 2× the others; prices otherwise wobble around 1 ETH.
    for (let t = 0; t < 40; t++) {
      await warehouse.run("INSERT INTO token_attributes VALUES ('0xc0', $1, 'Background', $2)", [String(t), t % 4 === 0 ? "gold" : "blue"]);
    }
    const sales = Array.from({ length: 400 }, (_, i) => {
      const token = (i * 7) % 40;
      const wobble = 1 + 0.05 * Math.sin(i * 1.7);
      const priceEth = (token % 4 === 0 ? 2 : 1) * wobble;
      return {
        saleId: `s${String(i).padStart(4, "0")}`,
        blockNumber: i + 1,
        time: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().replace("T", " ").slice(0, 19),
        tokenId: String(token),
        buyer: `0xb${i}`,
        seller: `0xs${i}`,
        priceWei: BigInt(Math.round(priceEth * 1e6)) * 10n ** 12n,
      };
    });
    await insertSales(warehouse, sales);
    await refreshFloors({ warehouse });
  });
  afterAll(() => warehouse.close());

  it("learns the trait premium, beats the floor-only baseline and covers about 80%", async () => {
    const [result] = await refreshValuations({ warehouse });
    expect(result.testSales).toBeGreaterThan(50);
    expect(result.backtestMape).toBeLessThan(result.baselineMape);
    expect(result.backtestMape).toBeLessThan(0.1);
    expect(result.backtestCoverage).toBeGreaterThan(0.6);
    const [gold] = await warehouse.all<{ coefficient_log: number }>(
      "SELECT coefficient_log FROM valuation_coefficients WHERE trait_type = 'background' AND trait_value = 'gold'",
    );
    const [blue] = await warehouse.all<{ coefficient_log: number }>(
      "SELECT coefficient_log FROM valuation_coefficients WHERE trait_type = 'background' AND trait_value = 'blue'",
    );
    expect(gold.coefficient_log - blue.coefficient_log).toBeGreaterThan(0.5);
  });

  it("publishes backtest, token estimates with intervals, and a waterfall that adds up", async () => {
    const [backtest] = await warehouse.all<{ backtest_mape: number }>("SELECT * FROM valuation_backtest");
    expect(backtest.backtest_mape).toBeGreaterThan(0);
    const [token] = await warehouse.all<{ estimate_eth: number; lower_eth: number; upper_eth: number }>(
      "SELECT * FROM valuation_tokens WHERE token_id = '0'",
    );
    expect(token.lower_eth).toBeLessThan(token.estimate_eth);
    expect(token.upper_eth).toBeGreaterThan(token.estimate_eth);
    const steps = await warehouse.all<{ step: string; delta_eth: number; value_after_eth: number }>(
      "SELECT step, delta_eth, value_after_eth FROM valuation_waterfall WHERE token_id = '0' ORDER BY step_order",
    );
    expect(steps.map((s) => s.step)).toEqual(["floor", "base", "trait", "trait"]);
    const total = steps.reduce((sum, s) => sum + s.delta_eth, 0);
    expect(total).toBeCloseTo(token.estimate_eth, 9);
  });
});
