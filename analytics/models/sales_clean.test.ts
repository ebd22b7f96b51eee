import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openWarehouse, type Warehouse } from "../db.ts";
import { eth, insertEthUsd, insertSales, type SaleFixture } from "./fixtures.ts";

type Rules = [boolean, boolean, boolean, boolean, boolean, boolean, boolean];
const rules =
  "rule1_self_trade, rule2_back_and_forth, rule3_repeat_party, rule4_common_funder, rule5_flash_loan, rule6_dust_price, rule7_reward_farming";
const none: Rules = [false, false, false, false, false, false, false];
const only = (n: number): Rules => none.map((_, i) => i === n - 1) as Rules;

// Each case: the sales of one token on a fresh warehouse, and the expected rule flags per sale.
const cases: { name: string; sales: SaleFixture[]; setup?: (w: Warehouse) => Promise<void>; expected: Record<string, Rules> }[] = [
  {
    name: "an ordinary sale is clean",
    sales: [{ saleId: "a", blockNumber: 1, time: "2024-01-01 00:00:00", priceWei: eth(1) }],
    expected: { a: none },
  },
  {
    name: "rule 1: buyer = seller",
    sales: [{ saleId: "a", blockNumber: 1, time: "2024-01-01", buyer: "0xa", seller: "0xa", priceWei: eth(1) }],
    // A self trade is also its own reverse pair (a→a both ways) only if another sale exists: here it does not.
    expected: { a: only(1) },
  },
  {
    name: "rule 2: the token goes back the other way",
    sales: [
      { saleId: "a", blockNumber: 1, time: "2024-01-01", buyer: "0xb", seller: "0xs", priceWei: eth(1) },
      { saleId: "b", blockNumber: 9, time: "2024-03-01", buyer: "0xs", seller: "0xb", priceWei: eth(1) },
    ],
    expected: { a: only(2), b: only(2) },
  },
  {
    name: "rule 3: the same buyer buys the token 3 times",
    sales: [
      { saleId: "a", blockNumber: 1, time: "2024-01-01", buyer: "0xb", seller: "0x1", priceWei: eth(1) },
      { saleId: "b", blockNumber: 2, time: "2024-02-01", buyer: "0xb", seller: "0x2", priceWei: eth(1) },
      { saleId: "c", blockNumber: 3, time: "2024-03-01", buyer: "0xb", seller: "0x3", priceWei: eth(1) },
    ],
    expected: { a: only(3), b: only(3), c: only(3) },
  },
  {
    name: "rule 4: buyer and seller funded by the same address",
    sales: [{ saleId: "a", blockNumber: 5, time: "2024-01-01", buyer: "0xb", seller: "0xs", priceWei: eth(1) }],
    setup: async (w) => {
      await w.run("INSERT INTO first_funding VALUES ('0xb', '0xf', 1, '0x1'), ('0xs', '0xf', 2, '0x2')");
    },
    expected: { a: only(4) },
  },
  {
    name: "rule 4 ignores hubs: the zero address and funders of more than 25 addresses",
    sales: [
      { saleId: "a", blockNumber: 50, time: "2024-01-01", tokenId: "1", buyer: "0xb", seller: "0xs", priceWei: eth(1) },
      { saleId: "b", blockNumber: 51, time: "2024-01-01", tokenId: "2", buyer: "0xb2", seller: "0xs2", priceWei: eth(1) },
    ],
    setup: async (w) => {
      await w.run(
        "INSERT INTO first_funding VALUES ('0xb', '0x0000000000000000000000000000000000000000', 1, '0x1'), ('0xs', '0x0000000000000000000000000000000000000000', 2, '0x2')",
      );
      await w.run("INSERT INTO first_funding SELECT '0xhub' || i, '0xexchange', i, '0x' || i FROM range(30) AS t(i)");
      await w.run("INSERT INTO first_funding VALUES ('0xb2', '0xexchange', 40, '0x40'), ('0xs2', '0xexchange', 41, '0x41')");
    },
    expected: { a: none, b: none },
  },
  {
    name: "rule 4: the seller funded the buyer",
    sales: [{ saleId: "a", blockNumber: 5, time: "2024-01-01", buyer: "0xb", seller: "0xs", priceWei: eth(1) }],
    setup: async (w) => {
      await w.run("INSERT INTO first_funding VALUES ('0xb', '0xs', 1, '0x1')");
    },
    expected: { a: only(4) },
  },
  {
    name: "rule 5: a flash loan in the transaction",
    sales: [{ saleId: "a", blockNumber: 5, time: "2024-01-01", txHash: "0xflash", priceWei: eth(1) }],
    setup: async (w) => {
      await w.run("INSERT INTO flash_loan_txs VALUES ('0xflash', 'aave')");
    },
    expected: { a: only(5) },
  },
  {
    name: "rule 6: 10 wei is dust, 11 wei is not",
    sales: [
      { saleId: "a", blockNumber: 1, time: "2024-01-01", tokenId: "1", priceWei: 10n },
      { saleId: "b", blockNumber: 1, time: "2024-01-01", tokenId: "2", priceWei: 11n },
    ],
    expected: { a: only(6), b: none },
  },
  {
    name: "rule 7: zero-fee flip within 24 h (and not after 25 h)",
    sales: [
      { saleId: "a", blockNumber: 1, time: "2024-01-01 00:00", buyer: "0x1", seller: "0x0a", feeWei: 0n, priceWei: eth(1) },
      { saleId: "b", blockNumber: 2, time: "2024-01-01 20:00", buyer: "0x2", seller: "0x1", feeWei: 0n, priceWei: eth(1) },
      { saleId: "c", blockNumber: 3, time: "2024-01-02 21:00", buyer: "0x3", seller: "0x2", feeWei: 0n, priceWei: eth(1) },
    ],
    expected: { a: only(7), b: only(7), c: none },
  },
  {
    name: "rule 7 needs zero fees: a paid flip is clean",
    sales: [
      { saleId: "a", blockNumber: 1, time: "2024-01-01 00:00", buyer: "0x1", seller: "0x0a", priceWei: eth(1) },
      { saleId: "b", blockNumber: 2, time: "2024-01-01 01:00", buyer: "0x2", seller: "0x1", priceWei: eth(1) },
    ],
    expected: { a: none, b: none },
  },
];

