import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixtureWarehouse, COLLECTIONS } from "../../test/e2e/fixture-warehouse.ts";
import type { Warehouse } from "../db.ts";
import { getCollectionName, getCollectionOverview, getMarketSummary, listCollections } from "./collections.ts";

describe("collection reads on the fixture warehouse", () => {
  let w: Warehouse;
  beforeAll(async () => {
    w = await buildFixtureWarehouse();
  });
  afterAll(() => w?.close());

  it("ranks collections by volume and counts planted wash", async () => {
    const list = await listCollections({ warehouse: w, days: 3650 });
    expect(list.map((c) => c.address)).toEqual(COLLECTIONS.map((c) => c.address));
    expect(list[0].sales).toBe(312);
    expect(list[0].washVolumeEth).toBeGreaterThan(0);
    expect(list[0].floorSparkEth.length).toBeGreaterThan(10);
  });

  it("stats: clean + wash = sales; holders and top-10 share", async () => {
    const s = await getCollectionOverview({ warehouse: w, address: COLLECTIONS[0].address });
    expect(s).not.toBeNull();
    expect(s!.cleanSales + s!.washSales).toBe(s!.sales);
    expect(s!.washSales).toBeGreaterThanOrEqual(12);
    expect(s!.holders).toBe(23);
    expect(s!.top10SharePct).toBeGreaterThan(10);
    expect(await getCollectionOverview({ warehouse: w, address: "0x9999999999999999999999999999999999999999" })).toBeNull();
  });

  it("collection name, or null for an unknown address", async () => {
    expect(await getCollectionName({ warehouse: w, address: COLLECTIONS[1].address })).toBe(COLLECTIONS[1].name);
    expect(await getCollectionName({ warehouse: w, address: "0x9999999999999999999999999999999999999999" })).toBeNull();
  });

  it("market summary", async () => {
    const m = await getMarketSummary({ warehouse: w, days: 3650 });
    expect(m.sales).toBe(936);
    expect(m.lastBlock).toBe(4032);
  });
});
