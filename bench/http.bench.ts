/** Index page: server-render latency over loopback (a baseline for the dashboard's page benchmarks). */
import autocannon from "autocannon";
import { ensureBuilt } from "../app/server/build.ts";
import { startHttpServer } from "../app/server/http.ts";
import { report } from "./lib/measure.ts";

ensureBuilt({ quiet: true });
const server = await startHttpServer({ port: 0, host: "127.0.0.1" });
const result = await autocannon({ url: server.url, connections: 10, duration: 5 });
report("index page SSR (autocannon, 10 connections, 5 s)", [
  {
    label: "GET /",
    ms: result.latency.p50,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    extra: { "p50 ms": result.latency.p50, "p99 ms": result.latency.p99, "req/s": Math.round(result.requests.average) },
  },
]);
await server.close();
