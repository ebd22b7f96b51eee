/**
 * The adaptive-percentile floor: an exact port of Coinbase's open-source estimator
 * (coinbase/coinbase-nft-floor-price at HEAD, domain.md §3), evaluated as of every trade.
 *
 * The published script estimates one floor per collection from its latest trade. "The floor as of
 * trade i" here is exactly what that script prints when trade i is the latest one it is given:
 * - log prices (prices ≤ 0 dropped), trades in (block, position) order;
 * - lookback of trade j = the previous 140 log prices (not itself); the first trade's lookback is
 *   Coinbase's placeholder [-42.0], so it counts as a miss;
 * - cleaned lookback = values within median ± 3·MAD (inclusive, MAD unscaled);
 * - hit_j = log price_j ≤ plain 5% quantile of j's cleaned lookback (ties count);
 * - share_i = mean of hit over the last 800 trades up to and including i;
 * - q_adj = clamp(0.05 + 0.5·(0.05 − share_i), 0.02, 0.10) — one step from 5%, no memory;
 * - floor_i = exp(q_adj-quantile of i's cleaned lookback), pandas' linear interpolation.
 * The script truncates history to the latest 1,079 trades first; that never changes the result,
 * because the last 800 trades' lookbacks lie inside that window.
 */
import { quantileSorted, withoutOutliersSorted } from "./numeric.ts";

export const adaptiveFloorParameters = {
  lookbackTrades: 140,
  backtestTrades: 800,
  targetQuantile: 0.05,
  minQuantile: 0.02,
  maxQuantile: 0.1,
  speed: 0.5,
  /** Coinbase's stand-in lookback for a collection's first trade. */
  firstTradeLookback: -42.0,
} as const;

export interface AdaptiveFloorPoint {
  /** Position of the trade in the collection's (block, position) order, from 0. */
  tradeNumber: number;
  logPrice: number;
  /** Whether the trade was at or below the 5% quantile of its own cleaned lookback. */
  hit: boolean;
  /** Share of hits over the backtest window ending at this trade. */
  backtestShare: number;
  adjustedQuantile: number;
  /** Natural log of the estimate as of this trade (the script's output were this the latest trade). */
  logFloor: number;
}

/**
 * Runs the estimator over one collection's trades, given in (block, position) order as natural-log
 * prices in ETH (the caller drops prices ≤ 0, as the script does). Returns one point per trade.
 * Take the logs and the final exp with the C library (DuckDB's `ln`/`exp`, as numpy does), not
 * Math.log/Math.exp, to match the Python script to the last bit: V8's differ by up to 1 ulp.
 */
export function adaptiveFloorSeries(logPrices: readonly number[], parameters = adaptiveFloorParameters): AdaptiveFloorPoint[] {
  const { lookbackTrades, backtestTrades, targetQuantile, minQuantile, maxQuantile, speed, firstTradeLookback } = parameters;
  const points: AdaptiveFloorPoint[] = [];
  const hits: boolean[] = [];
  let hitsInWindow = 0;
  for (let i = 0; i < logPrices.length; i++) {
    const lookback = i === 0 ? [firstTradeLookback] : logPrices.slice(Math.max(0, i - lookbackTrades), i);
    const cleaned = withoutOutliersSorted(lookback);
    const hit = logPrices[i] <= quantileSorted(cleaned, targetQuantile);
    hits.push(hit);
    if (hit) hitsInWindow += 1;
    if (i >= backtestTrades && hits[i - backtestTrades]) hitsInWindow -= 1;
    const windowSize = Math.min(i + 1, backtestTrades);
    const share = hitsInWindow / windowSize;
    const adjustedQuantile = Math.min(maxQuantile, Math.max(minQuantile, targetQuantile + speed * (targetQuantile - share)));
    points.push({
      tradeNumber: i,
      logPrice: logPrices[i],
      hit,
      backtestShare: share,
      adjustedQuantile,
      logFloor: quantileSorted(cleaned, adjustedQuantile),
    });
  }
  return points;
}
