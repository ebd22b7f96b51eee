import { afterEach, describe, expect, it } from "vitest";
import { openWarehouse, type Warehouse } from "../db.ts";
import { registerEthCurrency } from "./eth-currencies.ts";

describe("registerEthCurrency", () => {
  let wh: Warehouse | undefined;
  afterEach(() => wh?.close());

  it("gives sales in a registered token an ETH price, once however often it is registered", async () => {
    wh = await openWarehouse({ path: ":memory:" });
    const weth = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    await wh.run(
      `INSERT INTO sales (sale_id, source, block_number, block_time, tx_hash, contract_address, token_id, price_wei, currency)
       VALUES ('s1', 'subgraph', 1, '2026-01-01', '0x01', '0xc0', '1', 2000000000000000000, $1)`,
      [weth.toLowerCase()],
    );
    const priceEth = async () => (await wh!.all<{ price_eth: number | null }>("SELECT price_eth FROM sales_clean"))[0].price_eth;
    expect(await priceEth()).toBeNull();
    await registerEthCurrency({ warehouse: wh, address: weth, note: "devnet WETH" });
    await registerEthCurrency({ warehouse: wh, address: weth, note: "devnet WETH" });
    expect(await priceEth()).toBe(2);
    expect(await wh.all("SELECT * FROM eth_currencies WHERE address = $1", [weth.toLowerCase()])).toHaveLength(1);
  });

  it("refuses something that is not an address", async () => {
    wh = await openWarehouse({ path: ":memory:" });
    await expect(registerEthCurrency({ warehouse: wh, address: "weth", note: "x" })).rejects.toThrow(/not a 0x-prefixed/);
  });
});
