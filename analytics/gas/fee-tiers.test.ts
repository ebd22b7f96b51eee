import { describe, expect, it } from "vitest";
import { openWarehouse } from "../db.ts";
import { FeeHistoryError, feeHistoryFromWarehouse, metamaskFeeTiers, parseFeeHistory, viemStyleFees } from "./fee-tiers.ts";

const gwei = (n: number) => BigInt(Math.round(n * 1e9));

describe("MetaMask fee tiers", () => {
  it("takes medians per percentile, applies multipliers and floors (golden values)", () => {
    const history = {
      baseFeePerGasWei: [gwei(10), gwei(11), gwei(12), gwei(13), gwei(20), gwei(21)],
      rewardWei: [
        [gwei(0.5), gwei(2), gwei(3)],
        [gwei(0.2), gwei(2.5), gwei(4)],
        [gwei(0.9), gwei(1), gwei(5)],
        [gwei(0.1), gwei(3), gwei(6)],
        [gwei(0.3), gwei(2.2), gwei(7)],
      ],
    };
    const tiers = metamaskFeeTiers(history);
    // low: median 0.3 gwei × 0.94 < 1 gwei floor → 1 gwei; max = 20 × 1.10 + 1 = 23 gwei.
    expect(tiers.low).toEqual({ maxPriorityFeePerGasWei: gwei(1), maxFeePerGasWei: gwei(23) });
    // medium: median 2.2 × 0.97 = 2.134 gwei; max = 24 + 2.134.
    expect(tiers.medium).toEqual({ maxPriorityFeePerGasWei: gwei(2.134), maxFeePerGasWei: gwei(26.134) });
    // high: median 5 × 0.98 = 4.9; max = 25 + 4.9.
    expect(tiers.high).toEqual({ maxPriorityFeePerGasWei: gwei(4.9), maxFeePerGasWei: gwei(29.9) });
    expect(viemStyleFees({ baseFeeWei: gwei(20), maxPriorityFeePerGasWei: gwei(1) }).maxFeePerGasWei).toBe(gwei(25));
  });

  it("validates the RPC answer at the boundary", () => {
    const history = parseFeeHistory({
      oldestBlock: "0x10",
      baseFeePerGas: ["0x3b9aca00", "0x3b9aca01"],
      gasUsedRatio: [0.5],
      reward: [["0x1", "0x2", "0x3"]],
    });
    expect(history.rewardWei).toEqual([[1n, 2n, 3n]]);
    expect(() => parseFeeHistory({ oldestBlock: "0x10", baseFeePerGas: ["12"], gasUsedRatio: [], reward: [] })).toThrow(FeeHistoryError);
  });

  it("reads fee history from warehouse blocks and transactions", async () => {
    const warehouse = await openWarehouse({ path: ":memory:" });
    try {
      await warehouse.run(`INSERT INTO blocks VALUES
        (1, NULL, TIMESTAMP '2024-01-01 00:00:00', 15000000, 30000000, 10000000000, 1),
        (2, NULL, TIMESTAMP '2024-01-01 00:00:12', 30000000, 30000000, 10000000000, 1)`);
      await warehouse.run(
        "INSERT INTO transactions VALUES ('0x1', 2, TIMESTAMP '2024-01-01', '0xa', NULL, 0, 21000, 13000000000, 10000000000)",
      );
      const history = await feeHistoryFromWarehouse({ warehouse });
      expect(history.baseFeePerGasWei).toEqual([gwei(10), gwei(10), gwei(11.25)]);
      expect(history.rewardWei).toEqual([
        [0n, 0n, 0n],
        [gwei(3), gwei(3), gwei(3)],
      ]);
    } finally {
      warehouse.close();
    }
  });
});
