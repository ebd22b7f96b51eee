import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWarehouse, type Warehouse } from "../db.ts";
import { refreshFloors } from "../floors/refresh.ts";
import { eth, insertSales } from "./fixtures.ts";

describe("floor views", () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await openWarehouse({ path: ":memory:" });
    await insertSales(warehouse, [
      { saleId: "a", blockNumber: 1, time: "2024-01-01 00:00", tokenId: "1", priceWei: eth(3) },
      { saleId: "b", blockNumber: 2, time: "2024-01-01 06:00", tokenId: "2", priceWei: eth(2) },
      { saleId: "w", blockNumber: 2, time: "2024-01-01 06:00", tokenId: "9", priceWei: 5n }, // dust: wash rule 6
      { saleId: "c", blockNumber: 3, time: "2024-01-01 12:00", tokenId: "3", priceWei: eth(5) },
      { saleId: "d", blockNumber: 4, time: "2024-01-02 12:00", tokenId: "4", priceWei: eth(4) },
    ]);
    await refreshFloors({ warehouse });
    // Replace the computed floors with round numbers so the TWAP can be checked by hand.
    await warehouse.run(
      "UPDATE floor_points SET adaptive_log_floor = ln(CASE sale_id WHEN 'a' THEN 1 WHEN 'b' THEN 2 WHEN 'c' THEN 4 ELSE 8 END)",
    );
  });
  afterAll(() => warehouse.close());

  it("floor_adaptive has one row per clean sale, in trade order", async () => {
    const rows = await warehouse.all<{ sale_id: string; trade_number: number }>(
      "SELECT sale_id, trade_number FROM floor_adaptive ORDER BY trade_number",
    );
    expect(rows.map((r) => r.sale_id)).toEqual(["a", "b", "c", "d"]);
  });

  it("daily series: sale floor, spot and TWAP with lower/upper (golden rows)", async () => {
    const rows = await warehouse.all(
      `SELECT bucket_start, clean_sales, sale_floor_eth, round(adaptive_floor_eth, 9) AS adaptive_floor_eth, round(twap_floor_eth, 9) AS twap_floor_eth,
              round(twap_lower_eth, 9) AS twap_lower_eth, round(twap_upper_eth, 9) AS twap_upper_eth
       FROM floor_daily ORDER BY bucket_start`,
    );
    // Day 1: sale a is the first (no lookback, no estimate); 2 for 6 h, 4 for 12 h → (12 + 48) / 18; spot 4.
    // Day 2: 4 for 12 h, then 8 for 12 h → 6; spot 8.
    expect(rows).toEqual([
      {
        bucket_start: "2024-01-01 00:00:00",
        clean_sales: "3",
        sale_floor_eth: 2,
        adaptive_floor_eth: 4,
        twap_floor_eth: 3.333333333,
        twap_lower_eth: 3.333333333,
        twap_upper_eth: 4,
      },
      {
        bucket_start: "2024-01-02 00:00:00",
        clean_sales: "1",
        sale_floor_eth: 4,
        adaptive_floor_eth: 8,
        twap_floor_eth: 6,
        twap_lower_eth: 6,
        twap_upper_eth: 8,
      },
    ]);
  });

  it("hourly series: the sale floor looks back 24 hours", async () => {
    const rows = await warehouse.all<{ sale_floor_eth: number }>("SELECT sale_floor_eth FROM floor_hourly ORDER BY bucket_start");
    expect(rows.map((r) => r.sale_floor_eth)).toEqual([3, 2, 2, 4]);
  });

  it("floor_series filters one collection", async () => {
    const rows = await warehouse.all("FROM floor_series('0xnone', INTERVAL 1 DAY, INTERVAL 1 DAY, INTERVAL 1 DAY)");
    expect(rows).toEqual([]);
  });
});
