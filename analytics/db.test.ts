import { afterEach, describe, expect, it } from "vitest";
import { openWarehouse, type Warehouse, WarehouseError } from "./db.ts";

describe("warehouse lifecycle", () => {
  let wh: Warehouse | undefined;
  afterEach(() => wh?.close());

  it("creates the raw tables and keeps wei amounts exact", async () => {
    wh = await openWarehouse({ path: ":memory:" });
    await wh.run(
      "INSERT INTO blocks (block_number, block_time, gas_used, gas_limit, base_fee_per_gas_wei) VALUES ($1, $2::TIMESTAMP, $3, $4, $5::HUGEINT)",
      [1, "2024-01-01 00:00:00", 15_000_000, 30_000_000, "123456789012345678901234567890"],
    );
    const rows = await wh.all<{ base_fee_per_gas_wei: string }>("SELECT base_fee_per_gas_wei FROM blocks");
    expect(rows).toEqual([{ base_fee_per_gas_wei: "123456789012345678901234567890" }]);
  });

  it("rolls a failed transaction back", async () => {
    wh = await openWarehouse({ path: ":memory:" });
    await expect(
      wh.transaction(async () => {
        await wh!.run("INSERT INTO collections VALUES ('0xabc', 'A', 'A', 1, 'subgraph')");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await wh.all("SELECT * FROM collections")).toEqual([]);
  });

  it("refuses to open a missing warehouse read-only, saying what to do", async () => {
    await expect(openWarehouse({ path: "/nonexistent/warehouse.duckdb", readOnly: true })).rejects.toThrow(WarehouseError);
  });
});
