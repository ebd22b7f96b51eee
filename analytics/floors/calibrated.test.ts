import { describe, expect, it } from "vitest";
import { adaptiveFloorSeries } from "./adaptive.ts";
import { atOrBelowShare, calibratedFloorSeries } from "./calibrated.ts";

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A series shaped like the real ones: prices rounded to 0.05 ETH (ties) and a drifting level. */
function roundPriceSeries(n: number, seed: number): number[] {
  const next = random(seed);
  const logs: number[] = [];
  let level = 0;
  for (let i = 0; i < n; i++) {
    level += (next() - 0.5) * 0.04;
    const noise = (next() + next() + next() - 1.5) * 0.5;
    const price = Math.max(0.05, Math.round(Math.exp(level + noise) * 20) / 20);
    logs.push(Math.log(price));
  }
  return logs;
}

describe("calibrated floor", () => {
  it("keeps the at-or-below share near 5% where the memoryless estimator overshoots", () => {
    for (const seed of [1, 2, 3]) {
      const logs = roundPriceSeries(3000, seed);
      const calibrated = atOrBelowShare(
        logs,
        calibratedFloorSeries(logs).map((p) => p.logFloor),
      );
      const adaptive = atOrBelowShare(
        logs,
        adaptiveFloorSeries(logs).map((p) => p.logFloor),
      );
      expect(Math.abs(calibrated - 0.05), `seed ${seed}: calibrated ${calibrated}, adaptive ${adaptive}`).toBeLessThan(0.01);
      expect(adaptive).toBeGreaterThan(calibrated);
    }
  });

  it("moves the offset by gain·(target − miss) after each trade", () => {
    const points = calibratedFloorSeries([0, -1, 0]);
    expect(points[0].offset).toBe(0);
    // Trade 1 (log −1) is below floor 0 → miss: offset −0.05·0.95.
    expect(points[1].atOrBelowPrevious).toBe(true);
    expect(points[1].offset).toBeCloseTo(-0.0475, 15);
    expect(points[2].atOrBelowPrevious).toBe(false);
    expect(points[2].offset).toBeCloseTo(-0.0475 + 0.0025, 15);
  });

  it("measures the share against the floor published before each trade", () => {
    expect(atOrBelowShare([0, 1, 0, 2], [0.5, 0.5, 0.5, 0.5])).toBeCloseTo(1 / 3, 15);
  });
});
