// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright locators, not DOM nodes: innerText is what a person sees
/**
 * Every page in Chromium over the fixture warehouse: what a person sees (numbers that match the
 * warehouse, charts drawn, tooltips, the wash toggle, zoom, live refresh), screenshots, and no
 * console errors or dialogs (a dialog would mean hostile metadata ran).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launchBrowser } from "./browser.ts";
import { type FixtureServer, startFixtureServer } from "./fixture-server.ts";
import { COLLECTIONS } from "./fixture-warehouse.ts";

const SCREENSHOT_DIR = join(import.meta.dirname, "..", "..", "data", "screenshots");
const LOOP = COLLECTIONS[0].address;
const EVIL = COLLECTIONS[2].address;

describe("dashboard pages in Chromium", () => {
  let server: FixtureServer;
  let browser: Browser;
  const problems: string[] = [];

  async function open(path: string, { width = 1200, theme }: { width?: number; theme?: "light" | "dark" } = {}): Promise<Page> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: 900 });
    if (theme) await page.emulateMedia({ colorScheme: theme });
    page.on("console", (m) => m.type() === "error" && problems.push(`${path}: console error: ${m.text()}`));
    page.on("pageerror", (e) => problems.push(`${path}: page error: ${e.message}`));
    page.on("dialog", (d) => {
      problems.push(`${path}: a dialog opened (${d.message()}): hostile script ran`);
      void d.dismiss();
    });
    const res = await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
    expect(res?.status(), path).toBe(200);
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await startFixtureServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("overview: collections ranked with the warehouse's numbers, gas tiers, sparklines", async () => {
    const page = await open("/");
    const rows = page.locator('[data-testid="collections"] tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    const [sql] = await server.warehouse.all<{ n: number }>(
      "SELECT CAST(count(*) AS INTEGER) AS n FROM sales WHERE contract_address = $a AND block_time >= (SELECT max(block_time) FROM sales) - INTERVAL 30 DAY",
      { a: LOOP },
    );
    const firstRow = await rows.nth(0).innerText();
    expect(firstRow).toContain("Chromatic Loops");
    expect(firstRow).toContain(String(sql.n));
    await expect(page.locator(".sparkline path").count()).resolves.toBe(3);
    await expect(page.getByTestId("gas-tiers").innerText()).resolves.toMatch(/standard: tip [\d.]+ gwei/);
    await shot(page, "overview");
  });

  it("collection: stats match SQL, charts drawn, tooltip on hover, wash toggle changes the scatter", async () => {
    const page = await open(`/collections/${LOOP}`);
    const [sql] = await server.warehouse.all<{ n: number; wash: number }>(
      "SELECT CAST(count(*) AS INTEGER) AS n, CAST(count(*) FILTER (WHERE is_wash) AS INTEGER) AS wash FROM sales_clean WHERE contract_address = $a",
      { a: LOOP },
    );
    await expect(page.getByTestId("sales").innerText()).resolves.toContain(String(sql.n));
    await expect(page.getByTestId("wash-sales").innerText()).resolves.toContain(String(sql.wash));
    expect(await page.locator('[data-chart="floors"] path.series').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[data-chart="volume"] .bar').count()).toBeGreaterThan(5);
    const scatter = page.locator('[data-chart="sales"] svg');
    const before = Number(await scatter.getAttribute("data-wash-count"));
    expect(before).toBe(sql.wash);
    // Hover the chart: a tooltip names a sale and says whether it is wash.
    const surface = page.locator('[data-chart="sales"] .chart-surface');
    await surface.scrollIntoViewIfNeeded();
    const box = await surface.boundingBox();
    if (!box) throw new Error("scatter has no box");
    await surface.hover({ position: { x: box.width * 0.5, y: box.height * 0.5 } });
    await expect(page.locator('[data-chart="sales"] .chart-tooltip').innerText({ timeout: 5000 })).resolves.toMatch(/#\d+ · [\d.]+ ETH/);
    // Keep only the self-trade rule: exactly the planted self-trades stay marked.
    const rules = page.locator('fieldset[aria-label="Wash rules"] input');
    for (const box of await rules.all()) await box.uncheck();
    await expect(scatter.getAttribute("data-wash-count")).resolves.toBe("0");
    await page.getByLabel("self-trade").check();
    const [self] = await server.warehouse.all<{ n: number }>(
      "SELECT CAST(count(*) AS INTEGER) AS n FROM sales_clean WHERE contract_address = $a AND rule1_self_trade",
      { a: LOOP },
    );
    const after = Number(await scatter.getAttribute("data-wash-count"));
    expect(after).toBe(self.n);
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    for (const box of await rules.all()) await box.check();
    await shot(page, "collection");
  });

  it("collection: keyboard focus moves a tooltip; copy embed code shows an iframe snippet", async () => {
    const page = await open(`/collections/${LOOP}`);
    const floors = page.locator('[data-chart="floors"]');
    await floors.focus();
    await page.keyboard.press("End");
    await expect(floors.locator(".chart-tooltip").innerText()).resolves.toMatch(/UTC/);
    await page.locator(".chart-card").first().getByRole("button", { name: "Copy embed code" }).click();
    await expect(page.locator(".embed-code").first().inputValue()).resolves.toMatch(
      /<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/floors\?collection=/,
    );
  });

  it("piece: traits, provenance with gas, rank; hostile metadata shown as text, artwork as a sanitised <img>", async () => {
    const page = await open(`/collections/${LOOP}/7`);
    expect(await page.locator('[data-testid="traits"] tbody tr').count()).toBe(2);
    const [sales] = await server.warehouse.all<{ n: number }>(
      "SELECT CAST(count(*) AS INTEGER) AS n FROM sales WHERE contract_address = $a AND token_id = '7'",
      { a: LOOP },
    );
    const provenance = await page.locator('[data-testid="provenance"] tbody tr').allInnerTexts();
    expect(provenance.filter((r) => r.startsWith("sale")).length).toBe(sales.n);
    expect(provenance[0]).toMatch(/^mint/);
    await expect(page.getByTestId("rank").innerText()).resolves.toMatch(/\d+ of 60/);
    // The hedonic valuation with its interval and the floor → base → trait-premium waterfall.
    await expect(page.getByTestId("valuation").innerText()).resolves.toMatch(/[\d.]+ ETH/);
    expect(await page.locator('[data-testid="waterfall"] tr').count()).toBeGreaterThanOrEqual(3);
    // …also drawn as a chart, with the share controls every chart has.
    const steps = await page.locator('[data-testid="waterfall"] tr').count();
    expect(await page.locator('[data-chart="waterfall"] .step').count()).toBe(steps);
    await expect(page.locator("#h-waterfall").locator("..").getByRole("link", { name: "CSV" }).getAttribute("href")).resolves.toBe(
      `/export/waterfall.csv?collection=${LOOP}&token=7`,
    );
    await shot(page, "piece");

    const evil = await open(`/collections/${EVIL}/1`);
    await expect(evil.getByTestId("piece-name").innerText()).resolves.toBe('<script>alert("name")</script>');
    const src = await evil.locator(".artwork img").getAttribute("src");
    expect(src).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(String(src).split(",")[1], "base64").toString()).not.toMatch(/onload|<script/i);
    expect(await evil.locator("script:not([src])").evaluateAll((els) => els.filter((e) => e.textContent?.includes("alert(")).length)).toBe(
      0,
    );
    const js = await open(`/collections/${EVIL}/2`);
    await expect(js.locator(".artwork-missing").innerText()).resolves.toContain("not allowed");
    await shot(evil, "piece-hostile");
  });

  it("gas: fees and costs shown, heatmap drawn, drag zooms the base-fee chart", async () => {
    const page = await open("/gas", { theme: "dark" });
    await expect(page.getByTestId("next-base-fee").innerText()).resolves.toMatch(/[\d.]+ gwei/);
    await expect(page.getByTestId("mint-cost").innerText()).resolves.toMatch(/ETH.*\$/s);
    expect(await page.locator('[data-chart="heatmap"] rect.cell').count()).toBe(168);
    // MetaMask's three tiers and viem's rule, each labelled.
    await expect(page.getByTestId("fee-tiers").innerText()).resolves.toMatch(
      /slow[\s\S]*standard[\s\S]*fast[\s\S]*viem estimateFeesPerGas/,
    );
    const surface = page.locator('[data-chart="basefee"] .chart-surface');
    await surface.scrollIntoViewIfNeeded();
    const box = await surface.boundingBox();
    if (!box) throw new Error("base-fee chart has no box");
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect(page.getByRole("button", { name: "Reset zoom" }).isVisible()).resolves.toBe(true);
    await shot(page, "gas-dark");
  });

  it("mining: today's economics, payback curve and grid from the mining model; bad input is a readable 400", async () => {
    const page = await open("/mining?coin=btc&machine=Antminer+S21&kwh=0.05&hardware-cost=3500");
    await expect(page.getByTestId("profit").innerText()).resolves.toMatch(/\$\d/);
    await expect(page.getByTestId("network-label").innerText()).resolves.toMatch(/\S/);
    expect(await page.locator('[data-chart="payback"] path.series').count()).toBe(2);
    expect(await page.locator('[data-chart="sensitivity"] rect.cell').count()).toBeGreaterThan(4);
    // The fixture loads two years of BTC history: the backtest card reads it.
    await expect(page.getByTestId("backtest").innerText()).resolves.toMatch(/Bought on 2023-12-31[\s\S]*(paid back|had not paid back)/);
    expect(await page.locator('[data-chart="backtest"] path.series').count()).toBe(1);
    await page.locator("#h-backtest").locator("..").getByRole("button", { name: "Copy embed code" }).click();
    await expect(page.locator(".embed-code").first().inputValue()).resolves.toMatch(
      /<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/backtest\?coin=btc/,
    );
    await shot(page, "mining");
    const bad = await fetch(`${server.url}/mining?coin=btc&power=-5&hashrate=200TH`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/Bad parameter power/);
  });

  it("embed: chart-only page frameable anywhere; pages only by this origin; SVG and PNG variants", async () => {
    const page = await open(`/embed/volume?collection=${LOOP}&theme=dark&width=600&height=300`);
    expect(await page.locator(".site-header").count()).toBe(0);
    expect(await page.locator('[data-chart="volume"] .bar').count()).toBeGreaterThan(5);
    await shot(page, "embed-volume-dark");
    const embed = await fetch(`${server.url}/embed/volume?collection=${LOOP}`);
    expect(embed.headers.get("content-security-policy")).toContain("frame-ancestors *");
    const home = await fetch(`${server.url}/`);
    expect(home.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
    expect(home.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    const png = await fetch(`${server.url}/embed/floors.png?collection=${LOOP}`);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
  });

  it("theme toggle switches the page theme and remembers it", async () => {
    const page = await open("/");
    const html = page.locator("html");
    await page.getByRole("button", { name: /Colour theme/ }).click();
    await expect(html.getAttribute("data-theme")).resolves.toBe("light");
    await page.getByRole("button", { name: /Colour theme/ }).click();
    await expect(html.getAttribute("data-theme")).resolves.toBe("dark");
    await page.reload({ waitUntil: "networkidle" });
    await expect(html.getAttribute("data-theme")).resolves.toBe("dark");
  });

  it("live: a new sale in the warehouse shows up without a reload", async () => {
    const page = await open(`/collections/${COLLECTIONS[1].address}`);
    const before = Number(
      await page
        .getByTestId("sales")
        .innerText()
        .then((t) => t.replace(/\D+/g, "")),
    );
    await server.warehouse.run(
      `INSERT INTO blocks VALUES (5000, '0xlive', TIMESTAMP '2026-03-16 00:05:00', 15000000, 30000000, 9000000000, 1);
       INSERT INTO sales VALUES ('live-1', 'subgraph', 5000, TIMESTAMP '2026-03-16 00:05:00', '0xlive1', 1, 0, $a, '3', '0x${"e".repeat(40)}',
         '0x${"f".repeat(40)}', 400000000000000000, NULL, 0, 0, '0x0000000000000000000000000000000000000000', false, false, 'seaport', '1.6', NULL)`,
      { a: COLLECTIONS[1].address },
    );
    await expect
      .poll(async () => Number((await page.getByTestId("sales").innerText()).replace(/\D+/g, "")), { timeout: 20_000, interval: 500 })
      .toBe(before + 1);
  });

  it("logged no console errors and opened no dialogs on any page", () => {
    expect(problems).toEqual([]);
  });
});
