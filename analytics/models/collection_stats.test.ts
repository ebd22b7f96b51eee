import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWarehouse, type Warehouse } from "../db.ts";
import { eth, insertEthUsd, insertSales } from "./fixtures.ts";
import { refreshCollectionStats, refreshSalesSnapshot } from "./refresh.ts";

describe("collection_stats", () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await openWarehouse({ path: ":memory:" });
    await insertEthUsd(warehouse, "p", "2024-01-01 00:00", 2000);
    await insertSales(warehouse, [
      { saleId: "a", blockNumber: 1, time: "2024-01-01 01:00", tokenId: "1", buyer: "0xb1", seller: "0xs1", priceWei: eth(1) },
      { saleId: "b", blockNumber: 2, time: "2024-01-02 01:00", tokenId: "2", buyer: "0xb1", seller: "0xs2", priceWei: eth(2) },
      { saleId: "c", blockNumber: 3, time: "2024-01-03 01:00", tokenId: "3", buyer: "0xb2", seller: "0xs2", priceWei: eth(6) },
      { saleId: "w", blockNumber: 4, time: "2024-01-03 02:00", tokenId: "4", buyer: "0xb3", seller: "0xb3", priceWei: eth(100) },
    ]);
    // Holdings: 0xh1 holds 3 tokens, 0xh2 holds 1 → Gini = 2·(1·1 + 2·3)/(2·4) − 3/2 = 0.25.
    for (const [id, owner] of [
      ["1", "0xh1"],
      ["2", "0xh1"],
      ["3", "0xh1"],
      ["4", "0xh2"],
      ["5", "0x0000000000000000000000000000000000000000"],
    ]) {
      await warehouse.run("INSERT INTO tokens (contract_address, token_id, owner) VALUES ('0xc0', $1, $2)", [id, owner]);
    }
    await refreshSalesSnapshot({ warehouse });
    await refreshCollectionStats({ warehouse });
  });
  afterAll(() => warehouse.close());

  it("computes the golden row (wash sale excluded, USD at sale time)", async () => {
    const rows = await warehouse.all("SELECT * FROM collection_stats");
    expect(rows).toEqual([
      {
        contract_address: "0xc0",
        clean_sales: "3",
        volume_eth: 9,
        volume_usd: 18000,
        avg_price_eth: 3,
        median_price_eth: 2,
        avg_price_usd: 6000,
        median_price_usd: 4000,
        unique_buyers: "2",
        unique_sellers: "2",
        wash_sales: "1",
        wash_volume_eth: 100,
        holders: "2",
        top10_share: 1,
        gini: 0.25,
      },
    ]);
  });

  it("restricts sales to a time window", async () => {
    const rows = await warehouse.all<{ clean_sales: string; volume_eth: number }>(
      "SELECT clean_sales, volume_eth FROM collection_stats_between(TIMESTAMP '2024-01-02', TIMESTAMP '2024-01-03')",
    );
    expect(rows).toEqual([{ clean_sales: "1", volume_eth: 2 }]);
  });
});
