/**
 * Hedonic valuation per collection (domain.md §6): log(price / floor at sale time) regressed on
 * trait indicators with ridge shrinkage, fit on clean sales; estimate = floor now · exp(prediction);
 * a split-conformal interval from held-out residuals; backtest MAPE on the latest sales.
 *
 * Sales are split in time order: the first 60% fit the model (λ chosen on the last quarter of
 * those), the next 20% calibrate the conformal interval, the last 20% are the backtest. The floor at
 * sale time is Hashfloor's calibrated floor published before the sale (the previous clean trade's
 * estimate), so the target never sees the sale's own price. The calibrated floor, not Coinbase's
 * adaptive one, because its level is steadier: on the devnet's 30-day history it cut backtest MAPE
 * from 18.6% to 15.6% (vs fair value: 15.0% to 10.2%). Results go to valuation_models and
 * valuation_coefficients; the views in analytics/models/70_valuation.sql read them.
 */
import type { Warehouse } from "../db.ts";
import { conformalHalfWidth, fitRidge, predictRidge, type SparseRow } from "./ridge.ts";

export const valuationMethodologyVersion = "valuation-2026.11-1";
export const valuationParameters = {
  coverage: 0.8,
  lambdas: [0.3, 1, 3, 10, 30],
  /** A floor needs this many earlier clean trades before a sale can be used. */
  minFloorLookback: 20,
  minSales: 30,
} as const;

type SaleRow = {
  sale_id: string;
  contract_address: string;
  token_id: string;
  price_eth: number;
  floor_before_eth: number;
};

export interface CollectionValuation {
  contractAddress: string;
  lambda: number;
  trainSales: number;
  calibrationSales: number;
  testSales: number;
  interceptLog: number;
  halfWidthLog: number;
  backtestMape: number;
  backtestCoverage: number;
  baselineMape: number;
}

const mape = (estimates: number[], prices: number[]) =>
  estimates.reduce((s, e, i) => s + Math.abs(e - prices[i]) / prices[i], 0) / prices.length;

