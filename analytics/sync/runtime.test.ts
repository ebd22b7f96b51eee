// Sync against the real local runtime: the subgraph store (SQLite, block-range versions) served by
// the runtime's graph-node-compatible GraphQL server over HTTP, read through the-graph client.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
