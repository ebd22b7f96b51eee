/**
 * Hashfloor's calibrated floor (docs/decisions/0007-calibrated-floor.md): a lower quantile of recent
 * clean trades, shifted by an offset that an online controller keeps calibrated, so that about 5%
 * of the next trades land at or below the floor published before them.
 *
 * Coinbase's estimator misses its 5% target on real series (≈ 9% CryptoPunks, ≈ 13% MoonCats)
 * because (a) trades cluster on round prices, so "at or below" picks up whole ties, and (b) its
 * controller has no memory: each estimate takes one step from 5% on the last 800 trades only. Here
 * the correction accumulates (an integral controller, the adaptive-conformal-inference update of
 * Gibbs & Candès 2021) and acts on the log level, not on the quantile, so no clamp saturates:
 *   base_i   = 5% quantile (pandas linear) of the cleaned log prices of the last 140 trades up to i;
 *   floor_i  = exp(base_i + offset_i);
 *   offset_{i+1} = offset_i + gain · (target − [price_{i+1} ≤ floor_i]).
 * The long-run share at or below is then target ± |offset range| / (gain · trades) by construction.
 */
import { quantileSorted, withoutOutliersSorted } from "./numeric.ts";

export const calibratedFloorParameters = {
  lookbackTrades: 140,
  targetShare: 0.05,
  baseQuantile: 0.05,
  /** Log-price step per trade: each miss lowers the floor by gain·0.95, each pass raises it by gain·0.05. */
  gain: 0.05,
} as const;

export interface CalibratedFloorPoint {
  tradeNumber: number;
  logPrice: number;
  /** Whether this trade was at or below the floor published before it (none for the first trade). */
  atOrBelowPrevious: boolean | null;
  /** Log offset applied after this trade. */
  offset: number;
  /** Natural log of the floor as of this trade, in ETH. */
  logFloor: number;
}

/** Runs the calibrated floor over one collection's natural-log prices in (block, position) order. */
export function calibratedFloorSeries(logPrices: readonly number[], parameters = calibratedFloorParameters): CalibratedFloorPoint[] {
  const { lookbackTrades, targetShare, baseQuantile, gain } = parameters;
  const points: CalibratedFloorPoint[] = [];
  let offset = 0;
  let previousLogFloor: number | undefined;
  for (let i = 0; i < logPrices.length; i++) {
    let atOrBelow: boolean | null = null;
    if (previousLogFloor !== undefined) {
      atOrBelow = logPrices[i] <= previousLogFloor;
      offset += gain * (targetShare - (atOrBelow ? 1 : 0));
    }
    const window = withoutOutliersSorted(logPrices.slice(Math.max(0, i + 1 - lookbackTrades), i + 1));
    const logFloor = quantileSorted(window, baseQuantile) + offset;
    points.push({ tradeNumber: i, logPrice: logPrices[i], atOrBelowPrevious: atOrBelow, offset, logFloor });
    previousLogFloor = logFloor;
  }
  return points;
}

/**
 * Share of trades (from the second on) priced at or below the floor published before them:
 * `logFloors[i - 1]` against `logPrices[i]`. The measure `hashfloor floor-check` reports.
 */
export function atOrBelowShare(logPrices: readonly number[], logFloors: readonly number[]): number {
  let hits = 0;
  for (let i = 1; i < logPrices.length; i++) if (logPrices[i] <= logFloors[i - 1]) hits += 1;
  return logPrices.length > 1 ? hits / (logPrices.length - 1) : Number.NaN;
}
