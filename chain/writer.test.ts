import { describe, expect, it } from "vitest";
import { Rng } from "./prng.ts";
import { wordsForGas } from "./sim/hourly.ts";
import { nextBaseFee } from "./writer.ts";

describe("nextBaseFee", () => {
  // Public vectors from reth crates/primitives/src/basefee.rs (domain.md §7), minus the fork-block ones.
  const base = [1e9, 1e9, 1e9, 1072671875, 1059263476, 1049238967, 1049238967, 0, 1, 2];
  const used = [10e6, 10e6, 10e6, 9e6, 10001000, 0, 10e6, 10e6, 10e6, 10e6];
  const limit = [10e6, 12e6, 14e6, 10e6, 14e6, 2e6, 18e6, 18e6, 18e6, 18e6];
  const next = [1125000000, 1083333333, 1053571428, 1179939062, 1116028649, 918084097, 1063811730, 1, 2, 3];
  it.each(base.map((b, i) => [b, used[i], limit[i], next[i]]))("base %d, used %d, limit %d → %d", (b, u, l, n) => {
    expect(nextBaseFee(BigInt(b), BigInt(u), BigInt(l))).toBe(BigInt(n));
  });
});

describe("Rng", () => {
  it("repeats a stream for the same seed and name, and differs across names", () => {
    const draw = (name: string) =>
      Array.from(
        { length: 5 },
        (
          (r) => () =>
            r.nextU32()
        )(Rng.stream(1, name)),
      );
    expect(draw("a")).toEqual(draw("a"));
    expect(draw("a")).not.toEqual(draw("b"));
  });
  it("stays in range", () => {
    const r = new Rng("range");
    for (let i = 0; i < 1000; i++) {
      const v = r.range(3, 7);
      expect(v >= 3 && v <= 7).toBe(true);
    }
  });
});

describe("wordsForGas", () => {
  it("sizes the filler's memory expansion to the gas asked for", () => {
    for (const gas of [100_000, 1_000_000, 15_000_000]) {
      const w = wordsForGas(gas);
      const cost = 3 * w + Math.floor((w * w) / 512);
      expect(Math.abs(cost - gas) / gas).toBeLessThan(0.001);
    }
  });
});