describe("sales_clean", () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await openWarehouse({ path: ":memory:" });
  });
  afterEach(() => warehouse.close());

  for (const c of cases) {
    it(c.name, async () => {
      await insertSales(warehouse, c.sales);
      await c.setup?.(warehouse);
      const rows = await warehouse.all<Record<string, boolean> & { sale_id: string }>(
        `SELECT sale_id, ${rules}, is_wash FROM sales_clean ORDER BY sale_id`,
      );
      const actual = Object.fromEntries(rows.map((r) => [r.sale_id, rules.split(", ").map((k) => r[k])]));
      expect(actual).toEqual(c.expected);
      for (const r of rows) expect(r.is_wash).toBe(c.expected[r.sale_id].some(Boolean));
    });
  }

  it("prices in ETH and in USD at sale time; other currencies get no ETH price", async () => {
    await insertEthUsd(warehouse, "p1", "2024-01-01 00:00", 2000);
    await insertEthUsd(warehouse, "p2", "2024-01-02 00:00", 3000);
    await insertSales(warehouse, [
      { saleId: "a", blockNumber: 1, time: "2024-01-01 12:00", tokenId: "1", priceWei: eth(1.5) },
      {
        saleId: "b",
        blockNumber: 2,
        time: "2024-01-02 12:00",
        tokenId: "2",
        priceWei: eth(2),
        currency: "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2",
      },
      { saleId: "c", blockNumber: 3, time: "2024-01-02 13:00", tokenId: "3", priceWei: 5n, currency: "0xusdc" },
    ]);
    const rows = await warehouse.all("SELECT sale_id, price_eth, price_usd FROM sales_clean ORDER BY sale_id");
    expect(rows).toEqual([
      { sale_id: "a", price_eth: 1.5, price_usd: 3000 },
      { sale_id: "b", price_eth: 2, price_usd: 6000 },
      { sale_id: "c", price_eth: null, price_usd: null },
    ]);
  });
});
