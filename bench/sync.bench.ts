/**
 * Sync throughput from the local runtime, in entities/s: a synthetic market is loaded into the
 * runtime's SQLite store (not timed), served by its graph-node-compatible GraphQL server on a free
 * port, and synced over HTTP through the-graph client into a DuckDB file. Sale fee legs arrive
 * nested in their sale and are not counted as entities. Size: SYNC_BENCH_SALES (default 10,000).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openWarehouse } from "../analytics/db.ts";
import { syncOnce } from "../analytics/sync/index.ts";
import { marketFixture, readSubgraphSchema } from "../analytics/sync/testing/runtime-fixture.ts";
import { startGraphqlServer } from "../subgraph/runtime/graphql/index.ts";
import { loadFixture, openSqliteStore } from "../subgraph/runtime/store/index.ts";
import { type Measurement, measure, report } from "./lib/measure.ts";

const sales = Number(process.env.SYNC_BENCH_SALES ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), "hashfloor-sync-bench-"));
const schemaSdl = readSubgraphSchema();
const { fixture, counts, saleFees } = marketFixture({ collections: 10, tokensPerCollection: Math.max(100, Math.round(sales / 20)), sales });
const store = openSqliteStore({ dir, name: "hashfloor", schemaSdl, deploymentId: "QmBench" });
const load = await measure("load fixture into the runtime store (setup)", () => loadFixture(store, fixture));
const server = await startGraphqlServer({ store, schemaSdl, name: "hashfloor", deploymentId: "QmBench", port: 0 });
const rows: Measurement[] = [load];
try {
  const warehouse = await openWarehouse({ path: join(dir, "warehouse.duckdb") });
  const full = await measure("full sync: runtime GraphQL → DuckDB", () =>
    syncOnce({ subgraphUrl: server.endpoint, warehouse, metadata: false }),
  );
  const entities = Object.values(full.result.subgraph?.fetched ?? {}).reduce((a, b) => a + b, 0);
  rows.push({
    ...full,
    extra: {
      entities,
      pages: full.result.subgraph?.pages ?? 0,
      "entities/s": Math.round(entities / (full.ms / 1000)),
      "fee legs": saleFees,
      "fetch s": ((full.result.subgraph?.fetchMs ?? 0) / 1000).toFixed(1),
      "write s": ((full.result.subgraph?.writeMs ?? 0) / 1000).toFixed(1),
    },
  });
  const noop = await measure("incremental sync, nothing new", () => syncOnce({ subgraphUrl: server.endpoint, warehouse, metadata: false }));
  rows.push({ ...noop, extra: { entities: 0 } });
  const meta = await measure("token metadata (data: URIs)", () => syncOnce({ warehouse, metadata: { allowHttp: false } }));
  rows.push({
    ...meta,
    extra: {
      entities: meta.result.metadata?.fetched ?? 0,
      "entities/s": Math.round((meta.result.metadata?.fetched ?? 0) / (meta.ms / 1000)),
    },
  });
  warehouse.close();
} finally {
  await server.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
report(`sync from the local runtime (${counts.sales} sales, ${counts.tokens} tokens, ${counts.transactions} transactions)`, rows);
