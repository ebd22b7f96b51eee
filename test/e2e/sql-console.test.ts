/**
 * The SQL console: duckdb-wasm loads only on /sql (never on other pages), over Arrow extracts of
 * the warehouse views, and a query returns the rows the native warehouse returns.
 */
import type { Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launchBrowser } from "./browser.ts";
import { type FixtureServer, startFixtureServer } from "./fixture-server.ts";

describe("SQL console in Chromium", () => {
  let server: FixtureServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startFixtureServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("other pages never request duckdb-wasm", async () => {
    const page = await browser.context.newPage();
    const requested: string[] = [];
    page.on("request", (r: Request) => requested.push(r.url()));
    for (const path of ["/", "/gas", "/collections/0x1000000000000000000000000000000000000001"]) {
      await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
    }
    expect(requested.filter((u) => /duckdb|\/api\/arrow\//.test(u))).toEqual([]);
  });

  it("runs a query in the browser and shows the same rows as the warehouse", async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}/sql`, { waitUntil: "domcontentloaded" });
    await expect.poll(() => page.getByTestId("sql-status").textContent(), { timeout: 90_000, interval: 500 }).toMatch(/^Ready|failed/);
    await expect(page.getByTestId("sql-status").textContent()).resolves.toMatch(/^Ready/);
    await page
      .getByLabel("SQL query")
      .fill("SELECT contract_address, count(*) AS n FROM sales_clean WHERE is_wash GROUP BY ALL ORDER BY contract_address");
    await page.getByRole("button", { name: "Run query" }).click();
    const table = page.getByTestId("sql-results");
    await table.waitFor({ timeout: 20_000 });
    const shown = await table.locator("tbody tr").allTextContents();
    const expected = await server.warehouse.all<{ a: string; n: string }>(
      "SELECT contract_address AS a, CAST(count(*) AS VARCHAR) AS n FROM sales_clean WHERE is_wash GROUP BY ALL ORDER BY a",
    );
    expect(shown).toEqual(expected.map((r) => `${r.a}${r.n}`));
    const wasm = await fetch(`${server.url}/duckdb/duckdb-eh.wasm`, { headers: { "Accept-Encoding": "gzip" } });
    expect(wasm.headers.get("content-encoding")).toBe("gzip");
    expect(errors).toEqual([]);
  });
});
