/**
 * The whole pipeline on a short devnet history, as `npm start` + `hashfloor score` run it: devnet
 * (seed 7, 3 days) → devnet subgraph build → the runtime indexing over JSON-RPC into a SQLite store
 * served on a free port → syncOnce into a DuckDB warehouse (the devnet's WETH registered first) →
 * refreshModels → scoreAgainstTruth against the devnet's truth files. Each stage has its own tests;
 * this one checks what a user relies on survives every hand-off: each simulated sale arrives with its
 * price and fees, the wash rules find the planted trades, the gas model's next base fee is the chain's,
 * and the CLI reads the same warehouse. HASHFLOOR_PIPELINE_DAYS sets the history length (default 3).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createPublicClient, http } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../../analytics/db.ts";
import { openWarehouse } from "../../analytics/db.ts";
import { registerEthCurrency } from "../../analytics/models/eth-currencies.ts";
import { refreshModels } from "../../analytics/models/refresh.ts";
import { formatScoreReport, readTruthSales, type ScoreReport, scoreAgainstTruth } from "../../analytics/nft/score.ts";
import { syncOnce } from "../../analytics/sync/index.ts";
import { type Devnet, startDevnet } from "../../chain/index.ts";
import { readCsv } from "../../chain/truth.ts";
import { buildSubgraph } from "../../subgraph/manifests/index.ts";
import { rpcCallFetcher } from "../../subgraph/runtime/chain/eth-call.ts";
import { startGraphqlServer } from "../../subgraph/runtime/graphql/index.ts";
import { deploymentIdOf } from "../../subgraph/runtime/indexer/command.ts";
import { Indexer } from "../../subgraph/runtime/indexer/indexer.ts";
import { loadManifest } from "../../subgraph/runtime/manifest/manifest.ts";
import { rpcRequester } from "../../subgraph/runtime/sources/rpc-client.ts";
import { RpcSource } from "../../subgraph/runtime/sources/rpc-source.ts";
import { logFilter } from "../../subgraph/runtime/sources/source.ts";
import { openSqliteStore, type QueryableStore } from "../../subgraph/runtime/store/index.ts";

const DAYS = Number(process.env.HASHFLOOR_PIPELINE_DAYS ?? 3);
const SEED = 7;
const dir = mkdtempSync(join(tmpdir(), "hashfloor-pipeline-"));
const dbPath = join(dir, "warehouse.duckdb");
const bin = fileURLToPath(new URL("../../bin/hashfloor.mjs", import.meta.url));

let devnet: Devnet | undefined;
let store: QueryableStore | undefined;
let server: Awaited<ReturnType<typeof startGraphqlServer>> | undefined;
let warehouse: Warehouse | undefined;
let report: ScoreReport;
let headBlock: number;
const timings: string[] = [];

async function timed<T>(stage: string, f: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await f();
  timings.push(`${stage} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

beforeAll(async () => {
  devnet = await timed("devnet", () => startDevnet({ seed: SEED, days: DAYS, out: join(dir, "devnet"), port: 0 }));
  const rpcUrl = devnet.rpcUrl;
  const { manifestPath } = await timed("subgraph build", () =>
    buildSubgraph({ network: "devnet", deploymentFile: join(dir, "devnet", "deployment.json"), outDir: join(dir, "subgraph") }),
  );
  const manifest = loadManifest(manifestPath);
  const deploymentId = deploymentIdOf(manifest);
  const schemaSdl = manifest.schema.sdl;
  const sqlite = openSqliteStore({ dir: join(dir, "store"), name: "hashfloor", schemaSdl, deploymentId });
  store = sqlite;
  const indexed = await timed("index over RPC", () =>
    new Indexer({
      manifest,
      store: sqlite,
      source: new RpcSource(rpcUrl, logFilter(manifest)),
      callFetcher: rpcCallFetcher(rpcRequester(rpcUrl)),
      once: true,
    }).run(),
  );
  expect(indexed.status).toBe("caught-up");
  server = await startGraphqlServer({ store: sqlite, schemaSdl, name: "hashfloor", deploymentId, port: 0 });
  const subgraphUrl = server.endpoint;

  const w = await openWarehouse({ path: dbPath });
  warehouse = w;
  headBlock = Number(await createPublicClient({ transport: http(rpcUrl) }).getBlockNumber());
  await registerEthCurrency({ warehouse: w, address: devnet.deployment.contracts.weth.address, note: "WETH (devnet deployment.json)" });
  await timed("sync", async () => {
    // Headers come at most 5,000 blocks a pass (a live loop stays responsive): pass until the head.
    for (let pass = 0; pass < 50; pass++) {
      const r = await syncOnce({ subgraphUrl, rpcUrl, warehouse: w, metadata: { allowHttp: false } });
      if ((r.blocks?.lastBlock ?? -1) >= headBlock) return;
    }
    throw new Error(`block headers did not reach the head ${headBlock} in 50 sync passes`);
  });
  await timed("refresh models", () => refreshModels({ warehouse: w }));
  report = await scoreAgainstTruth({ warehouse: w, truth: readTruthSales(devnet.truthDir) });
}, 600_000);

afterAll(async () => {
  warehouse?.close();
  await server?.close();
  store?.close();
  await devnet?.stop();
  rmSync(dir, { recursive: true, force: true });
  console.log(`pipeline (seed ${SEED}, ${DAYS} days, ${headBlock} blocks, ${report?.matchedSales} sales): ${timings.join(", ")}`);
});

/** A sale's key across truth and warehouse: transaction, OrderFulfilled log index, token. */
const key = (tx: string, logIndex: string | number, collection: string, tokenId: string) =>
  `${tx.toLowerCase()}:${logIndex}:${collection.toLowerCase()}:${tokenId}`;

