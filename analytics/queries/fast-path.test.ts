/**
 * The snapshot fast paths (cleanSalesRelation, rarityRelation) must change speed only: the page
 * data read from the snapshots equals the data read through the views while they are current, and
 * after an unrefreshed change the reads go back to the views (which then differ from the stale
 * snapshots, so these comparisons can fail).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixtureWarehouse, COLLECTIONS } from "../../test/e2e/fixture-warehouse.ts";
import type { Warehouse } from "../db.ts";
import {
  getCollectionDailyFloors,
  getCollectionDailyVolume,
  getCollectionSalesScatter,
  getRarityHistogram,
  rarityRelation,
} from "./collection-series.ts";
import { getCollectionOverview, getMarketSummary, listCollections } from "./collections.ts";
import { type CleanSalesRelation, cleanSalesRelation } from "./wash-sql.ts";

const address = COLLECTIONS[0].address;

/**
 * Doubles to 12 significant digits: DuckDB's parallel aggregates add in no fixed order, so the same
 * sum (a volume, an information content) can differ in the last bit between two runs. A sale more
 * or less, or a wrong wash flag, changes them far more.
 */
function stable<T>(value: T): T {
  if (typeof value === "number") return (Number.isFinite(value) ? Number(value.toPrecision(12)) : value) as T;
  if (Array.isArray(value)) return value.map(stable) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stable(v)])) as T;
  return value;
}

/** Everything the collection and overview pages read that goes through sales_clean. */
async function pageData(warehouse: Warehouse, cleanSales?: CleanSalesRelation) {
  const window = { warehouse, address, days: 3650, cleanSales };
  return stable({
    overview: await getCollectionOverview(window),
    floors: await getCollectionDailyFloors(window),
    volume: await getCollectionDailyVolume(window),
    scatter: await getCollectionSalesScatter(window),
    list: await listCollections({ warehouse, days: 3650, cleanSales }),
    market: await getMarketSummary({ warehouse, days: 3650, cleanSales }),
  });
}

describe("snapshot fast paths", () => {
  let w: Warehouse;
  beforeAll(async () => {
    w = await buildFixtureWarehouse();
  });
  afterAll(() => w?.close());

  it("read the snapshots while current, with the same page data as the views", async () => {
    expect(await cleanSalesRelation(w)).toBe("sales_clean_snapshot");
    const fast = await pageData(w, "sales_clean_snapshot");
    expect(fast.overview?.washSales).toBeGreaterThan(0);
    expect(fast.scatter.some((s) => s.rules.length > 0)).toBe(true);
    expect(fast).toEqual(await pageData(w, "sales_clean"));
    expect(await pageData(w)).toEqual(fast);

    expect(await rarityRelation(w)).toBe("rarity_openrarity_snapshot");
    const [snapshotScores, viewScores] = await Promise.all(
      ["rarity_openrarity_snapshot", "rarity_openrarity"].map((r) =>
        w.all(`SELECT * FROM ${r} WHERE contract_address = $address ORDER BY token_id`, { address }),
      ),
    );
    expect(snapshotScores.length).toBeGreaterThan(0);
    expect(stable(snapshotScores)).toEqual(stable(viewScores));
  });

  it("after an unrefreshed sale, read the view: the new sale and its wash flag show up", async () => {
    const before = await pageData(w, "sales_clean_snapshot");
    const [last] = await w.all<{ block_number: string; t: string }>(
      "SELECT max(block_number) AS block_number, strftime(max(block_time), '%Y-%m-%d %H:%M:%S') AS t FROM sales",
    );
    // A self-trade (rule 1) of token 1, the newest sale of all.
    await w.run(
      `INSERT INTO sales (sale_id, source, block_number, block_time, tx_hash, log_index, trade_index, contract_address, token_id,
         buyer, seller, price_wei, marketplace_fee_wei, royalty_wei, currency)
       VALUES ('fast-path-new', 'subgraph', $block, CAST($t AS TIMESTAMP) + INTERVAL 1 MINUTE, '0xfastpath', 0, 0, $address, '1',
         '0x00000000000000000000000000000000000000ee', '0x00000000000000000000000000000000000000ee', CAST(2e18 AS HUGEINT), 0, 0,
         '0x0000000000000000000000000000000000000000')`,
      { block: Number(last.block_number) + 1, t: last.t, address },
    );
    expect(await cleanSalesRelation(w)).toBe("sales_clean");
    const live = await pageData(w);
    expect(live).toEqual(await pageData(w, "sales_clean"));
    expect(live.overview?.sales).toBe((before.overview?.sales ?? 0) + 1);
    expect(live.overview?.washSales).toBe((before.overview?.washSales ?? 0) + 1);
    expect(live.scatter.at(-1)).toMatchObject({ tokenId: "1", priceEth: 2, rules: ["rule1_self_trade"] });
    // The stale snapshot lacks it: reading it now would be wrong, which is why the fast path is off.
    expect(await pageData(w, "sales_clean_snapshot")).toEqual(before);
  });

  it("after an unrefreshed trait change, score rarity through the view", async () => {
    const before = stable(await getRarityHistogram({ warehouse: w, address }));
    await w.run(
      "UPDATE token_attributes SET trait_value = 'Unheard' WHERE contract_address = $address AND token_id = '2' AND trait_type = 'Shape'",
      {
        address,
      },
    );
    expect(await rarityRelation(w)).toBe("rarity_openrarity");
    const after = stable(await getRarityHistogram({ warehouse: w, address }));
    expect(after).not.toEqual(before);
    const [{ n }] = await w.all<{ n: number }>(
      "SELECT CAST(count(*) AS INTEGER) AS n FROM rarity_openrarity WHERE contract_address = $address",
      {
        address,
      },
    );
    expect(after.reduce((t, b) => t + b.tokens, 0)).toBe(n);
  });
});
