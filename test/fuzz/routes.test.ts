/**
 * Thousands of malformed requests to every route (bad addresses, huge and negative token ids,
 * reversed or absurd ranges, injection strings, unknown charts and rules, oversized values): every
 * answer is a 2xx/3xx or a 4xx whose body says what was wrong in a line, never a 5xx or a stack.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../../app/server/build.ts";
import { type FixtureServer, startFixtureServer } from "../e2e/fixture-server.ts";
import { COLLECTIONS } from "../e2e/fixture-warehouse.ts";

/** mulberry32: a fixed seed makes every run send the same requests. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE = [
  "",
  " ",
  "0",
  "-1",
  "1e309",
  "NaN",
  "Infinity",
  "0x",
  `0x${"g".repeat(40)}`,
  `0x${"a".repeat(39)}`,
  `0x${"a".repeat(41)}`,
  `0X${"A".repeat(40)}`,
  "' OR 1=1 --",
  "1; DROP TABLE sales; --",
  '"><script>alert(1)</script>',
  "<svg onload=alert(1)>",
  "../../etc/passwd",
  "%00",
  "%",
  "%zz",
  "\u202e\u0000",
  "🦄".repeat(50),
  "a".repeat(5000),
  (2n ** 256n).toString(),
  (2n ** 256n - 1n).toString(),
  "9".repeat(100),
  "0001",
  "0x10",
  "1.5",
  "2026-13-45",
  "9999-99-99",
  "$(reboot)",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell-style probe, meant literally
  "${jndi:ldap://x}",
  "[object Object]",
  "null",
  "undefined",
  "true",
  "light",
  "dark",
  "floors",
  "rule1_self_trade,bogus",
];
const GOOD_ADDRESS = COLLECTIONS[0].address;
const CHARTS = ["floors", "volume", "sales", "rarity", "waterfall", "basefee", "heatmap", "payback", "sensitivity", "backtest"];

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)];
}

function randomRequest(rnd: () => number): string {
  const bad = () => encodeURIComponent(pick(rnd, HOSTILE));
  const addr = () => (rnd() < 0.3 ? GOOD_ADDRESS : bad());
  const chart = () => (rnd() < 0.5 ? pick(rnd, CHARTS) : bad());
  const query = () => {
    const keys = [
      "days",
      "theme",
      "width",
      "height",
      "collection",
      "token",
      "rules",
      "from",
      "to",
      "coin",
      "machine",
      "kwh",
      "power",
      "hashrate",
      "growth",
      "url",
      "maxwidth",
      "format",
      "_data",
    ];
    const n = Math.floor(rnd() * 4);
    return Array.from({ length: n }, () => `${pick(rnd, keys)}=${rnd() < 0.2 ? GOOD_ADDRESS : bad()}`).join("&");
  };
  const templates = [
    () => `/collections/${addr()}`,
    () => `/collections/${addr()}/${bad()}`,
    () => `/collections/${GOOD_ADDRESS}/${bad()}`,
    () => `/embed/${chart()}`,
    () => `/embed/${chart()}.svg`,
    () => `/embed/${chart()}.png`,
    () => `/export/${chart()}.csv`,
    () => `/export/${chart()}.parquet`,
    () => `/oembed`,
    () => `/api/arrow/${bad()}`,
    () => `/art/${addr()}/${bad()}`,
    () => `/gas`,
    () => `/mining`,
    () => `/api/mining/profitability`,
    () => `/sql`,
    () => `/`,
    () => `/api/head`,
    () => `/${bad()}`,
  ];
  const path = pick(rnd, templates)();
  const q = query();
  return q ? `${path}?${q}` : path;
}

describe("fuzzing every route with malformed parameters", () => {
  let server: FixtureServer;
  beforeAll(async () => {
    ensureBuilt({ quiet: true });
    server = await startFixtureServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("answers 2,000 malformed requests without a 5xx or a stack trace", { timeout: 300_000 }, async () => {
    const rnd = prng(20261124);
    const failures: string[] = [];
    let clientErrors = 0;
    const timings: [number, string][] = [];
    const paths = Array.from({ length: 2000 }, () => randomRequest(rnd));
    // Four at a time: enough to interleave requests, gentle on a shared 2-core machine.
    for (let i = 0; i < paths.length; i += 4) {
      await Promise.all(
        paths.slice(i, i + 4).map(async (path) => {
          const t0 = performance.now();
          const res = await fetch(`${server.url}${path}`, { redirect: "manual" });
          const body = await res.text();
          timings.push([performance.now() - t0, `${res.status} ${path.slice(0, 120)}`]);
          if (res.status >= 500) failures.push(`${res.status} ${path}: ${body.slice(0, 200)}`);
          else if (res.status >= 400) {
            clientErrors++;
            const text = body.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ");
            if (/\bat [\w.<>]+ \(|\.tsx?:\d+|node_modules/.test(text)) failures.push(`${res.status} ${path}: stack trace in body`);
            if (!/[a-z]{3,}/i.test(text)) failures.push(`${res.status} ${path}: no readable message`);
          }
        }),
      );
    }
    if (process.env.HASHFLOOR_FUZZ_TIMINGS) console.log(timings.sort((a, b) => b[0] - a[0]).slice(0, 15));
    expect(failures).toEqual([]);
    expect(clientErrors).toBeGreaterThan(1000);
  });

  it("names the bad parameter and gives an example", async () => {
    const cases: [string, RegExp][] = [
      ["/collections/0x123", /Bad parameter address: must be a 0x address of 40 hex digits, e\.g\. 0x/],
      [`/collections/${GOOD_ADDRESS}/${"9".repeat(100)}`, /Bad parameter tokenId/],
      [`/collections/${GOOD_ADDRESS}?days=0`, /Bad parameter days: must be from 1 to 3650, e\.g\. days=90/],
      [`/embed/nope.svg`, /Bad parameter chart: must be one of floors/],
      [`/embed/sales.svg?collection=${GOOD_ADDRESS}&rules=rule1_self_trade,bogus`, /Bad parameter rules: unknown rule "bogus"/],
      [`/embed/floors.svg`, /Bad parameter collection: the floors chart needs one/],
      [`/embed/waterfall.svg?collection=${GOOD_ADDRESS}`, /Bad parameter token: the waterfall chart needs one/],
      [`/embed/waterfall.svg?collection=${GOOD_ADDRESS}&token=-1`, /Bad parameter token: must be a whole number/],
      [`/embed/basefee.svg?theme=neon`, /Bad parameter theme: must be light, dark or auto/],
      [`/oembed?url=${encodeURIComponent("http://evil.example/embed/floors")}`, /not an embeddable chart on this site/],
    ];
    for (const [path, message] of cases) {
      const res = await fetch(`${server.url}${path}`);
      expect([400, 404], path).toContain(res.status);
      expect((await res.text()).replace(/&quot;/g, '"'), path).toMatch(message);
    }
  });
});
