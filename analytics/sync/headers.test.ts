import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRpcMock, makeChain } from "../../test/mocks/rpc.ts";
import { openWarehouse, type Warehouse } from "../db.ts";
import { EtlImportError, importEtlFiles } from "./etl.ts";
import { HeaderSourceError, syncRpcHeaders } from "./rpc-headers.ts";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const rpcUrl = "http://rpc.test/";
const count = async (w: Warehouse, table: string) =>
  Number((await w.all<{ n: string }>(`SELECT count(*)::VARCHAR AS n FROM ${table}`))[0].n);

describe("syncRpcHeaders", () => {
  it("imports headers, fee percentiles and first funding, and resumes from its cursor", async () => {
    const mock = createRpcMock(rpcUrl, makeChain(150));
    server.use(...mock.handlers);
    const w = await openWarehouse({ path: ":memory:" });
    const first = await syncRpcHeaders({ warehouse: w, rpcUrl, fromBlock: 0, maxBlocks: 100 });
    expect(first.blocks).toEqual({ imported: 100, lastBlock: 99 });
    const [b] = await w.all(
      "SELECT block_number::INTEGER AS block_number, gas_limit::VARCHAR AS gl, base_fee_per_gas_wei::VARCHAR AS bf, block_time::VARCHAR AS t FROM blocks WHERE block_number = 7",
    );
    expect(b).toEqual({
      block_number: 7,
      gl: "30000000",
      bf: "1000007000",
      t: new Date((1_700_000_000 + 84) * 1000).toISOString().replace("T", " ").slice(0, 19),
    });
    const [p] = await w.all(
      "SELECT priority_fee_per_gas_wei::VARCHAR AS tip FROM block_priority_fees WHERE block_number = 7 AND percentile = 20",
    );
    expect(p.tip).toBe(String(20n * 10_000_000n + 7n));
    // Blocks 1..99 hold n % 3 transactions, each funding a fresh address: 99 = 33·(1+2).
    expect(await count(w, "first_funding")).toBe(99);
    const second = await syncRpcHeaders({ warehouse: w, rpcUrl, maxBlocks: 100 });
    expect(second.blocks).toEqual({ imported: 50, lastBlock: 149 });
    expect(await count(w, "blocks")).toBe(150);
    w.close();
  });

  it("an RPC that fails mid-sync gives one clear line and keeps the committed batches", async () => {
    const mock = createRpcMock(rpcUrl, makeChain(200));
    mock.failBlocksFrom = 130;
    server.use(...mock.handlers);
    const w = await openWarehouse({ path: ":memory:" });
    const error = await syncRpcHeaders({ warehouse: w, rpcUrl, fromBlock: 0 }).catch((e) => e);
    expect(error).toBeInstanceOf(HeaderSourceError);
    expect(error.message).toMatch(/^RPC at http:\/\/rpc\.test\/ failed eth_getBlockByNumber 128: .*next sync resumes$/);
    expect(await count(w, "blocks")).toBe(128);
    mock.failBlocksFrom = null;
    await syncRpcHeaders({ warehouse: w, rpcUrl });
    expect(await count(w, "blocks")).toBe(200);
    await expect(syncRpcHeaders({ warehouse: w, rpcUrl: "ftp://x" })).rejects.toThrow(/must be http\(s\)/);
    w.close();
  });
});

describe("importEtlFiles", () => {
  const dir = mkdtempSync(join(tmpdir(), "hashfloor-etl-"));

  it("imports blocks.csv, blocks.jsonl, a JSON array and transactions (earliest funding wins)", async () => {
    writeFileSync(
      join(dir, "blocks.csv"),
      "number,hash,parent_hash,gas_limit,gas_used,timestamp,transaction_count,base_fee_per_gas\n" +
        "11,0xaa,0x00,30000000,12000000,1700000000,2,\n" +
        "10,0xbb,0x00,30000000,15000000,1699999988,1,7000000000\n",
    );
    writeFileSync(
      join(dir, "more_blocks.jsonl"),
      `${JSON.stringify({ number: 12, hash: "0xcc", timestamp: 1700000012, gas_used: 1, gas_limit: 2, base_fee_per_gas: 3, transaction_count: 0 })}\n`,
    );
    writeFileSync(
      join(dir, "gas.json"),
      JSON.stringify([{ number: 13, timestamp: 1700000024, gas_used: 5, gas_limit: 6, base_fee_per_gas: 7, transaction_count: 1 }]),
    );
    const tx = (h: number, from: string, to: string, value: string, block: number) =>
      JSON.stringify({
        hash: `0x${h.toString(16).padStart(64, "0")}`,
        from_address: from,
        to_address: to,
        value,
        block_number: block,
        transaction_index: 0,
      });
    const a = `0x${"a".repeat(40)}`;
    const b = `0x${"b".repeat(40)}`;
    const c = `0x${"c".repeat(40)}`;
    writeFileSync(join(dir, "transactions.jsonl"), [tx(1, b, a, "5", 12), tx(2, c, a, "9", 10), tx(3, a, b, "0", 9)].join("\n"));
    const w = await openWarehouse({ path: ":memory:" });
    const result = await importEtlFiles({
      warehouse: w,
      paths: [join(dir, "blocks.csv"), join(dir, "more_blocks.jsonl"), join(dir, "gas.json"), join(dir, "transactions.jsonl")],
    });
    expect(result.blocks).toEqual({ imported: 4, lastBlock: 13 });
    expect(await w.all("SELECT block_number::INTEGER AS block_number, base_fee_per_gas_wei::VARCHAR AS bf FROM blocks ORDER BY 1")).toEqual(
      [
        { block_number: 10, bf: "7000000000" },
        { block_number: 11, bf: null },
        { block_number: 12, bf: "3" },
        { block_number: 13, bf: "7" },
      ],
    );
    // a's first funding is block 10 by c; the zero-value tx to b funds nobody.
    expect(await w.all("SELECT address, funder, block_number::INTEGER AS block_number FROM first_funding")).toEqual([
      { address: a, funder: c, block_number: 10 },
    ]);
    w.close();
  });

  it("names file, line and field of a malformed row", async () => {
    writeFileSync(join(dir, "bad_blocks.csv"), "number,timestamp,gas_used,gas_limit\n1,1700000000,5,6\n2,yesterday,5,6\n");
    const w = await openWarehouse({ path: ":memory:" });
    const error = await importEtlFiles({ warehouse: w, paths: [join(dir, "bad_blocks.csv")] }).catch((e) => e);
    expect(error).toBeInstanceOf(EtlImportError);
    expect(error.message).toMatch(/bad_blocks\.csv line 3: timestamp/);
    expect(await count(w, "blocks")).toBe(0);
    await expect(importEtlFiles({ warehouse: w, paths: [join(dir, "missing.csv")] })).rejects.toThrow(/no such file/);
    w.close();
  });
});
