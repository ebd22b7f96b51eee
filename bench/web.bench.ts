/**
 * Dashboard figures on loopback (autocannon): collection page SSR p50/p99 over a 1M-sale warehouse
 * (goal p50 < 50 ms), cached embed SVG requests/s (goal ≥ 1,000), and the gzipped JS a first visit
 * loads (goal < 250 KB, duckdb-wasm excluded: it loads only on /sql). Prints; never asserts.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { openWarehouse } from "../analytics/db.ts";
import { ensureBuilt, projectRoot } from "../app/server/build.ts";
import { startHttpServer } from "../app/server/http.ts";
import { type Measurement, measure, report } from "./lib/measure.ts";

const SALES = Number(process.env.HASHFLOOR_BENCH_SALES ?? 1_000_000);
const COLLECTIONS = 50;
const TOKENS = 2_000;
/** Sales per round: every token of every collection trades once per round. */
const ROUND = COLLECTIONS * TOKENS;

ensureBuilt({ quiet: true });
const dir = mkdtempSync(join(tmpdir(), "hashfloor-web-bench-"));
// HASHFLOOR_BENCH_DB=FILE keeps the synthetic warehouse between runs (built when FILE is missing).
const reuse = process.env.HASHFLOOR_BENCH_DB;
const reused = reuse !== undefined && existsSync(reuse);
const warehouse = await openWarehouse({ path: reuse ?? join(dir, "warehouse.duckdb") });
// Contract addresses that look like real ones (random hex): DuckDB's zone maps keep an 8-byte prefix
// of strings, so addresses sharing "0x000000" would hide how per-collection scans prune.
const md5 = (s: string) => createHash("md5").update(s).digest("hex");
const addr = (i: number) => `0x${md5(`bench-${i}`)}${md5(`bench2-${i}`).slice(0, 8)}`;
const ADDRESS_SQL = "'0x' || md5('bench-' || c) || substr(md5('bench2-' || c), 1, 8)";

