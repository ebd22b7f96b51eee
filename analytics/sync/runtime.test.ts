// Sync against the real local runtime: the subgraph store (SQLite, block-range versions) served by
// the runtime's graph-node-compatible GraphQL server over HTTP, read through the-graph client.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGraphqlServer } from "../../subgraph/runtime/graphql/index.ts";
import { loadFixture, openSqliteStore, type QueryableStore } from "../../subgraph/runtime/store/index.ts";
import { openWarehouse, type Warehouse } from "../db.ts";
import { syncOnce } from "./index.ts";
import { marketFixture, readSubgraphSchema } from "./testing/runtime-fixture.ts";

let store: QueryableStore;
let server: Awaited<ReturnType<typeof startGraphqlServer>>;
const market = marketFixture({ collections: 2, tokensPerCollection: 700, sales: 900 });
const firstHead = market.counts.lastBlock - 300;

beforeAll(async () => {
  const schemaSdl = readSubgraphSchema();
  store = openSqliteStore({
    dir: mkdtempSync(join(tmpdir(), "hashfloor-runtime-sync-")),
    name: "hashfloor",
    schemaSdl,
    deploymentId: "QmSyncTest",
  });
  loadFixture(store, { ...market.fixture, subgraphHead: firstHead });
  server = await startGraphqlServer({ store, schemaSdl, name: "hashfloor", deploymentId: "QmSyncTest", port: 0 });
}, 120_000);
afterAll(async () => {
  await server?.close();
  store?.close();
});

const count = async (w: Warehouse, table: string) =>
  Number((await w.all<{ n: string }>(`SELECT count(*)::VARCHAR AS n FROM ${table}`))[0].n);

describe("sync from the local runtime", () => {
  it("copies every entity, then on a later head fetches only what changed (owners updated)", async () => {
    const w = await openWarehouse({ path: ":memory:" });
    const first = await syncOnce({ subgraphUrl: server.endpoint, warehouse: w, metadata: false });
    expect(first.subgraph?.doneThroughBlock).toBe(firstHead);
    expect(await count(w, "tokens")).toBe(1400);
    expect(await count(w, "mints")).toBe(1400);
    expect(await count(w, "sales")).toBe(600);
    expect(await count(w, "sale_fees")).toBe(1800);
    loadFixture(store, market.fixture);
    const second = await syncOnce({ subgraphUrl: server.endpoint, warehouse: w, metadata: false });
    expect(second.subgraph?.fetched).toMatchObject({ sales: 300, mints: 0, collections: 0 });
    expect(await count(w, "sales")).toBe(900);
    expect(await count(w, "transfers")).toBe(market.counts.transfers);
    expect(await count(w, "transactions")).toBe(market.counts.transactions);
    expect(await count(w, "price_points")).toBe(market.counts.pricePoints);
    // Each sold token's owner is its last buyer: tokens changed by later sales were re-read.
    const [stale] = await w.all<{ n: string }>(`
      SELECT count(*)::VARCHAR AS n FROM tokens t JOIN (
        SELECT contract_address, token_id, arg_max(buyer, block_number) AS last_buyer FROM sales GROUP BY ALL
      ) s USING (contract_address, token_id) WHERE t.owner <> s.last_buyer`);
    expect(stale.n).toBe("0");
    const [sale] = await w.all("SELECT marketplace, marketplace_version, trade_index FROM sales LIMIT 1");
    expect(sale).toEqual({ marketplace: "OpenSea", marketplace_version: "seaport 1.6", trade_index: 0 });
    const metadata = await syncOnce({ subgraphUrl: server.endpoint, warehouse: w, metadata: { allowHttp: false } });
    expect(metadata.metadata).toEqual({ fetched: 1400, failed: 0 });
    w.close();
  });
});

describe("a sync process killed halfway", () => {
  it("leaves whole pages behind; the next run completes the same totals", async () => {
    loadFixture(store, market.fixture); // the whole history (a no-op after the test above)
    const dir = mkdtempSync(join(tmpdir(), "hashfloor-kill-"));
    const db = join(dir, "warehouse.duckdb");
    const bin = fileURLToPath(new URL("../../bin/hashfloor.mjs", import.meta.url));
    const args = [bin, "sync", "--subgraph", server.endpoint, "--db", db, "--no-metadata"];
    const env = { ...process.env, HASHFLOOR_DATA_DIR: dir, HASHFLOOR_RPC_URL: "" };
    // SIGKILL as soon as the first transactions page is reported committed: no chance to clean up.
    const killed = await new Promise<{ signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, args, { env });
      let stderr = "";
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
        if (/\[subgraph\] transactions: 1000 /.test(stderr)) child.kill("SIGKILL");
      });
      child.on("exit", (_code, signal) => resolve({ signal, stderr }));
    });
    expect(killed.signal).toBe("SIGKILL");
    const w = await openWarehouse({ path: db });
    const partial = await count(w, "transactions");
    expect(partial % 1000).toBe(0);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(market.counts.transactions);
    w.close();
    const done = await new Promise<number | null>((resolve) => spawn(process.execPath, args, { env, stdio: "ignore" }).on("exit", resolve));
    expect(done).toBe(0);
    const after = await openWarehouse({ path: db });
    expect(await count(after, "transactions")).toBe(market.counts.transactions);
    expect(await count(after, "sales")).toBe(900);
    expect(await count(after, "sale_fees")).toBe(2700);
    expect(await count(after, "tokens")).toBe(1400);
    after.close();
  });
});
