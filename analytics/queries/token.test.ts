import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixtureWarehouse, COLLECTIONS } from "../../test/e2e/fixture-warehouse.ts";
import type { Warehouse } from "../db.ts";
import { getTokenProvenance, getTokenRarityRank, getTokenRow, getTokenTraits, ownerCostBasisEth } from "./token.ts";

describe("one token's reads on the fixture warehouse", () => {
  let w: Warehouse;
  let tokenId: string;
  const address = COLLECTIONS[0].address;
  beforeAll(async () => {
    w = await buildFixtureWarehouse();
    // A token that has been sold at least once, so provenance has a sale with gas.
    [{ tokenId }] = await w.all<{ tokenId: string }>(
      "SELECT token_id AS tokenId FROM sales WHERE contract_address = $a ORDER BY block_number DESC LIMIT 1",
      { a: address },
    );
  });
  afterAll(() => w?.close());

  it("row, traits and rarity of an existing token; null for a missing one", async () => {
    const row = await getTokenRow({ warehouse: w, address, tokenId });
    expect(row?.collectionName).toBe(COLLECTIONS[0].name);
    expect(await getTokenRow({ warehouse: w, address, tokenId: "999999999" })).toBeNull();
    const traits = await getTokenTraits({ warehouse: w, address, tokenId });
    expect(traits.length).toBeGreaterThan(0);
    expect(traits.map((t) => t.frequencyPct)).toEqual([...traits.map((t) => t.frequencyPct)].sort((a, b) => a - b));
    const rarity = await getTokenRarityRank({ warehouse: w, address, tokenId });
    expect(rarity!.rank).toBeGreaterThanOrEqual(1);
    expect(rarity!.rank).toBeLessThanOrEqual(rarity!.supply);
  });

  it("provenance is in block order and the owner's cost basis is their purchase plus its gas", async () => {
    const events = await getTokenProvenance({ warehouse: w, address, tokenId });
    expect(events.some((e) => e.kind === "sale")).toBe(true);
    expect(events.map((e) => e.blockNumber)).toEqual([...events.map((e) => e.blockNumber)].sort((a, b) => a - b));
    const lastBuy = [...events].reverse().find((e) => e.kind === "sale")!;
    expect(ownerCostBasisEth(events, lastBuy.to)).toBeCloseTo((lastBuy.priceEth ?? 0) + (lastBuy.gasCostEth ?? 0), 12);
    expect(ownerCostBasisEth(events, null)).toBeNull();
  });
});
