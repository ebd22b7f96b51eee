/**
 * Analytics at scale: a synthetic warehouse of 10,000,000 sales across 1,000 collections (10,000
 * tokens each, owners for all 10M tokens, ETH/USD hourly), built in DuckDB in a temp dir. Prints:
 * the post-sync refreshes (wash snapshot, holder stats), the floor computation for one collection
 * (TypeScript, refreshFloors), the floor series of one
 * collection (goal < 100 ms), collection stats for all collections (goal < 1 s), with peak RSS.
 * `SALES=1000000 npm run bench analytics` runs a smaller warehouse.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openWarehouse } from "../analytics/db.ts";
import { refreshFloors } from "../analytics/floors/refresh.ts";
import { refreshCollectionStats, refreshSalesSnapshot } from "../analytics/models/refresh.ts";
import { type Measurement, measure, report } from "./lib/measure.ts";

const totalSales = Number(process.env.SALES ?? 10_000_000);
const collections = 1_000;
const tokensPerCollection = 10_000;
const dir = mkdtempSync(join(tmpdir(), "hashfloor-bench-analytics-"));
const warehouse = await openWarehouse({ path: join(dir, "bench.duckdb") });
const rows: Measurement[] = [];
try {
  await warehouse.run("SET memory_limit = '3GB'");
  await warehouse.run("SET preserve_insertion_order = false");
  const build = await measure("build synthetic warehouse", async () => {
    // Deterministic pseudo-random columns from hash(); prices log-normal around a per-collection level.
    await warehouse.run(
      `INSERT INTO sales (sale_id, source, block_number, block_time, tx_hash, log_index, trade_index, contract_address, token_id,
                          buyer, seller, price_wei, marketplace_fee_wei, royalty_wei, currency)
       SELECT 's' || i, 'subgraph', 15000000 + i // 20, TIMESTAMP '2023-01-01' + to_seconds(CAST(i * 3 AS BIGINT)),
              '0x' || md5(CAST(i AS VARCHAR)), CAST(i % 20 AS INTEGER), 0,
              printf('0x%040x', i % $1), CAST(hash(i, 1) % $2 AS VARCHAR),
              printf('0x%040x', 1000000 + hash(i, 2) % 100000), printf('0x%040x', 1000000 + hash(i, 3) % 100000),
              CAST(exp(ln(0.05 + (i % $1) / 100.0) + 0.4 * (hash(i, 4) % 1000 / 1000.0 - 0.5)) * 1e18 AS HUGEINT),
              CAST(25000000000000000 AS HUGEINT), CAST(0 AS HUGEINT), '0x0000000000000000000000000000000000000000'
       FROM range($3) AS t(i)`,
      [collections, tokensPerCollection, totalSales],
    );
    await warehouse.run(
      `INSERT INTO tokens (contract_address, token_id, owner)
       SELECT printf('0x%040x', c), CAST(t AS VARCHAR), printf('0x%040x', 1000000 + hash(c, t) % 100000)
       FROM range($1) AS a(c), range($2) AS b(t)`,
      [collections, tokensPerCollection],
    );
    await warehouse.run(
      `INSERT INTO price_points SELECT 'p' || h, 'ETH/USD', 0, 8, CAST(h AS VARCHAR), NULL, TIMESTAMP '2023-01-01' + to_hours(CAST(h AS BIGINT)), 1500 + h % 500
       FROM range(0, 24 * 365 * 2) AS t(h)`,
    );
    await warehouse.run("CHECKPOINT");
  });
  rows.push({ ...build, extra: { rows: `${totalSales} sales` } });
  // What refreshModels does after a sync: wash-rule snapshot and holder concentration.
  const snapshot = await measure("refresh wash-rule snapshot (all sales)", () => refreshSalesSnapshot({ warehouse }));
  rows.push({ ...snapshot, extra: { rows: `${snapshot.result.sales} sales` } });
  rows.push(await measure("refresh holder + collection stats (all tokens, all sales)", () => refreshCollectionStats({ warehouse })));
  const one = "0x0000000000000000000000000000000000000007";
  const floors = await measure("refreshFloors, one collection (adaptive + calibrated, TS)", () =>
    refreshFloors({ warehouse, contractAddress: one, refreshSnapshot: false }),
  );
  rows.push({ ...floors, extra: { rows: `${floors.result.points} sales` } });
  const series = await measure(
    "floor series, one collection (daily, all three floors + TWAP)",
    () => warehouse.all("FROM floor_series($1, INTERVAL 1 DAY, INTERVAL 1 DAY, INTERVAL 1 DAY)", [one]),
    { warmup: 1 },
  );
  rows.push({ ...series, extra: { rows: `${series.result.length} days`, goal: "< 100 ms" } });
  const stats = await measure("collection stats, all collections", () => warehouse.all("SELECT * FROM collection_stats"), { warmup: 1 });
  rows.push({ ...stats, extra: { rows: `${stats.result.length} collections`, goal: "< 1 s" } });
  const window = await measure(
    "collection stats, all collections, on demand for a 30-day window",
    () => warehouse.all("FROM collection_stats_between(TIMESTAMP '2023-06-01', TIMESTAMP '2023-07-01')"),
    { warmup: 1 },
  );
  rows.push({ ...window, extra: { rows: `${window.result.length} collections` } });
  // sales_clean per collection (what the collection page reads): the snapshot as is while it is
  // current, then with a few sales appended since the refresh (watermark intact: only their tokens
  // are recomputed live). The snapshot table alone is the floor for both.
  const cleanOne = "SELECT count(*) AS n, sum(price_eth) AS volume_eth FROM sales_clean WHERE contract_address = $1 AND NOT is_wash";
  const snapshotOne =
    "SELECT count(*) AS n, sum(price_eth) AS volume_eth FROM sales_clean_snapshot WHERE contract_address = $1 AND NOT is_wash";
  rows.push(
    await measure("sales_clean_snapshot table, one collection (reference)", () => warehouse.all(snapshotOne, [one]), { warmup: 1 }),
  );
  rows.push(await measure("sales_clean, one collection, snapshot current", () => warehouse.all(cleanOne, [one]), { warmup: 1 }));
  await warehouse.run(
    `INSERT INTO sales (sale_id, source, block_number, block_time, tx_hash, log_index, trade_index, contract_address, token_id,
                        buyer, seller, price_wei, marketplace_fee_wei, royalty_wei, currency)
     SELECT 'new' || i, 'subgraph', 16000000, TIMESTAMP '2025-01-01', '0xnew' || i, CAST(i AS INTEGER), 0, $1, CAST(i AS VARCHAR),
            '0x00000000000000000000000000000000000000b1', '0x00000000000000000000000000000000000000b2', CAST(1e18 AS HUGEINT),
            CAST(0 AS HUGEINT), CAST(0 AS HUGEINT), '0x0000000000000000000000000000000000000000'
     FROM range(10) AS t(i)`,
    [one],
  );
  rows.push(
    await measure("sales_clean, one collection, 10 sales appended since the refresh", () => warehouse.all(cleanOne, [one]), { warmup: 1 }),
  );
  report(`analytics on ${totalSales.toLocaleString("en")} sales, ${collections} collections`, rows);
} finally {
  warehouse.close();
  rmSync(dir, { recursive: true, force: true });
}
