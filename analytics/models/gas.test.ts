import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openWarehouse, type Warehouse } from "../db.ts";
import { eth, insertEthUsd, insertSales } from "./fixtures.ts";

// reth crates/primitives/src/basefee.rs vectors (domain.md §7).
const reth = {
  base: [1e9, 1e9, 1e9, 1072671875, 1059263476, 1049238967, 1049238967, 0, 1, 2],
  used: [10e6, 10e6, 10e6, 9e6, 10001000, 0, 10e6, 10e6, 10e6, 10e6],
  limit: [10e6, 12e6, 14e6, 10e6, 14e6, 2e6, 18e6, 18e6, 18e6, 18e6],
  next: ["1125000000", "1083333333", "1053571428", "1179939062", "1116028649", "918084097", "1063811730", "1", "2", "3"],
};

describe("gas models", () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await openWarehouse({ path: ":memory:" });
  });
  afterEach(() => warehouse.close());

  it("next base fee is exact on reth's vectors", async () => {
    for (let i = 0; i < reth.base.length; i++) {
      // Blocks 10 apart, so no vector is read as another's parent.
      await warehouse.run("INSERT INTO blocks VALUES ($1, NULL, TIMESTAMP '2024-01-01' + to_seconds($1), $2, $3, CAST($4 AS HUGEINT), 0)", [
        i * 10,
        reth.used[i],
        reth.limit[i],
        String(reth.base[i]),
      ]);
    }
    const rows = await warehouse.all<{ next_base_fee_per_gas_wei: string; burned_wei: string }>(
      "SELECT next_base_fee_per_gas_wei, burned_wei FROM gas_blocks ORDER BY block_number",
    );
    expect(rows.map((r) => r.next_base_fee_per_gas_wei)).toEqual(reth.next);
    expect(rows[3].burned_wei).toBe(String(9e6 * 1072671875));
  });

  it("checks each block's base fee against its parent", async () => {
    await warehouse.run(`INSERT INTO blocks VALUES
      (1, NULL, TIMESTAMP '2024-01-01 00:00:00', 15000000, 30000000, 1000000000, 1),
      (2, NULL, TIMESTAMP '2024-01-01 00:00:12', 30000000, 30000000, 1000000000, 1),
      (3, NULL, TIMESTAMP '2024-01-01 00:00:24', 0, 30000000, 1125000000, 0),
      (4, NULL, TIMESTAMP '2024-01-01 00:00:36', 0, 30000000, 984375001, 0)`);
    const rows = await warehouse.all<{ next_base_fee_matches: boolean | null }>(
      "SELECT next_base_fee_matches FROM gas_blocks ORDER BY block_number",
    );
    expect(rows.map((r) => r.next_base_fee_matches)).toEqual([true, true, false, null]);
  });

  it("hour-of-week heatmap and hourly series", async () => {
    // 2024-01-01 is a Monday.
    await warehouse.run(`INSERT INTO blocks VALUES
      (1, NULL, TIMESTAMP '2024-01-01 10:00:00', 1, 2, 10000000000, 1),
      (2, NULL, TIMESTAMP '2024-01-01 10:30:00', 1, 2, 30000000000, 1),
      (3, NULL, TIMESTAMP '2024-01-07 23:00:00', 1, 2, 5000000000, 1)`);
    const heat = await warehouse.all(
      "SELECT iso_day_of_week, hour_of_day, blocks, avg_base_fee_gwei FROM gas_base_fee_heatmap ORDER BY 1, 2",
    );
    expect(heat).toEqual([
      { iso_day_of_week: "1", hour_of_day: "10", blocks: "2", avg_base_fee_gwei: 20 },
      { iso_day_of_week: "7", hour_of_day: "23", blocks: "1", avg_base_fee_gwei: 5 },
    ]);
    const hourly = await warehouse.all<{ max_base_fee_gwei: number }>(
      "SELECT max_base_fee_gwei FROM gas_base_fee_hourly ORDER BY hour_start",
    );
    expect(hourly.map((h) => h.max_base_fee_gwei)).toEqual([30, 5]);
  });

  it("fee-history rewards are gas-weighted percentiles of the tip", async () => {
    // Tips 1, 2, 3 gwei with gas 50k, 30k, 20k: p10 → first tx, p20 → first (50k ≥ 20k), p30 → first.
    // Make the first tx small to move the percentiles: gas 5k, 15k, 80k → p10 (10k) is tx 2, p20, p30 → tx 3.
    await warehouse.run(`INSERT INTO transactions VALUES
      ('0x1', 1, TIMESTAMP '2024-01-01', '0xa', NULL, 0, 5000, 11000000000, 10000000000),
      ('0x2', 1, TIMESTAMP '2024-01-01', '0xa', NULL, 0, 15000, 12000000000, 10000000000),
      ('0x3', 1, TIMESTAMP '2024-01-01', '0xa', NULL, 0, 80000, 13000000000, 10000000000)`);
    const rows = await warehouse.all("SELECT reward_p10_wei, reward_p20_wei, reward_p30_wei FROM gas_block_priority_fees");
    expect(rows).toEqual([{ reward_p10_wei: "2000000000", reward_p20_wei: "2000000000", reward_p30_wei: "3000000000" }]);
  });

  it("cost basis of a sale and of a mint in ETH and USD", async () => {
    await insertEthUsd(warehouse, "p", "2024-01-01", 2000);
    await insertSales(warehouse, [
      { saleId: "s", blockNumber: 5, time: "2024-01-02", txHash: "0xt", priceWei: eth(1), feeWei: eth(0.025) },
    ]);
    await warehouse.run(
      "INSERT INTO transactions VALUES ('0xt', 5, TIMESTAMP '2024-01-02', '0xb', NULL, 0, 100000, 20000000000, 15000000000)",
    );
    await warehouse.run(
      "INSERT INTO transactions VALUES ('0xm', 6, TIMESTAMP '2024-01-02', '0xm1', NULL, 200000000000000000, 150000, 10000000000, 9000000000)",
    );
    await warehouse.run(`INSERT INTO mints VALUES
      ('m1', 6, TIMESTAMP '2024-01-02', '0xm', 0, '0xc0', '7', '0xm1', 100000000000000000, '0x0000000000000000000000000000000000000000', NULL),
      ('m2', 6, TIMESTAMP '2024-01-02', '0xm', 1, '0xc0', '8', '0xm1', 100000000000000000, '0x0000000000000000000000000000000000000000', NULL)`);
    const sale = await warehouse.all(
      "SELECT gas_cost_wei, all_in_cost_basis_eth, all_in_cost_basis_usd, marketplace_fee_eth FROM nft_sale_costs",
    );
    // gas 100k × 20 gwei = 0.002 ETH; fees are inside the gross price, not added again.
    expect(sale).toEqual([
      { gas_cost_wei: "2000000000000000", all_in_cost_basis_eth: 1.002, all_in_cost_basis_usd: 2004, marketplace_fee_eth: 0.025 },
    ]);
    const mints = await warehouse.all("SELECT token_id, gas_cost_wei, all_in_cost_eth FROM nft_mint_costs ORDER BY token_id");
    // 150k × 10 gwei = 0.0015 ETH split over two tokens.
    expect(mints).toEqual([
      { token_id: "7", gas_cost_wei: "750000000000000", all_in_cost_eth: 0.10075 },
      { token_id: "8", gas_cost_wei: "750000000000000", all_in_cost_eth: 0.10075 },
    ]);
  });
});
