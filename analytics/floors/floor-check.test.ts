import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { floorCheck, readTradeSeries, TradeFileError } from "./floor-check.ts";

const dir = mkdtempSync(join(tmpdir(), "hashfloor-floor-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = "chain_id,contract_address,collection,ds,block_number,unix_timestamp,price_eth,price_wei,token_id,tx_hash,source_row";
const row = (collection: string, block: number, wei: string) => `1,0x${collection},${collection},2021-01-01,${block},0,0,${wei},1,,0`;

describe("floor-check", () => {
  it("orders by block then file position, drops zero prices, and reports both shares", () => {
    const lines = [
      header,
      row("a", 5, "2000000000000000000"),
      row("a", 3, "1000000000000000000"),
      row("a", 5, "0"),
      row("b", 1, "1000000000000000000"),
    ];
    for (let i = 0; i < 200; i++) lines.push(row("b", 2 + i, String(BigInt(1e18) + BigInt(i % 7) * 10n ** 17n)));
    writeFileSync(join(dir, "nft_trades.csv"), lines.join("\n"));
    const series = readTradeSeries(dir);
    expect(series.find((s) => s.collection === "a")?.logPricesEth).toEqual([0, Math.log(2)]);
    const result = floorCheck({ dir });
    const b = result.find((r) => r.collection === "b");
    expect(b?.trades).toBe(201);
    expect(b?.adaptiveShare).toBeGreaterThan(0);
    expect(b?.calibratedShare).toBeGreaterThan(0);
  });

  it("names the line of a malformed price", () => {
    writeFileSync(join(dir, "nft_trades.csv"), [header, row("a", 1, "1.5e18")].join("\n"));
    expect(() => readTradeSeries(dir)).toThrow(TradeFileError);
    expect(() => readTradeSeries(dir)).toThrow(/line 2: price_wei/);
  });
});
