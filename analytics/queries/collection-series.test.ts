import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixtureWarehouse, COLLECTIONS } from "../../test/e2e/fixture-warehouse.ts";
import type { Warehouse } from "../db.ts";
import {
  floorsWithin,
  getCollectionDailyFloors,
  getCollectionDailyVolume,
  getCollectionFloorHistory,
  getCollectionSalesScatter,
  getRarityHistogram,
} from "./collection-series.ts";
import { WASH_RULE_KEYS } from "./wash-sql.ts";

describe("collection chart series on the fixture warehouse", () => {
  let w: Warehouse;
  const address = COLLECTIONS[0].address;
  beforeAll(async () => {
    w = await buildFixtureWarehouse();
  });
  afterAll(() => w?.close());

  it("daily floors come from the floor_series macro, oldest first", async () => {
    const floors = await getCollectionDailyFloors({ warehouse: w, address, days: 3650 });
    expect(floors.length).toBeGreaterThan(10);
    expect(floors.some((f) => f.adaptiveFloorEth !== null)).toBe(true);
    expect(floors.map((f) => f.day)).toEqual([...floors.map((f) => f.day)].sort());
  });

  it("a floors window sliced from the cached history equals the macro filtered in SQL", async () => {
    const history = await getCollectionFloorHistory({ warehouse: w, address });
    expect(history?.points.length).toBeGreaterThan(10);
    for (const days of [1, 2, 5, 13, 3650]) {
      const sql = await w.all<{ day: string }>(
        `SELECT strftime(bucket_start, '%Y-%m-%d') AS day FROM floor_series($address, INTERVAL 1 DAY, INTERVAL 7 DAY, INTERVAL 1 DAY)
         WHERE bucket_start > (SELECT max(block_time) FROM sales WHERE contract_address = $address) - to_days(CAST($days AS INTEGER))
         ORDER BY bucket_start`,
        { address, days },
      );
      const sliced = floorsWithin(history as NonNullable<typeof history>, days);
      expect(sliced.map((f) => f.day)).toEqual(sql.map((r) => r.day));
      expect(await getCollectionDailyFloors({ warehouse: w, address, days })).toEqual(sliced);
    }
  });

  it("the refreshed floor_daily_snapshot holds exactly what floor_series answers, for every collection", async () => {
    const cols =
      "contract_address, strftime(bucket_start, '%Y-%m-%d %H:%M') AS b, sale_floor_eth, adaptive_floor_eth, calibrated_floor_eth, twap_floor_eth, twap_lower_eth, twap_upper_eth";
    const snapshot = await w.all(`SELECT ${cols} FROM floor_daily_snapshot ORDER BY contract_address, bucket_start`);
    const macro = await w.all(
      `SELECT ${cols} FROM floor_series(NULL, INTERVAL 1 DAY, INTERVAL 7 DAY, INTERVAL 1 DAY) ORDER BY contract_address, bucket_start`,
    );
    expect(snapshot.length).toBeGreaterThan(20);
    expect(new Set(snapshot.map((r) => (r as { contract_address: string }).contract_address)).size).toBe(COLLECTIONS.length);
    // Equal but for the last bit: DuckDB's parallel sums (the TWAP) may add in a different order.
    expect(snapshot).toHaveLength(macro.length);
    snapshot.forEach((row, i) => {
      for (const [key, value] of Object.entries(row as Record<string, unknown>)) {
        const other = (macro[i] as Record<string, unknown>)[key];
        if (typeof value === "number" && typeof other === "number")
          expect(Math.abs(value - other)).toBeLessThanOrEqual(1e-12 * Math.abs(other));
        else expect(value).toEqual(other);
      }
    });
  });

  it("volume splits clean and wash; the scatter's flagged sales carry their rules", async () => {
    const volume = await getCollectionDailyVolume({ warehouse: w, address, days: 3650 });
    expect(volume.reduce((n, v) => n + v.sales, 0)).toBe(312);
    expect(volume.some((v) => v.washVolumeEth > 0)).toBe(true);
    const scatter = await getCollectionSalesScatter({ warehouse: w, address, days: 3650, limit: 50 });
    expect(scatter).toHaveLength(50);
    for (const s of scatter) for (const r of s.rules) expect(WASH_RULE_KEYS).toContain(r);
    expect(scatter.map((s) => s.time)).toEqual([...scatter.map((s) => s.time)].sort());
  });

  it("rarity histogram counts every scored token once", async () => {
    const buckets = await getRarityHistogram({ warehouse: w, address, buckets: 6 });
    expect(buckets.length).toBeGreaterThan(1);
    expect(buckets.length).toBeLessThanOrEqual(6);
    const [{ n }] = await w.all<{ n: number }>("SELECT CAST(count(*) AS INTEGER) AS n FROM rarity_openrarity WHERE contract_address = $a", {
      a: address,
    });
    expect(buckets.reduce((t, b) => t + b.tokens, 0)).toBe(n);
  });
});