const load = await measure(`build a ${SALES.toLocaleString("en-US")}-sale warehouse${reused ? " (reused)" : ""}`, async () => {
  if (reused) return;
  await warehouse.run(
    `INSERT INTO collections SELECT ${ADDRESS_SQL}, 'Bench ' || c, 'B' || c, ${TOKENS}, 'subgraph' FROM range(${COLLECTIONS}) t(c)`,
  );
  await warehouse.run(
    `INSERT INTO tokens SELECT ${ADDRESS_SQL}, CAST(t AS VARCHAR), printf('0x%040x', 10000 + (t * 7 + c) % 3000), NULL, NULL
     FROM range(${COLLECTIONS}) a(c), range(1, ${TOKENS + 1}) b(t)`,
  );
  // Three traits per token (background 1 in 5, body 1 in 8, a 1-in-20 "hat": rare values price higher), so rarity
  // and the valuation models have something to fit.
  await warehouse.run(
    `INSERT INTO token_attributes
     SELECT ${ADDRESS_SQL}, CAST(t AS VARCHAR), trait_type, trait_value
     FROM range(${COLLECTIONS}) a(c), range(1, ${TOKENS + 1}) b(t),
       LATERAL (VALUES ('background', 'bg' || ((t * 31 + c) % 5)), ('body', 'body' || ((t * 17) % 8)),
                       ('hat', CASE WHEN t % 20 = 0 THEN 'crown' ELSE 'none' END)) v(trait_type, trait_value)`,
  );
  await warehouse.run(
    `INSERT INTO blocks SELECT i, NULL, TIMESTAMP '2026-01-01' + to_seconds(CAST(i * 12 AS BIGINT)), 15000000, 30000000,
       CAST(1e9 * (10 + 5 * sin(i / 300.0)) AS HUGEINT), 150 FROM range(1, ${Math.ceil(SALES / 10) + 1}) t(i)`,
  );
  // Ten sales per block; sale k is of collection k % C, token 1 + (k // C · 1919) % T, so every token trades once
  // per ${ROUND.toLocaleString("en-US")} sales and its seller is the buyer of its previous sale. Buyers come
  // from ~400k wallets, so honest trades trip no rule. Planted wash (see washBuyer): a self-trade every 997th
  // sale, and in every third round one sale in ten sends the token back to whoever sold it one round before
  // (rule 2 flags both legs): ~7% wash, printed below. Prices log-normal-ish around each collection's level,
  // with a premium for the rare traits.
  await warehouse.run(`CREATE OR REPLACE TEMP MACRO bench_wallet(k) AS printf('0x%040x', 100000 + (k * 2654435761) % 400009)`);
  await warehouse.run(
    `CREATE OR REPLACE TEMP MACRO bench_buyer(k) AS
       CASE WHEN k >= ${2 * ROUND} AND (k // ${ROUND}) % 3 = 2 AND (k // ${COLLECTIONS}) % 10 = 7 THEN bench_wallet(k - ${2 * ROUND})
            ELSE bench_wallet(k) END`,
  );
  await warehouse.run(
    `INSERT INTO sales
     SELECT 's' || k, 'subgraph', 1 + k // 10, TIMESTAMP '2026-01-01' + to_seconds(CAST((1 + k // 10) * 12 AS BIGINT)), printf('0x%064x', k),
       k % 10, 0, ${ADDRESS_SQL}, CAST(t AS VARCHAR),
       bench_buyer(k),
       CASE WHEN k % 997 = 0 THEN bench_buyer(k) WHEN k >= ${ROUND} THEN bench_buyer(k - ${ROUND}) ELSE printf('0x%040x', 10000 + (t * 7 + c) % 3000) END,
       CAST(1e18 * (0.2 + c / 20.0) * exp(((k * 104729) % 1000) / 1000.0 - 0.5) * (1 + 0.1 * ((t * 31 + c) % 5)) * CASE WHEN t % 20 = 0 THEN 3 ELSE 1 END AS HUGEINT),
       NULL, CAST(1e15 AS HUGEINT), CAST(2e15 AS HUGEINT), '0x0000000000000000000000000000000000000000', false, false, 'seaport', '1.6', NULL
     FROM (SELECT k, k % ${COLLECTIONS} AS c, 1 + ((k // ${COLLECTIONS}) * 1919) % ${TOKENS} AS t FROM range(${SALES}) r(k))`,
  );
});
const refresh = await measure("model refresh (wash snapshot, floors, valuations)", async () => {
  const models = await import("../analytics/models/refresh.ts").catch(() => null);
  // The derived tables (wash snapshot, floors) make pages fast; report, not hide, a failing refresh.
  if (models) await models.refreshModels({ warehouse }).catch((e: Error) => console.log(`model refresh failed: ${e.message}`));
});

// What the synthetic market looks like after the wash rules: a realistic wash share, and floors and valuations
// that exist (a 100%-wash market would leave the pages empty and fast for the wrong reason).
const [shape] = await warehouse.all<{ sales: string; wash: string; floor_points: string; valued: string }>(
  `SELECT (SELECT count(*) FROM sales_clean) AS sales, (SELECT count(*) FILTER (WHERE is_wash) FROM sales_clean) AS wash,
     (SELECT count(*) FROM floor_points) AS floor_points, (SELECT count(*) FROM valuation_tokens) AS valued`,
);
const washSharePct = (100 * Number(shape.wash)) / Math.max(1, Number(shape.sales));
console.log(
  `synthetic market: ${washSharePct.toFixed(1)}% wash (${Number(shape.wash).toLocaleString("en-US")} of ${Number(shape.sales).toLocaleString("en-US")} sales), ` +
    `${Number(shape.floor_points).toLocaleString("en-US")} floor points, ${Number(shape.valued).toLocaleString("en-US")} valued tokens`,
);

const server = await startHttpServer({ port: 0, host: "127.0.0.1", warehouse: async () => warehouse });
const target = addr(7);
const run = (opts: autocannon.Options) => autocannon({ connections: 10, duration: 10, ...opts });

