import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openWarehouse, type Warehouse } from "../db.ts";
import { parseCsv } from "./csv.ts";
import { ethToWei, importTrades, parseTimestamp, TradeImportError } from "./import-trades.ts";

const dir = mkdtempSync(join(tmpdir(), "hashfloor-trades-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const tx = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;
const nft = `0x${"ab".repeat(20)}`;
const count = async (w: Warehouse) => Number((await w.all<{ n: string }>("SELECT count(*)::VARCHAR AS n FROM sales"))[0].n);

describe("ethToWei / parseTimestamp / parseCsv", () => {
  it.each([
    ["0.01", 10n ** 16n],
    ["12", 12n * 10n ** 18n],
    ["1e-05", 10n ** 13n],
    ["0.000000000000000001", 1n],
    [".5", 5n * 10n ** 17n],
  ])("%s ETH is exact in wei", (eth, wei) => expect(ethToWei(eth)).toBe(wei));
  it("refuses sub-wei and non-numbers", () => {
    expect(() => ethToWei("0.0000000000000000001")).toThrow(/more than 18 decimals/);
    expect(() => ethToWei("-")).toThrow(/not a decimal/);
  });
  it("reads Unix seconds and UTC date-times", () => {
    expect(parseTimestamp("1498251906")).toBe(1498251906);
    expect(parseTimestamp("2017-06-23 21:05:06 UTC")).toBe(1498251906);
    expect(parseTimestamp("2019-08-22 19:07:59.000 UTC")).toBe(1566500879);
    expect(parseTimestamp("2017-06-23T23:05:06+02:00")).toBe(1498251906);
  });
  it("parses quotes, doubled quotes, embedded newlines and ', ' separators", () => {
    const t = parseCsv('a, b,c\r\n1, "x, ""y""",\n"multi\nline",2,3\n');
    expect(t.header).toEqual(["a", "b", "c"]);
    expect(t.rows).toEqual([
      { line: 2, cells: ["1", 'x, "y"', ""] },
      { line: 3, cells: ["multi\nline", "2", "3"] },
    ]);
  });
});

describe("importTrades", () => {
  it("imports Dune nft.trades columns as source 'import' sales, skips other chains, and is idempotent", async () => {
    const path = file(
      "dune.csv",
      "blockchain,project,project_version,block_number,block_time,tx_hash,nft_contract_address,nft_token_id,buyer,seller,price_raw,platform_fee_amount_raw,royalty_fee_amount_raw\n" +
        `ethereum,opensea,v4,17000000,2023-04-08 01:02:03 UTC,${tx(1)},${nft.toUpperCase().replace("0X", "0x")},42,0x${"1".repeat(40)},0x${"2".repeat(40)},11800000000000000000,295000000000000000,590000000000000000\n` +
        `polygon,opensea,v4,40000000,2023-04-08 01:02:03 UTC,${tx(2)},${nft},1,,,5,,\n`,
    );
    const w = await openWarehouse({ path: ":memory:" });
    const result = await importTrades({ warehouse: w, file: path });
    expect(result).toMatchObject({ imported: 1, skippedOtherChain: 1, malformed: [] });
    const [row] = await w.all(
      "SELECT sale_id, source, contract_address, token_id, price_wei::VARCHAR AS p, seller_proceeds_wei::VARCHAR AS sp, marketplace, block_time::VARCHAR AS t, currency FROM sales",
    );
    expect(row).toEqual({
      sale_id: "import:dune.csv:2",
      source: "import",
      contract_address: nft,
      token_id: "42",
      p: "11800000000000000000",
      sp: "10915000000000000000",
      marketplace: "opensea",
      t: "2023-04-08 01:02:03",
      currency: "0x0000000000000000000000000000000000000000",
    });
    await importTrades({ warehouse: w, file: path });
    expect(await count(w)).toBe(1);
    w.close();
  });

  it("takes ETH prices, hex token ids and a --contract for files without a contract column", async () => {
    const path = file(
      "punks.csv",
      `timestamp, id, price (in eth), from, to, block, tx\n2017-06-23 21:05:06 UTC, 0xff, 0.010000, 0x${"c".repeat(40)}, 0x${"0".repeat(40)}, 3919706, ${tx(3)}\n`,
    );
    const w = await openWarehouse({ path: ":memory:" });
    await expect(importTrades({ warehouse: w, file: path })).rejects.toThrow(/missing column\(s\) contract_address/);
    await importTrades({ warehouse: w, file: path, contractAddress: `0x${"b4".repeat(20)}` });
    expect(await w.all("SELECT token_id, price_wei::VARCHAR AS p, seller FROM sales")).toEqual([
      { token_id: "255", p: "10000000000000000", seller: `0x${"c".repeat(40)}` },
    ]);
    w.close();
  });

  it("a malformed row names line and column, and nothing is written", async () => {
    const good = `17000000,1681000000,${tx(4)},${nft},1,1000`;
    const path = file(
      "bad.csv",
      `block_number,block_time,tx_hash,contract_address,token_id,price_wei\n${good}\n17000001,1681000012,0x1234,${nft},2,1000\n`,
    );
    const w = await openWarehouse({ path: ":memory:" });
    const error = await importTrades({ warehouse: w, file: path }).catch((e) => e);
    expect(error).toBeInstanceOf(TradeImportError);
    expect(error.message).toMatch(/bad\.csv line 3, column tx_hash: "0x1234" is not a 0x-prefixed 32-byte transaction hash/);
    expect(await count(w)).toBe(0);
    const skipped = await importTrades({ warehouse: w, file: path, skipMalformed: true });
    expect(skipped.imported).toBe(1);
    expect(skipped.malformed).toHaveLength(1);
    w.close();
  });
});