describe(`devnet → subgraph → warehouse → score (seed ${SEED}, ${DAYS} days)`, () => {
  it("has every truth sale in the warehouse's sales with the same gross price and fees in wei, and nothing else", async () => {
    const truth = readCsv(join((devnet as Devnet).truthDir, "sales.csv"));
    expect(truth.length).toBeGreaterThan(0);
    const rows = await (warehouse as Warehouse).all<Record<string, string>>(`
      SELECT s.tx_hash, s.log_index::VARCHAR AS log_index, s.contract_address, s.token_id, s.currency,
        s.price_wei::VARCHAR AS price_wei, s.marketplace_fee_wei::VARCHAR AS marketplace_fee_wei,
        s.royalty_wei::VARCHAR AS royalty_wei, s.seller_proceeds_wei::VARCHAR AS seller_proceeds_wei,
        coalesce((SELECT sum(f.amount_wei) FROM sale_fees f WHERE f.sale_id = s.sale_id AND f.kind = 'marketplace'), 0)::VARCHAR AS fee_rows_marketplace_wei,
        coalesce((SELECT sum(f.amount_wei) FROM sale_fees f WHERE f.sale_id = s.sale_id AND f.kind = 'royalty'), 0)::VARCHAR AS fee_rows_royalty_wei
      FROM sales s`);
    const sales = new Map(rows.map((r) => [key(r.tx_hash, r.log_index, r.contract_address, r.token_id), r]));
    const mismatches: string[] = [];
    for (const t of truth) {
      const k = key(t.tx_hash, t.log_index, t.collection, t.token_id);
      const s = sales.get(k);
      if (!s) {
        mismatches.push(`missing ${t.sale_kind} sale ${k}`);
        continue;
      }
      const royaltyWei = (BigInt(t.royalty_wei_1 || "0") + BigInt(t.royalty_wei_2 || "0")).toString();
      const want = {
        currency: t.currency_address.toLowerCase(),
        price_wei: t.gross_price_wei,
        marketplace_fee_wei: t.marketplace_fee_wei,
        royalty_wei: royaltyWei,
        seller_proceeds_wei: t.seller_proceeds_wei,
        fee_rows_marketplace_wei: t.marketplace_fee_wei,
        fee_rows_royalty_wei: royaltyWei,
      };
      for (const [field, value] of Object.entries(want)) {
        const got = field === "currency" ? s[field].toLowerCase() : s[field];
        if (got !== value) mismatches.push(`${t.sale_kind} ${k} ${field}: truth ${value}, warehouse ${got}`);
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(sales.size).toBe(truth.length);
    expect(report.matchedSales).toBe(truth.length);
    expect(report.warehouseOnlySales).toBe(0);
  });

  it("flags at least 90% of the planted trades of every wash rule that has any", () => {
    for (const line of formatScoreReport(report)) console.log(line);
    const planted = report.rules.filter((r) => r.rule !== "any" && r.truthPositives > 0);
    expect(planted.length).toBeGreaterThan(0);
    const below = report.rules.filter((r) => r.truthPositives > 0 && !(r.recall >= 0.9)).map((r) => `rule ${r.rule}: ${r.recall}`);
    expect(below).toEqual([]);
  });

  it("predicts each block's next base fee exactly as the chain's next block has it, on every block", async () => {
    const w = warehouse as Warehouse;
    const [counts] = await w.all<{ blocks: string; lowest: string; highest: string; checked: string; wrong: string }>(`
      SELECT count(*)::VARCHAR AS blocks, min(block_number)::VARCHAR AS lowest, max(block_number)::VARCHAR AS highest,
        count(actual_next_base_fee_per_gas_wei)::VARCHAR AS checked,
        count(*) FILTER (WHERE actual_next_base_fee_per_gas_wei IS NOT NULL AND NOT coalesce(next_base_fee_matches, false))::VARCHAR AS wrong
      FROM gas_blocks WHERE base_fee_per_gas_wei IS NOT NULL`);
    // Every block from genesis to the head, each (but the head) checked against its successor.
    expect(Number(counts.lowest)).toBe(0);
    expect(Number(counts.highest)).toBeGreaterThanOrEqual(headBlock);
    expect(Number(counts.blocks)).toBe(Number(counts.highest) + 1);
    expect(Number(counts.checked)).toBe(Number(counts.blocks) - 1);
    expect(counts.wrong).toBe("0");
    // The warehouse's "actual" is the chain's: compare every prediction with the RPC's own next header.
    const client = createPublicClient({ transport: http((devnet as Devnet).rpcUrl) });
    const predicted = await w.all<{ block_number: string; next_base_fee_per_gas_wei: string }>(
      `SELECT block_number::VARCHAR AS block_number, next_base_fee_per_gas_wei::VARCHAR AS next_base_fee_per_gas_wei
       FROM gas_blocks WHERE block_number < ${headBlock} ORDER BY block_number`,
    );
    expect(predicted.length).toBe(headBlock);
    const wrong: string[] = [];
    for (let i = 0; i < predicted.length; i += 32) {
      const batch = predicted.slice(i, i + 32);
      const next = await Promise.all(batch.map((row) => client.getBlock({ blockNumber: BigInt(row.block_number) + 1n })));
      batch.forEach((row, k) => {
        if (String(next[k].baseFeePerGas) !== row.next_base_fee_per_gas_wei)
          wrong.push(`block ${row.block_number}: predicted ${row.next_base_fee_per_gas_wei}, chain ${next[k].baseFeePerGas}`);
      });
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it("`hashfloor sql --json` (a spawned CLI) counts the same sales", async () => {
    const [{ n }] = await (warehouse as Warehouse).all<{ n: string }>("SELECT count(*)::VARCHAR AS n FROM sales");
    expect(Number(n)).toBeGreaterThan(0);
    // DuckDB allows one process per file: hand the warehouse over to the CLI.
    warehouse?.close();
    warehouse = undefined;
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, "sql", "SELECT count(*) AS n FROM sales", "--json", "--db", dbPath], {
        env: { ...process.env, HASHFLOOR_DATA_DIR: dir },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c) => {
        stdout += c;
      });
      child.stderr.on("data", (c) => {
        stderr += c;
      });
      child.on("exit", (code) => resolve({ code, stdout, stderr }));
    });
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    const rows = JSON.parse(out.stdout) as { n: number | string }[];
    expect(rows).toHaveLength(1);
    expect(String(rows[0].n)).toBe(n);
  }, 60_000);
});
