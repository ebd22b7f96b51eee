// The sync, sql and import-trades commands end to end, through the real `hashfloor` binary.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openWarehouse } from "../db.ts";

const bin = fileURLToPath(new URL("../../bin/hashfloor.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "hashfloor-cli-"));
const db = join(dir, "warehouse.duckdb");
const run = (args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    env: { ...process.env, HASHFLOOR_DATA_DIR: dir, HASHFLOOR_SUBGRAPH_URL: "", HASHFLOOR_RPC_URL: "" },
  });

describe("hashfloor sync / sql / import-trades", () => {
  it("imports etl headers, answers read-only SQL as JSON, and refuses DROP leaving the warehouse intact", () => {
    const blocks = join(dir, "blocks.csv");
    writeFileSync(
      blocks,
      "number,hash,gas_limit,gas_used,timestamp,transaction_count,base_fee_per_gas\n1,0x01,30000000,15000000,1700000000,3,1000000000\n2,0x02,30000000,20000000,1700000012,4,1000000000\n",
    );
    const sync = run(["sync", "--etl", blocks]);
    expect(sync.stderr).toContain("[blocks] 2 block headers");
    expect(sync.stdout).toMatch(/synced 2 block headers, 0 first-funding rows into .*warehouse\.duckdb/);
    expect(sync.status).toBe(0);
    const query = run(["sql", "SELECT block_number::INTEGER AS n, gas_used FROM blocks ORDER BY 1", "--json", "--db", db]);
    expect(query.status).toBe(0);
    expect(JSON.parse(query.stdout)).toEqual([
      { n: 1, gas_used: "15000000" },
      { n: 2, gas_used: "20000000" },
    ]);
    const drop = run(["sql", "DROP TABLE blocks", "--db", db]);
    expect(drop.status).toBe(1);
    expect(drop.stderr.trim().split("\n")).toHaveLength(1);
    expect(drop.stderr).toMatch(/^hashfloor: hashfloor sql is read-only: .*unchanged/);
    expect(run(["sql", "SELECT count(*)::INTEGER AS n FROM blocks", "--json", "--db", db]).stdout).toContain('"n": 2');
    // READ_ONLY alone would let COPY write a file anywhere; the command must not.
    const target = join(dir, "leak.csv");
    const copy = run(["sql", `COPY blocks TO '${target}'`, "--db", db]);
    expect(copy.status).toBe(1);
    expect(copy.stderr).toMatch(/^hashfloor: hashfloor sql reads the warehouse only/);
    expect(existsSync(target)).toBe(false);
    const unlock = run(["sql", "SET enable_external_access = true", "--db", db]);
    expect(unlock.status).toBe(1);
  });

  it("names the problem in one line: bad subgraph URL, nothing to sync, malformed trade row", () => {
    const bad = run(["sync", "--subgraph", "localhost:8000/subgraphs/name/x", "--db", db]);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toMatch(
      /^hashfloor: subgraph URL "localhost:8000\/subgraphs\/name\/x" must be http\(s\), e\.g\. http:\/\/127\.0\.0\.1:8000/,
    );
    const nothing = run(["sync", "--db", db]);
    expect(nothing.status).toBe(2);
    expect(nothing.stderr).toMatch(/nothing to sync: pass --subgraph/);
    const trades = join(dir, "trades.csv");
    writeFileSync(
      trades,
      `block_number,block_time,tx_hash,contract_address,token_id,price_eth\n1,1700000000,0x${"1".repeat(64)},0x${"a".repeat(40)},7,abc\n`,
    );
    const imp = run(["import-trades", trades, "--db", db]);
    expect(imp.status).toBe(2);
    expect(imp.stderr.trim()).toMatch(/trades\.csv line 2, column price_eth: "abc" is not a decimal number \(nothing was imported\)$/);
    expect(imp.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("hashfloor export", () => {
  it("exports a table to Parquet and CSV (version in the CSV name), and names an unknown view", () => {
    const blocks = join(dir, "export-blocks.csv");
    const exportDb = join(dir, "export.duckdb");
    writeFileSync(blocks, "number,gas_limit,gas_used,timestamp\n5,30000000,1,1700000000\n");
    expect(run(["sync", "--etl", blocks, "--db", exportDb]).status).toBe(0);
    const parquet = run(["export", "blocks", "--format", "parquet", "--out", join(dir, "blocks.parquet"), "--db", exportDb]);
    expect(parquet.stderr).toBe("");
    expect(parquet.stdout).toMatch(/^exported 1 rows of blocks to .*blocks\.parquet \(methodology /);
    const csv = run(["export", "blocks", "--format", "csv", "--out", join(dir, "blocks.csv"), "--db", exportDb]);
    expect(csv.stdout).toMatch(/blocks\.models-[^ ]+\.csv/);
    const unknown = run(["export", "no_such_view", "--out", join(dir, "x.csv"), "--db", exportDb]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^hashfloor: no view or table named "no_such_view"/);
  });
});

describe("a warehouse locked by another process", () => {
  it("sql and sync say so in one line instead of a stack trace", async () => {
    const locked = join(dir, "locked.duckdb");
    const holder = await openWarehouse({ path: locked });
    try {
      const sql = run(["sql", "SELECT 1", "--db", locked]);
      expect(sql.status).toBe(1);
      expect(sql.stderr.trim()).toMatch(/^hashfloor: cannot open .*locked\.duckdb: .*lock/i);
      const blocks = join(dir, "lock-blocks.csv");
      writeFileSync(blocks, "number,gas_limit,gas_used,timestamp\n1,2,1,1700000000\n");
      const sync = run(["sync", "--etl", blocks, "--db", locked]);
      expect(sync.status).toBe(1);
      expect(sync.stderr.trim()).toMatch(/^hashfloor: cannot open the warehouse .*lock/i);
    } finally {
      holder.close();
    }
  });
});