// Warm-up: the first request of each page fills the per-data-version cache.
await fetch(`${server.url}/collections/${target}`);
const warm = await run({ url: `${server.url}/collections/${target}` });
// One client at a time: the latency a person sees, without queueing behind other connections.
const single = await run({ url: `${server.url}/collections/${target}`, connections: 1 });
// Cold: a different `days` each request, so every request queries the warehouse for the ranged
// series (floors, volume, scatter) and renders; the collection's stats and rarity do not depend on
// `days` and stay cached per data version. One connection: the latency a person sees; two: queueing
// on the one DuckDB connection on top.
let day = 1;
const coldRequests = [
  { method: "GET" as const, setupRequest: (req: object) => ({ ...req, path: `/collections/${target}?days=${(day++ % 3000) + 1}` }) },
];
const cold1 = await run({ url: server.url, duration: 15, connections: 1, requests: coldRequests });
const cold = await run({ url: server.url, duration: 15, connections: 2, requests: coldRequests });
// First visit of each collection: nothing of the page is cached (stats and rarity too).
let nth = 0;
const firstVisit = await run({
  url: server.url,
  connections: 1,
  amount: COLLECTIONS - 8,
  requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: `/collections/${addr(8 + nth++)}` }) }],
});
const svgUrl = `${server.url}/embed/floors.svg?collection=${target}&theme=dark`;
const first = await fetch(svgUrl);
const etag = first.headers.get("etag") ?? "";
const svg = await run({ url: svgUrl });
const svg304 = await run({ url: svgUrl, headers: { "If-None-Match": etag } });

/** Gzipped bytes of the JS a first visit to `routeId` loads (entry, root, the route, their shared chunks). */
function firstVisitJsGzipKb(routeId: string): number {
  const buildDir = join(projectRoot, "public", "build");
  const manifestFile = readdirSync(buildDir).find((f) => /^manifest-.*\.js$/.test(f)) as string;
  const text = readFileSync(join(buildDir, manifestFile), "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as {
    entry: { module: string; imports?: string[] };
    routes: Record<string, { module: string; imports?: string[] }>;
  };
  const files = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
  for (const id of ["root", routeId]) for (const f of [manifest.routes[id].module, ...(manifest.routes[id].imports ?? [])]) files.add(f);
  let bytes = 0;
  for (const f of files) bytes += gzipSync(readFileSync(join(projectRoot, "public", f.replace(/^\//, "")))).length;
  return bytes / 1024;
}

const rss = () => process.resourceUsage().maxRSS / 1024;
/** One autocannon result as a table row: p50 as the time, p50/p99 and mean requests/s beside it. */
const latencyRow = (label: string, r: autocannon.Result): Measurement => ({
  label,
  ms: r.latency.p50,
  peakRssMb: rss(),
  extra: { "p50 ms": r.latency.p50, "p99 ms": r.latency.p99, "req/s": Math.round(r.requests.average) },
});
report(`dashboard over ${SALES.toLocaleString("en-US")} sales (${COLLECTIONS} collections), autocannon on loopback`, [
  load,
  refresh,
  latencyRow("collection page SSR, cached data (1 conn, 10 s)", single),
  latencyRow("collection page SSR, cached data (10 conn, 10 s)", warm),
  latencyRow("collection page SSR, first visit of a collection (1 conn)", firstVisit),
  latencyRow("collection page SSR, cold queries (1 conn, 15 s)", cold1),
  latencyRow("collection page SSR, cold queries (2 conn, 15 s)", cold),
  latencyRow("embed SVG, server-cached (10 conn, 10 s)", svg),
  latencyRow("embed SVG, If-None-Match → 304", svg304),
]);
report("gzipped JS a first visit loads (duckdb-wasm excluded; it loads only on /sql)", [
  { label: "overview /", ms: 0, peakRssMb: rss(), extra: { "KB gzip": firstVisitJsGzipKb("routes/_index").toFixed(1) } },
  { label: "collection page", ms: 0, peakRssMb: rss(), extra: { "KB gzip": firstVisitJsGzipKb("routes/collections.$address").toFixed(1) } },
  { label: "SQL console (without the .wasm)", ms: 0, peakRssMb: rss(), extra: { "KB gzip": firstVisitJsGzipKb("routes/sql").toFixed(1) } },
]);
await server.close();
warehouse.close();
rmSync(dir, { recursive: true, force: true });
