import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartedServer, startHttpServer } from "../../app/server/http.ts";
import { type Browser, launchBrowser } from "./browser.ts";

describe("index page in Chromium", () => {
  let server: StartedServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startHttpServer({ port: 0, host: "127.0.0.1" });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the heading, says honestly whether data is loaded, and logs no console error", async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
    page.on("pageerror", (err) => errors.push(err.message));
    const response = await page.goto(server.url, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Hashfloor");
    // Either the warehouse exists (the collections table) or the page says plainly that it does not.
    await expect(page.locator('.status-empty, [data-testid="collections"], .error').first().textContent()).resolves.toMatch(
      /No data is loaded yet|Collection|warehouse/,
    );
    expect(errors).toEqual([]);
  });

  it("answers an unknown address with a 404 page inside the layout", async () => {
    const page = await browser.context.newPage();
    const response = await page.goto(`${server.url}/no/such/page`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("404");
  });
});
