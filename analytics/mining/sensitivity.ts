/** Profit per day as a grid over power price x coin price (SQL: mining_sensitivity). */
import { doublesParam, hostingPerDay, legsParam, legsValue, type MachineEconomicsInput, uptime, withWarehouse } from "./model.ts";

export interface SensitivityInput extends MachineEconomicsInput {
  powerPricesUsdPerKwh?: number[];
  /** Prices of the first leg's coin; default: today's price x 0.5 .. 1.5 in steps of 0.1. */
  coinPricesUsd?: number[];
}

export interface SensitivityGrid {
  powerPricesUsdPerKwh: number[];
  coinPricesUsd: number[];
  /** Row-major by power price, then coin price; the machine running all day. */
  cells: { powerUsdPerKwh: number; coinPriceUsd: number; revenueUsdPerDay: number; profitUsdPerDay: number }[];
}

/** Profit per day over power price x coin price. */
export async function sensitivityGrid(input: SensitivityInput): Promise<SensitivityGrid> {
  const powerPricesUsdPerKwh =
    input.powerPricesUsdPerKwh ?? Array.from({ length: 11 }, (_, i) => Math.round((0.02 + i * 0.01) * 100) / 100);
  const base = input.legs[0].priceUsd;
  const coinPricesUsd = input.coinPricesUsd ?? Array.from({ length: 11 }, (_, i) => Number((base * (0.5 + i * 0.1)).toPrecision(6)));
  return withWarehouse(input.warehouse, async (w) => {
    const rows = await w.all(
      `SELECT * FROM mining_sensitivity(${legsParam(1)}, $2, $3, $4, $5, $6, ${doublesParam(7)}, ${doublesParam(8)})`,
      [
        legsValue(input.legs),
        input.hashrateHps,
        input.powerW,
        uptime(input),
        hostingPerDay(input),
        input.poolFeePercent / 100,
        JSON.stringify(powerPricesUsdPerKwh),
        JSON.stringify(coinPricesUsd),
      ],
    );
    return {
      powerPricesUsdPerKwh,
      coinPricesUsd,
      cells: rows.map((r) => ({
        powerUsdPerKwh: Number(r.power_usd_per_kwh),
        coinPriceUsd: Number(r.coin_price_usd),
        revenueUsdPerDay: Number(r.revenue_usd_per_day),
        profitUsdPerDay: Number(r.profit_usd_per_day),
      })),
    };
  });
}
