import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { adaptiveFloorSeries } from "./adaptive.ts";
import { medianSorted, quantileSorted, withoutOutliersSorted } from "./numeric.ts";

// Coinbase's own code (pandas 1.5.3, numpy 1.24.2) run on a synthetic series with round-price ties,
// outliers, a level shift and shared blocks; see `about` in the file.
const golden = JSON.parse(readFileSync(join(import.meta.dirname, "testdata", "coinbase-golden.json"), "utf8")) as {
  prices_eth: number[];
  block_numbers: number[];
  floors: Record<string, [number, number]>;
};

describe("adaptive-percentile floor (Coinbase port)", () => {
  it("gives Coinbase's floors and adjusted quantiles on the same trades", () => {
    const order = golden.prices_eth.map((_, i) => i).sort((a, b) => golden.block_numbers[a] - golden.block_numbers[b] || a - b);
    const series = adaptiveFloorSeries(order.map((i) => Math.log(golden.prices_eth[i])));
    const checked = Object.entries(golden.floors);
    expect(checked.length).toBeGreaterThan(15);
    for (const [index, [floorEth, quantileAdj]] of checked) {
      const point = series[Number(index)];
      // q_adj is exact (so every at-or-below decision matched); the floor agrees to a few ulps
      // (numpy's SIMD log/exp and V8's differ in the last bit).
      expect(point.adjustedQuantile, `q_adj at trade ${index}`).toBe(quantileAdj);
      expect(Math.abs(Math.exp(point.logFloor) - floorEth) / floorEth, `floor at trade ${index}`).toBeLessThan(4e-15);
    }
  });

  it("counts the first trade as a miss and clamps q_adj to [0.02, 0.10]", () => {
    const series = adaptiveFloorSeries([0, 0, 0, 0].map((x) => x));
    expect(series[0].hit).toBe(false);
    expect(series[0].logFloor).toBe(-42);
    // Every later trade ties its lookback's 5% quantile: hits count ties, share → high, q → 0.02.
    expect(series.slice(1).every((p) => p.hit)).toBe(true);
    expect(series[3].backtestShare).toBe(0.75);
    expect(series[3].adjustedQuantile).toBe(0.02);
    // 0.05 + 0.5·0.05 in floating point, as Python computes it.
    expect(adaptiveFloorSeries([1, 2])[0].adjustedQuantile).toBe(0.07500000000000001);
  });

  it("looks back 140 trades, not counting the trade itself", () => {
    const logs = Array.from({ length: 300 }, (_, i) => i / 100);
    const series = adaptiveFloorSeries(logs);
    // Lookback of trade 200 = trades 60..199; its q-quantile interpolates at q·139.
    const lookback = logs.slice(60, 200);
    expect(series[200].logFloor).toBe(quantileSorted(lookback, series[200].adjustedQuantile));
  });
});

describe("numpy-compatible order statistics", () => {
  const cases: [number[], number, number][] = [
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4, 5], 0.05, 1.2],
    [[10], 0.05, 10],
    [[1, 1, 1, 2], 0.9, 1.7000000000000002],
  ];
  for (const [values, q, expected] of cases) {
    it(`quantile(${values}, ${q}) = ${expected}`, () => expect(quantileSorted(values, q)).toBe(expected));
  }
  it("median and MAD filter keep bounds inclusive; MAD = 0 keeps only the median", () => {
    expect(medianSorted([1, 2, 3, 10])).toBe(2.5);
    expect(withoutOutliersSorted([5, 5, 5, 5, 9, 1])).toEqual([5, 5, 5, 5]);
    // median 3, |dev| sorted [0,0,0,1,1,3,3] → MAD 1: bounds [0, 6], inclusive.
    expect(withoutOutliersSorted([6, 0, 2, 3, 3, 3, 4])).toEqual([0, 2, 3, 3, 3, 4, 6]);
    expect(withoutOutliersSorted([6.5, 0, 2, 3, 3, 3, 4])).toEqual([0, 2, 3, 3, 3, 4]);
  });
});
