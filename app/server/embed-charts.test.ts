/**
 * The piece page's valuation waterfall and the mining backtest as embeds like every other chart:
 * the chart-only page, .svg and .png, CSV/Parquet exports of the same rows, and oEmbed; the rows
 * agree with the warehouse (valuation_waterfall) and the backtest on the page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, startFixtureServer } from "../../test/e2e/fixture-server.ts";
import { COLLECTIONS } from "../../test/e2e/fixture-warehouse.ts";
import { ensureBuilt } from "./build.ts";

const LOOP = COLLECTIONS[0].address;
const MINING = "coin=btc&machine=Antminer+S21&kwh=0.05&hardware-cost=3500";

describe("waterfall and backtest embeds", () => {
  let server: FixtureServer;
  beforeAll(async () => {
    ensureBuilt({ quiet: true });
    server = await startFixtureServer();
  });
  afterAll(() => server?.close());

  const get = (path: string) => fetch(`${server.url}${path}`);
  const csvRows = async (path: string) => {
    const res = await get(path);
    expect(res.status, path).toBe(200);
    const [header, ...lines] = (await res.text()).trimEnd().split("\n");
    return { res, header: header.split(","), lines };
  };

  it("waterfall: one bar per valuation step in the SVG, the same steps in CSV, a PNG, the chart-only page", async () => {
    const [{ n }] = await server.warehouse.all<{ n: number }>(
      "SELECT CAST(count(*) AS INTEGER) AS n FROM valuation_waterfall WHERE contract_address = $a AND token_id = '7'",
      { a: LOOP },
    );
    expect(n).toBeGreaterThanOrEqual(3);
    const svg = await get(`/embed/waterfall.svg?collection=${LOOP}&token=7&theme=dark`);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(svg.headers.get("etag")).toBeTruthy();
    const text = await svg.text();
    expect(text).toContain("Chromatic Loops #7: valuation, floor → trait premiums (ETH)");
    expect(text.match(/<g class="step"/g)).toHaveLength(n);

    const csv = await csvRows(`/export/waterfall.csv?collection=${LOOP}&token=7`);
    expect(csv.res.headers.get("content-disposition")).toContain(`hashfloor-waterfall-${LOOP}-7-`);
    expect(csv.header).toEqual(["step", "label", "valueBeforeEth", "valueAfterEth", "deltaEth"]);
    expect(csv.lines).toHaveLength(n);
    expect(csv.lines[0]).toMatch(/^floor,calibrated floor,0,/);

    const parquet = await get(`/export/waterfall.parquet?collection=${LOOP}&token=7`);
    expect(
      Buffer.from(await parquet.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe("PAR1");
    const png = await get(`/embed/waterfall.png?collection=${LOOP}&token=7`);
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    const page = await get(`/embed/waterfall?collection=${LOOP}&token=7`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors *");
    expect(await page.text()).toContain('data-chart="waterfall"');
  });

  it("waterfall: the token is required; a token without a fitted valuation is an empty chart, not an error", async () => {
    const missing = await get(`/embed/waterfall.svg?collection=${LOOP}`);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(/^Bad parameter token: the waterfall chart needs one, e\.g\./);
    const none = await csvRows(`/export/waterfall.csv?collection=${LOOP}&token=999999`);
    expect(none.lines).toEqual([]);
  });

  it("backtest: the page's backtest days as a line chart, CSV rows per day, oEmbed with the iframe", async () => {
    const svg = await (await get(`/embed/backtest.svg?${MINING}`)).text();
    expect(svg).toContain("Mining backtest on loaded history");
    expect(svg.match(/class="series/g)?.length).toBe(1);
    const csv = await csvRows(`/export/backtest.csv?${MINING}`);
    expect(csv.header).toEqual(["day", "profitUsd", "netPositionUsd"]);
    // The fixture's history ends 2024-12-30; the machine is bought a year before: 2023-12-31 … 2024-12-30.
    expect(csv.lines).toHaveLength(366);
    expect(csv.lines[0]).toMatch(/^2023-12-31,/);
    const net = csv.lines.map((l) => Number(l.split(",")[2]));
    expect(net[0]).toBeLessThan(0);
    expect(net.every(Number.isFinite)).toBe(true);

    const oembed = await get(`/oembed?url=${encodeURIComponent(`${server.url}/embed/backtest?${MINING}`)}&maxwidth=480`);
    expect(oembed.status).toBe(200);
    const body = (await oembed.json()) as { html: string; thumbnail_url: string; width: number };
    expect(body.width).toBe(480);
    expect(body.html).toMatch(/<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/backtest\?coin=btc/);
    expect(body.thumbnail_url).toContain("/embed/backtest.png?");
  });
});
