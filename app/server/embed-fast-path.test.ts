/**
 * Cached embed images answered by Express before Remix (app/data/embed-cache.server.ts): the same
 * bytes and headers as the route's answer, 304 on a matching ETag, and never a stale image once
 * the warehouse has new data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, startFixtureServer } from "../../test/e2e/fixture-server.ts";
import { COLLECTIONS } from "../../test/e2e/fixture-warehouse.ts";
import { ensureBuilt } from "./build.ts";

const address = COLLECTIONS[1].address;

describe("cached embed fast path", () => {
  let server: FixtureServer;
  beforeAll(async () => {
    ensureBuilt({ quiet: true });
    server = await startFixtureServer();
  });
  afterAll(() => server?.close());

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const r = await fetch(`${server.url}${path}`, { headers });
    return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) };
  };

  it("serves the remembered image, in any parameter order, with the route's ETag and a 304 when it matches", async () => {
    const first = await get(`/embed/volume.svg?collection=${address}&theme=dark&days=3650`);
    expect(first.status).toBe(200);
    // Through Remix the route's CSP arrives beside the site-wide one; the fast path sends the route's.
    expect(first.headers.get("content-security-policy")).toContain("default-src 'none'");
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get(`/embed/volume.svg?days=3650&theme=dark&collection=${address}`);
    expect(again.status).toBe(200);
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(again.headers.get("content-security-policy")).toBe("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *");
    expect(again.headers.get("x-content-type-options")).toBe("nosniff");
    expect(again.body.equals(first.body)).toBe(true);
    const notModified = await get(`/embed/volume.svg?collection=${address}&theme=dark&days=3650`, { "If-None-Match": etag });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("etag")).toBe(etag);

    const png = await get(`/embed/volume.png?collection=${address}&width=320`);
    const pngAgain = await get(`/embed/volume.png?collection=${address}&width=320`);
    expect(pngAgain.headers.get("content-type")).toBe("image/png");
    expect(pngAgain.body.equals(png.body)).toBe(true);
  });

  it("bad input still gets the route's readable 400, never a remembered image", async () => {
    const bad = await get(`/embed/volume.svg?collection=${address}&theme=neon`);
    expect(bad.status).toBe(400);
    expect(bad.body.toString()).toMatch(/Bad parameter theme/);
  });

  it("a new sale changes the data version: the next request is rendered afresh with a new ETag", async () => {
    const path = `/embed/sales.svg?collection=${address}&days=3650`;
    const before = await get(path);
    expect((await get(path)).headers.get("etag")).toBe(before.headers.get("etag"));
    await server.warehouse.run(
      `INSERT INTO sales VALUES ('fast-path-1', 'subgraph', 4100, TIMESTAMP '2026-03-16 00:10:00', '0xfastpath1', 1, 0, $a, '5', '0x${"e".repeat(40)}',
         '0x${"f".repeat(40)}', 900000000000000000, NULL, 0, 0, '0x0000000000000000000000000000000000000000', false, false, 'seaport', '1.6', NULL)`,
      { a: address },
    );
    // The data version is re-read at most every 500 ms.
    await new Promise((r) => setTimeout(r, 600));
    const after = await get(path);
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
    expect(after.body.equals(before.body)).toBe(false);
    expect((await get(path)).body.equals(after.body)).toBe(true);
  });
});
