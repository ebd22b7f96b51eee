import { describe, expect, it } from "vitest";
import { nextBaseFeeWei } from "./eip1559.ts";

// reth crates/primitives/src/basefee.rs vectors (domain.md §7).
const base = [1e9, 1e9, 1e9, 1072671875, 1059263476, 1049238967, 1049238967, 0, 1, 2];
const used = [10e6, 10e6, 10e6, 9e6, 10001000, 0, 10e6, 10e6, 10e6, 10e6];
const limit = [10e6, 12e6, 14e6, 10e6, 14e6, 2e6, 18e6, 18e6, 18e6, 18e6];
const next = [1125000000, 1083333333, 1053571428, 1179939062, 1116028649, 918084097, 1063811730, 1, 2, 3];

describe("nextBaseFeeWei", () => {
  it.each(base.map((b, i) => [i, b]))("reth vector %i", (i) => {
    expect(nextBaseFeeWei({ baseFeeWei: BigInt(base[i]), gasUsed: BigInt(used[i]), gasLimit: BigInt(limit[i]) })).toBe(BigInt(next[i]));
  });
});
