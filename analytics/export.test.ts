import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWarehouse, type Warehouse } from "./db.ts";
import { ExportError, exportView, methodologyVersion } from "./export.ts";
import { eth, insertSales } from "./models/fixtures.ts";
import { refreshModels } from "./models/refresh.ts";

describe("exportView", () => {
  const dir = mkdtempSync(join(tmpdir(), "hashfloor-export-"));
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await openWarehouse({ path: ":memory:" });
    await insertSales(warehouse, [{ saleId: "a", blockNumber: 1, time: "2024-01-01", priceWei: eth(2) }]);
    await refreshModels({ warehouse });
  });
  afterAll(() => {
    warehouse.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes Parquet with the methodology version in its metadata", async () => {
    const result = await exportView({ warehouse, view: "collection_stats", format: "parquet", file: join(dir, "stats.parquet") });
    expect(result.rows).toBe(1);
    const meta = await warehouse.all<{ key: string; value: string }>(
      "SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata($1)",
      [result.file],
    );
    expect(meta).toContainEqual({ key: "methodology_version", value: methodologyVersion });
    const [row] = await warehouse.all<{ volume_eth: number }>("SELECT volume_eth FROM read_parquet($1)", [result.file]);
    expect(row.volume_eth).toBe(2);
  });

  it("writes CSV with the version in the file name", async () => {
    const result = await exportView({ warehouse, view: "sales_clean", format: "csv", file: join(dir, "o'dd sales.csv") });
    expect(result.file).toBe(join(dir, `o'dd sales.${methodologyVersion}.csv`));
    expect(existsSync(result.file)).toBe(true);
    expect(readFileSync(result.file, "utf8").split("\n")[0]).toContain("rule1_self_trade");
  });

  it("refuses an unknown view by name, without running any SQL from it", async () => {
    await expect(exportView({ warehouse, view: "sales; DROP TABLE sales", format: "csv", file: join(dir, "x.csv") })).rejects.toThrow(
      ExportError,
    );
    const [{ n }] = await warehouse.all<{ n: string }>("SELECT count(*) AS n FROM sales");
    expect(n).toBe("1");
  });
});
