import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWarehouse, type Warehouse } from "../db.ts";
import { eth, insertSales } from "../models/fixtures.ts";
import { refreshModels } from "../models/refresh.ts";
import {
  getBaseFeeByHourOfWeek,
  getBaseFeeHeatmap,
  getBaseFeeHistory,
  getFeeTiers,
  getLatestEthUsd,
  getLatestGasBlock,
  getPriorityFeePercentilesWei,
  getRecentGasBlocks,
} from "./gas.ts";
import { getCollectionStats, getFloorSeries, getTokenValuation } from "./nft.ts";

describe("typed queries", () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await openWarehouse({ path: ":memory:" });
    await insertSales(warehouse, [
      { saleId: "a", blockNumber: 1, time: "2024-01-01 01:00", tokenId: "1", priceWei: eth(1) },
      { saleId: "b", blockNumber: 2, time: "2024-01-01 05:00", tokenId: "2", priceWei: eth(2) },
      { saleId: "c", blockNumber: 3, time: "2024-01-02 05:00", tokenId: "3", priceWei: eth(3) },
    ]);
    await warehouse.run(
      "INSERT INTO token_attributes VALUES ('0xc0', '1', 'hat', 'red'), ('0xc0', '2', 'hat', 'blue'), ('0xc0', '3', 'hat', 'blue')",
    );
    await warehouse.run(`INSERT INTO blocks VALUES
      (1, NULL, TIMESTAMP '2024-01-01 01:00:00', 15000000, 30000000, 1000000000, 1),
      (2, NULL, TIMESTAMP '2024-01-01 05:00:00', 30000000, 30000000, 1000000000, 1)`);
    await refreshModels({ warehouse });
  });
  afterAll(() => warehouse.close());

  it("floor series per day and per hour", async () => {
    const daily = await getFloorSeries({ warehouse, contractAddress: "0xC0" });
    expect(daily.map((d) => [d.bucketStart, d.cleanSales, d.saleFloorEth])).toEqual([
      ["2024-01-01T00:00:00Z", 2, 1],
      ["2024-01-02T00:00:00Z", 1, 3],
    ]);
    const hourly = await getFloorSeries({ warehouse, contractAddress: "0xc0", bucket: "hour", saleWindowHours: 48 });
    expect(hourly.map((h) => h.saleFloorEth)).toEqual([1, 1, 1]);
  });

  it("collection stats with a time window", async () => {
    const [all] = await getCollectionStats({ warehouse });
    expect(all).toMatchObject({ contractAddress: "0xc0", cleanSales: 3, volumeEth: 6 });
    const [day2] = await getCollectionStats({ warehouse, since: new Date("2024-01-02T00:00:00Z") });
    expect(day2.cleanSales).toBe(1);
  });

  it("token rarity and valuation (no model with 3 sales: nulls, not errors)", async () => {
    const token = await getTokenValuation({ warehouse, contractAddress: "0xc0", tokenId: "1" });
    expect(token.openRarityRank).toBe(1);
    expect(token.estimateEth).toBeNull();
  });

  it("gas blocks, heatmap and fee tiers", async () => {
    const blocks = await getRecentGasBlocks({ warehouse, limit: 1 });
    expect(blocks).toEqual([
      {
        blockNumber: 2,
        timestamp: "2024-01-01T05:00:00Z",
        gasUsed: 30000000,
        gasLimit: 30000000,
        baseFeePerGasWei: "1000000000",
        nextBaseFeePerGasWei: "1125000000",
        burnedWei: "30000000000000000",
      },
    ]);
    expect((await getBaseFeeHeatmap({ warehouse })).map((c) => c.hourOfDay)).toEqual([1, 5]);
    const tiers = await getFeeTiers({ warehouse });
    expect(tiers.metamask.low.maxPriorityFeePerGasWei).toBe(1_000_000_000n);
    expect(tiers.metamask.low.maxFeePerGasWei).toBe(2_100_000_000n);
  });

  it("base-fee history (thinned) and the windowed hour-of-week heatmap", async () => {
    expect(await getBaseFeeHistory({ warehouse, days: 1 })).toEqual([
      { time: "2024-01-01T01:00:00Z", baseFeeGwei: 1 },
      { time: "2024-01-01T05:00:00Z", baseFeeGwei: 1 },
    ]);
    expect(await getBaseFeeHistory({ warehouse, days: 1, maxPoints: 1 })).toEqual([{ time: "2024-01-01T01:00:00Z", baseFeeGwei: 1 }]);
    // 2024-01-01 is a Monday (0); only blocks after newest - days count.
    expect(await getBaseFeeByHourOfWeek({ warehouse, days: 1 })).toEqual([
      { dayOfWeek: 0, hour: 1, avgBaseFeeGwei: 1 },
      { dayOfWeek: 0, hour: 5, avgBaseFeeGwei: 1 },
    ]);
    expect((await getBaseFeeByHourOfWeek({ warehouse, days: 0 })).map((c) => c.hour)).toEqual([]);
  });

  it("newest block's gas fields; priority-fee percentiles and ETH/USD are null when nothing is loaded", async () => {
    expect(await getLatestGasBlock({ warehouse })).toEqual({
      blockNumber: 2,
      blockTime: "2024-01-01 05:00:00 UTC",
      baseFeePerGasWei: 1_000_000_000n,
      gasUsed: 30_000_000n,
      gasLimit: 30_000_000n,
    });
    expect(await getPriorityFeePercentilesWei({ warehouse })).toEqual({ p10Wei: null, p20Wei: null, p30Wei: null });
    expect(await getLatestEthUsd({ warehouse })).toBeNull();
  });
});