/** Fits every collection with enough clean sales and stores the models; returns what was fitted. */
export async function refreshValuations({ warehouse }: { warehouse: Warehouse }): Promise<CollectionValuation[]> {
  const sales = await warehouse.all<SaleRow>(
    `WITH ordered AS (
       SELECT contract_address, sale_id, trade_number, price_eth,
              lag(exp(calibrated_log_floor)) OVER (PARTITION BY contract_address ORDER BY trade_number) AS floor_before_eth
       FROM floor_points)
     SELECT o.sale_id, o.contract_address, s.token_id, o.price_eth, o.floor_before_eth
     FROM ordered AS o JOIN sales_clean AS s USING (sale_id)
     WHERE o.trade_number > $1 AND o.floor_before_eth > 0
     ORDER BY o.contract_address, o.trade_number`,
    [valuationParameters.minFloorLookback],
  );
  const traits = await warehouse.all<{ contract_address: string; token_id: string; trait_type: string; trait_value: string }>(
    "SELECT contract_address, token_id, trait_type, trait_value FROM rarity_token_traits",
  );
  const floorsNow = await warehouse.all<{ contract_address: string; floor_now_eth: number }>(
    "SELECT contract_address, exp(arg_max(calibrated_log_floor, trade_number)) AS floor_now_eth FROM floor_points GROUP BY ALL",
  );
  const traitsByToken = new Map<string, string[]>();
  for (const t of traits) {
    const key = `${t.contract_address}/${t.token_id}`;
    const list = traitsByToken.get(key) ?? [];
    list.push(JSON.stringify([t.trait_type, t.trait_value]));
    traitsByToken.set(key, list);
  }
  const byCollection = new Map<string, SaleRow[]>();
  for (const s of sales) {
    const list = byCollection.get(s.contract_address) ?? [];
    list.push(s);
    byCollection.set(s.contract_address, list);
  }
  const results: CollectionValuation[] = [];
  await warehouse.transaction(async () => {
    await warehouse.run("DELETE FROM valuation_models");
    await warehouse.run("DELETE FROM valuation_coefficients");
    await warehouse.run("DELETE FROM valuation_predictions");
    const predictions = await warehouse.connection.createAppender("valuation_predictions");
    for (const [contractAddress, rows] of byCollection) {
      if (rows.length < valuationParameters.minSales) continue;
      const features = new Map<string, number>();
      const sparse: SparseRow[] = rows.map((r) =>
        (traitsByToken.get(`${contractAddress}/${r.token_id}`) ?? []).map((f) => {
          if (!features.has(f)) features.set(f, features.size);
          return features.get(f) as number;
        }),
      );
      const y = rows.map((r) => Math.log(r.price_eth / r.floor_before_eth));
      const trainEnd = Math.floor(rows.length * 0.6);
      const calibrationEnd = Math.floor(rows.length * 0.8);
      const fitEnd = Math.floor(trainEnd * 0.75);
      const p = features.size;
      let bestLambda: number = valuationParameters.lambdas[0];
      let bestError = Number.POSITIVE_INFINITY;
      for (const lambda of valuationParameters.lambdas) {
        const model = fitRidge({ rows: sparse.slice(0, fitEnd), y: y.slice(0, fitEnd), featureCount: p, lambda });
        let error = 0;
        for (let i = fitEnd; i < trainEnd; i++) error += (predictRidge(model, sparse[i]) - y[i]) ** 2;
        if (error < bestError) [bestError, bestLambda] = [error, lambda];
      }
      const model = fitRidge({ rows: sparse.slice(0, trainEnd), y: y.slice(0, trainEnd), featureCount: p, lambda: bestLambda });
      const residual = (i: number) => Math.abs(predictRidge(model, sparse[i]) - y[i]);
      const halfWidth = conformalHalfWidth(
        Array.from({ length: calibrationEnd - trainEnd }, (_, k) => residual(trainEnd + k)),
        valuationParameters.coverage,
      );
      const test = rows.slice(calibrationEnd);
      const estimates = test.map((r, k) => r.floor_before_eth * Math.exp(predictRidge(model, sparse[calibrationEnd + k])));
      const prices = test.map((r) => r.price_eth);
      const covered = test.filter((_, k) => residual(calibrationEnd + k) <= halfWidth).length / test.length;
      const result: CollectionValuation = {
        contractAddress,
        lambda: bestLambda,
        trainSales: trainEnd,
        calibrationSales: calibrationEnd - trainEnd,
        testSales: test.length,
        interceptLog: model.intercept,
        halfWidthLog: halfWidth,
        backtestMape: mape(estimates, prices),
        backtestCoverage: covered,
        baselineMape: mape(
          test.map((r) => r.floor_before_eth),
          prices,
        ),
      };
      results.push(result);
      const floorNow = floorsNow.find((f) => f.contract_address === contractAddress)?.floor_now_eth ?? null;
      await warehouse.run("INSERT INTO valuation_models VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now(), $13)", [
        contractAddress,
        bestLambda,
        result.trainSales,
        result.calibrationSales,
        result.testSales,
        model.intercept,
        Number.isFinite(halfWidth) ? halfWidth : null,
        valuationParameters.coverage,
        result.backtestMape,
        covered,
        result.baselineMape,
        floorNow,
        valuationMethodologyVersion,
      ]);
      rows.forEach((r, i) => {
        const estimate = r.floor_before_eth * Math.exp(predictRidge(model, sparse[i]));
        predictions.appendVarchar(r.sale_id);
        predictions.appendVarchar(contractAddress);
        predictions.appendVarchar(i < trainEnd ? "train" : i < calibrationEnd ? "calibration" : "test");
        predictions.appendDouble(r.price_eth);
        predictions.appendDouble(r.floor_before_eth);
        predictions.appendDouble(estimate);
        if (Number.isFinite(halfWidth)) {
          predictions.appendDouble(estimate * Math.exp(-halfWidth));
          predictions.appendDouble(estimate * Math.exp(halfWidth));
        } else {
          predictions.appendNull();
          predictions.appendNull();
        }
        predictions.endRow();
      });
      for (const [feature, index] of features) {
        const [traitType, traitValue] = JSON.parse(feature) as [string, string];
        await warehouse.run("INSERT INTO valuation_coefficients VALUES ($1, $2, $3, $4)", [
          contractAddress,
          traitType,
          traitValue,
          model.coefficients[index],
        ]);
      }
    }
    predictions.closeSync();
  });
  return results;
}
