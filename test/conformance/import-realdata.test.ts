/**
 * `import-trades` on real public trade files (../shared/realdata/nft): every CryptoPunks sale from
 * punks.market (", "-separated, ETH and wei columns, no contract column) and the Coinbase-schema
 * nft_trades.csv derived from it. Sums are checked against an independent reading of the file.
 * Also `sync --etl` on real ethereum-etl exports and block-header files (../shared/realdata/ethereum).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openWarehouse } from "../../analytics/db.ts";
import { importEtlFiles } from "../../analytics/sync/etl.ts";
import { importTrades } from "../../analytics/sync/import-trades.ts";

const dir = join(import.meta.dirname, "..", "..", "..", "shared", "realdata", "nft");
const punks = join(dir, "coinbase", "cryptopunks_sales.csv");
const nftTrades = join(dir, "coinbase", "nft_trades.csv");
const seaportSamples = join(dir, "spellbook", "opensea_seaport", "opensea_seaport_trades_samples.csv");
const present = existsSync(punks) && existsSync(nftTrades);
if (!present) console.log(`import-trades real-data check: ${dir} is absent; skipping`);

const punksContract = "0xb47e3cd837ddf8e4c57f05d70ab865de6e193bbb";

describe.skipIf(!present)("import-trades on real trade files", () => {
  it("imports every priced CryptoPunks sale exactly; the 9 '-' rows are reported by line", async () => {
    // Independent reading: split on ", ", wei column 4, skip '-' rows.
    const lines = readFileSync(punks, "utf8").trim().split("\n").slice(1);
    const priced = lines.map((l) => l.split(", ")).filter((c) => c[3] !== "-");
    const expectedWei = priced.reduce((sum, c) => sum + BigInt(c[3]), 0n);
    const w = await openWarehouse({ path: ":memory:" });
    const result = await importTrades({ warehouse: w, file: punks, contractAddress: punksContract, skipMalformed: true });
    expect(result.imported).toBe(priced.length);
    expect(result.imported).toBe(10_224);
    expect(result.malformed).toHaveLength(9);
    expect(result.malformed[0]).toMatch(/cryptopunks_sales\.csv line 5590, column price \(in wei\): "-" is not a whole number of wei/);
    const [sum] = await w.all<{ wei: string; n: string }>(
      "SELECT sum(price_wei)::VARCHAR AS wei, count(DISTINCT tx_hash)::VARCHAR AS n FROM sales WHERE source = 'import'",
    );
    expect(sum.wei).toBe(expectedWei.toString());
    expect(sum.n).toBe("10224");
    const [first] = await w.all(
      "SELECT token_id, price_wei::VARCHAR AS p, block_number::INTEGER AS b, block_time::VARCHAR AS t, seller, buyer FROM sales WHERE tx_hash = $1",
      ["0xb28b5f2c186bf534e4fc4b8604b1496c9632e42269424f70ef1bdce61ea8ba52"],
    );
    expect(first).toEqual({
      token_id: "544",
      p: "10000000000000000",
      b: 3919706,
      t: "2017-06-23 21:05:06",
      seller: "0xc352b534e8b987e036a93539fd6897f53488e56a",
      buyer: "0x0000000000000000000000000000000000000000",
    });
    // The models run on imported sales too.
    const [clean] = await w.all<{ n: string }>("SELECT count(*)::VARCHAR AS n FROM sales_clean WHERE source = 'import'");
    expect(clean.n).toBe("10224");
    w.close();
  });

  it("refuses nft_trades.csv as a whole at the first MoonCat row (no tx hash), naming line and column", async () => {
    const w = await openWarehouse({ path: ":memory:" });
    const error = await importTrades({ warehouse: w, file: nftTrades }).catch((e) => e);
    expect(error.message).toMatch(/nft_trades\.csv line 10235, column tx_hash: "" is empty/);
    expect((await w.all<{ n: string }>("SELECT count(*)::VARCHAR AS n FROM sales"))[0].n).toBe("0");
    const skipped = await importTrades({ warehouse: w, file: nftTrades, skipMalformed: true });
    expect(skipped.imported).toBe(10_233);
    expect(skipped.malformed).toHaveLength(2_099);
    w.close();
  });

  it.skipIf(!existsSync(seaportSamples))("names the missing timestamp column of a spellbook seed instead of guessing", async () => {
    const w = await openWarehouse({ path: ":memory:" });
    await expect(importTrades({ warehouse: w, file: seaportSamples })).rejects.toThrow(/missing column\(s\) block_time/);
    w.close();
  });
});

const eth = join(import.meta.dirname, "..", "..", "..", "shared", "realdata", "ethereum");
const etlPresent = existsSync(join(eth, "blocks", "eth_blocks_15533942_15535581_ethereumetl.csv"));

describe.skipIf(!etlPresent)("sync --etl on real block files", () => {
  it("imports 1,640 unsorted etl CSV headers, 1,000 JSON headers and the two-block stream export with first funding", async () => {
    const w = await openWarehouse({ path: ":memory:" });
    const result = await importEtlFiles({
      warehouse: w,
      paths: [
        join(eth, "blocks", "eth_blocks_15533942_15535581_ethereumetl.csv"),
        join(eth, "blocks", "eth_blocks_24337593_24338592.json"),
        join(eth, "etl_blocks_17173049_17173050"),
      ],
    });
    expect(result.blocks.imported).toBe(1640 + 1000 + 2);
    const q = async (sql: string) => (await w.all(sql))[0];
    expect(await q("SELECT base_fee_per_gas_wei::VARCHAR AS f FROM blocks WHERE block_number = 15533942")).toEqual({ f: "18525573914" });
    expect(await q("SELECT base_fee_per_gas_wei::VARCHAR AS f FROM blocks WHERE block_number = 15535581")).toEqual({ f: "11233689105" });
    expect(await q("SELECT median(gas_used)::VARCHAR AS m FROM blocks WHERE block_number BETWEEN 15533942 AND 15535581")).toEqual({
      m: "13677624.5",
    });
    expect(await q("SELECT gas_used::VARCHAR AS g, base_fee_per_gas_wei::VARCHAR AS f FROM blocks WHERE block_number = 17173050")).toEqual({
      g: "15491478",
      f: "77334732501",
    });
    expect(await q("SELECT block_time::VARCHAR AS t FROM blocks WHERE block_number = 17173049")).toEqual({ t: "2023-05-02 12:19:59" });
    // Independent count: distinct recipients of a value-carrying transaction in the stream file.
    const txs = readFileSync(join(eth, "etl_blocks_17173049_17173050", "transactions.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { to_address: string | null; value: number });
    const funded = new Set(txs.filter((t) => t.value > 0 && t.to_address).map((t) => t.to_address));
    expect(await q("SELECT count(*)::INTEGER AS n FROM first_funding")).toEqual({ n: funded.size });
    w.close();
  });
});
