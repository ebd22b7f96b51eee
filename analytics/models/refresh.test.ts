import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openWarehouse, type Warehouse } from "../db.ts";
import { eth, insertSales } from "./fixtures.ts";
import { refreshModels, refreshSalesSnapshot } from "./refresh.ts";

describe("sales_clean over its snapshot", () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await openWarehouse({ path: ":memory:" });
  });
  afterEach(() => warehouse.close());

  const flags = (w: Warehouse) =>
    w.all<{ sale_id: string; rule2_back_and_forth: boolean }>("SELECT sale_id, rule2_back_and_forth FROM sales_clean ORDER BY sale_id");

  it("stays current when sales arrive after the snapshot, including earlier sales of the same token", async () => {
    await insertSales(warehouse, [
      { saleId: "a", blockNumber: 1, time: "2024-01-01", tokenId: "1", buyer: "0xb", seller: "0xs", priceWei: eth(1) },
      { saleId: "x", blockNumber: 1, time: "2024-01-01", tokenId: "2", buyer: "0xb", seller: "0xs", priceWei: eth(1) },
    ]);
    expect(await refreshSalesSnapshot({ warehouse })).toEqual({ sales: 2 });
    expect(await flags(warehouse)).toEqual([
      { sale_id: "a", rule2_back_and_forth: false },
      { sale_id: "x", rule2_back_and_forth: false },
    ]);
    // Token 1 goes back the other way: both its sales become rule-2, token 2 is untouched.
    await insertSales(warehouse, [
      { saleId: "b", blockNumber: 2, time: "2024-01-02", tokenId: "1", buyer: "0xs", seller: "0xb", priceWei: eth(1) },
    ]);
    expect(await flags(warehouse)).toEqual([
      { sale_id: "a", rule2_back_and_forth: true },
      { sale_id: "b", rule2_back_and_forth: true },
      { sale_id: "x", rule2_back_and_forth: false },
    ]);
    // The same rows after a refresh, and a deleted sale disappears.
    await refreshSalesSnapshot({ warehouse });
    await warehouse.run("DELETE FROM sales WHERE sale_id = 'x'");
    expect((await flags(warehouse)).map((r) => r.sale_id)).toEqual(["a", "b"]);
  });

  const sameAsLive = async (w: Warehouse) => {
    const cols = "sale_id, rule1_self_trade, rule2_back_and_forth, rule3_repeat_party, is_wash, price_eth";
    const [view, live] = await Promise.all([
      w.all(`SELECT ${cols} FROM sales_clean ORDER BY sale_id`),
      w.all(`SELECT ${cols} FROM sales_wash_live ORDER BY sale_id`),
    ]);
    expect(view).toEqual(live);
  };
  const watermark = (w: Warehouse) =>
    w.all<{ is_intact: boolean; is_current: boolean }>("SELECT is_intact, is_current FROM sales_clean_watermark").then((r) => r[0]);

  it("uses the watermark: current after a refresh, intact with appended sales, full comparison after a delete", async () => {
    const sale = (saleId: string, blockNumber: number, tokenId: string, buyer: string, seller: string) => ({
      saleId,
      blockNumber,
      time: `2024-01-0${blockNumber}`,
      tokenId,
      buyer,
      seller,
      priceWei: eth(1),
    });
    // Before any refresh there is no watermark: the full comparison, all sales live.
    await insertSales(warehouse, [sale("a", 1, "1", "0xb", "0xs"), sale("x", 1, "2", "0xb", "0xs")]);
    expect(await watermark(warehouse)).toEqual({ is_intact: false, is_current: false });
    await sameAsLive(warehouse);
    await refreshSalesSnapshot({ warehouse });
    expect(await watermark(warehouse)).toEqual({ is_intact: true, is_current: true });
    await sameAsLive(warehouse);
    // An appended sale sends token 1 back the other way: the watermark still holds; token 1 is live.
    await insertSales(warehouse, [sale("b", 2, "1", "0xs", "0xb")]);
    expect(await watermark(warehouse)).toEqual({ is_intact: true, is_current: false });
    await sameAsLive(warehouse);
    expect((await flags(warehouse)).find((r) => r.sale_id === "a")?.rule2_back_and_forth).toBe(true);
    // A reorg deletes a covered sale and adds another, the sales count unchanged: the full comparison
    // runs, so the deleted sale disappears and the new one appears.
    await refreshSalesSnapshot({ warehouse });
    await warehouse.run("DELETE FROM sales WHERE sale_id = 'x'");
    await insertSales(warehouse, [sale("y", 3, "2", "0xs", "0xb")]);
    expect(await watermark(warehouse)).toEqual({ is_intact: false, is_current: false });
    await sameAsLive(warehouse);
    expect((await flags(warehouse)).map((r) => r.sale_id)).toEqual(["a", "b", "y"]);
    // Deleting the sale at the watermark itself is caught too.
    await refreshSalesSnapshot({ warehouse });
    await warehouse.run("DELETE FROM sales WHERE sale_id = 'y'");
    expect(await watermark(warehouse)).toEqual({ is_intact: false, is_current: false });
    await sameAsLive(warehouse);
  });

  it("refreshModels fills snapshot, floors and valuations", async () => {
    await insertSales(warehouse, [{ saleId: "a", blockNumber: 1, time: "2024-01-01", priceWei: eth(1) }]);
    expect(await refreshModels({ warehouse })).toEqual({ sales: 1, floorPoints: 1, valuedCollections: 0 });
  });

  it("refreshModels succeeds when no sale is clean (every sale a wash trade), and clears stale floors", async () => {
    // The shape of the 1M-sale web benchmark: the same buyer buys each token 3+ times (rule 3), so
    // the clean-sales query returns no rows at all.
    await insertSales(warehouse, [{ saleId: "a", blockNumber: 1, time: "2024-01-01", buyer: "0xb1", priceWei: eth(1) }]);
    expect(await refreshModels({ warehouse })).toEqual({ sales: 1, floorPoints: 1, valuedCollections: 0 });
    await insertSales(
      warehouse,
      ["b", "c", "d"].map((saleId, i) => ({ saleId, blockNumber: 2 + i, time: `2024-01-0${2 + i}`, buyer: "0xb1", priceWei: eth(1) })),
    );
    expect(await refreshModels({ warehouse })).toEqual({ sales: 4, floorPoints: 0, valuedCollections: 0 });
    expect(await warehouse.all("SELECT * FROM floor_points")).toEqual([]);
  });
});
