import { delay, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openWarehouse } from "../db.ts";
import { writeRows } from "../sync/write.ts";
import { gatewayUrl } from "./fetch.ts";
import { readTokenMetadata, syncMetadata } from "./index.ts";
import { chooseImage, sanitizeSvg } from "./sanitize.ts";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const options = { ipfsGateway: "http://gateway.test/ipfs/", timeoutMs: 1000, maxBytes: 10_000, allowHttp: true };
const doc = {
  name: "Piece #1",
  image: "ipfs://QmImage/1.png",
  attributes: [{ trait_type: "Eyes", value: "Laser" }, { trait_type: "Level", value: 3 }, { value: "no type" }],
};

describe("sanitizeSvg / chooseImage", () => {
  it("strips scripts, handlers and javascript: links; refuses what stays active", () => {
    const clean = sanitizeSvg(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)"><rect width="1"/></a></svg>',
    );
    expect(clean).toBe('<svg xmlns="http://www.w3.org/2000/svg"><a><rect width="1"/></a></svg>');
    expect(sanitizeSvg('<svg><foreignObject><body onload="x()"/></foreignObject><circle r="1"/></svg>')).toBe('<svg><circle r="1"/></svg>');
    expect(sanitizeSvg("<html><script>x</script></html>")).toBeNull();
    expect(sanitizeSvg("<svg><scr<script></script>ipt>alert(1)</script></svg>")).toBeNull();
  });
  it("keeps raster data URIs and http/ipfs URLs, re-encodes clean SVG, drops html and javascript:", () => {
    expect(chooseImage({ image: "data:image/png;base64,iVBORw0KGgo=", maxBytes: 1000 }).imageDataUri).toBe(
      "data:image/png;base64,iVBORw0KGgo=",
    );
    const svg = chooseImage({
      image: `data:image/svg+xml;utf8,${encodeURIComponent("<svg><script>x</script><rect/></svg>")}`,
      maxBytes: 1000,
    });
    expect(Buffer.from(svg.imageDataUri!.split(",")[1], "base64").toString()).toBe("<svg><rect/></svg>");
    expect(chooseImage({ image: "data:text/html,<script>x</script>", maxBytes: 1000 })).toMatchObject({
      imageDataUri: null,
      imageUrl: null,
    });
    expect(chooseImage({ image: "javascript:alert(1)", maxBytes: 1000 })).toMatchObject({
      imageUrl: null,
      dropped: "image URL scheme not allowed",
    });
    expect(chooseImage({ image: "ipfs://Qm/1.png", maxBytes: 1000 }).imageUrl).toBe("ipfs://Qm/1.png");
  });
  it("maps ipfs:// to the gateway", () => {
    expect(gatewayUrl("ipfs://ipfs/QmA/1.json", "https://g.example/ipfs")).toBe("https://g.example/ipfs/QmA/1.json");
  });
});

describe("readTokenMetadata", () => {
  it("decodes base64 and percent-encoded data: URIs", async () => {
    const b64 = await readTokenMetadata(`data:application/json;base64,${Buffer.from(JSON.stringify(doc)).toString("base64")}`, options);
    expect(b64).toMatchObject({ name: "Piece #1", imageUrl: "ipfs://QmImage/1.png", error: null });
    expect(b64.attributes).toEqual([
      { traitType: "Eyes", value: "Laser" },
      { traitType: "Level", value: "3" },
    ]);
    const pct = await readTokenMetadata(`data:application/json,${encodeURIComponent(JSON.stringify(doc))}`, options);
    expect(pct.name).toBe("Piece #1");
    const raw = await readTokenMetadata('data:application/json,{"name":"100% on-chain"}', options);
    expect(raw.name).toBe("100% on-chain");
  });

  it("fetches ipfs through the gateway and enforces time and size limits", async () => {
    server.use(
      http.get("http://gateway.test/ipfs/QmMeta/1", () => HttpResponse.json(doc)),
      http.get("http://gateway.test/ipfs/QmSlow/1", async () => {
        await delay(4000);
        return HttpResponse.json(doc);
      }),
      http.get("http://gateway.test/ipfs/QmBig/1", () => HttpResponse.text(`{"name":"${"x".repeat(20_000)}"}`)),
      http.get("http://meta.test/404", () => new HttpResponse(null, { status: 404 })),
    );
    expect((await readTokenMetadata("ipfs://QmMeta/1", options)).name).toBe("Piece #1");
    expect((await readTokenMetadata("ipfs://QmSlow/1", options)).error).toBe("timed out after 1000 ms");
    expect((await readTokenMetadata("ipfs://QmBig/1", options)).error).toBe("metadata larger than 10000 bytes");
    expect((await readTokenMetadata("http://meta.test/404", options)).error).toBe("HTTP 404 from meta.test");
    expect((await readTokenMetadata("file:///etc/passwd", options)).error).toMatch(/scheme not supported/);
  });

  it("refuses loopback, private and cloud-metadata hosts, also behind a redirect", async () => {
    server.use(
      http.get(
        "http://meta.test/hop",
        () => new HttpResponse(null, { status: 302, headers: { location: "http://169.254.169.254/latest/meta-data" } }),
      ),
    );
    expect((await readTokenMetadata("http://127.0.0.1:8545/x", options)).error).toBe("private or loopback host 127.0.0.1 refused");
    expect((await readTokenMetadata("http://[::1]/x", options)).error).toMatch(/private or loopback host/);
    expect((await readTokenMetadata("http://192.168.1.1/x", options)).error).toMatch(/private or loopback host/);
    expect((await readTokenMetadata("http://meta.test/hop", options)).error).toBe("private or loopback host 169.254.169.254 refused");
    // The operator's gateway is trusted even when local.
    server.use(http.get("http://127.0.0.1:5001/ipfs/QmLocal/1", () => HttpResponse.json(doc)));
    expect((await readTokenMetadata("ipfs://QmLocal/1", { ...options, ipfsGateway: "http://127.0.0.1:5001/ipfs/" })).name).toBe("Piece #1");
  });
});

describe("syncMetadata", () => {
  it("stores metadata and traits once per token, with the error for unreadable ones", async () => {
    const w = await openWarehouse({ path: ":memory:" });
    const token = (id: string, uri: string | null) => ({
      contract_address: "0xc0",
      token_id: id,
      owner: null,
      token_uri: uri,
      mint_tx_hash: null,
    });
    await writeRows(w, "tokens", [
      token("1", `data:application/json,${encodeURIComponent(JSON.stringify(doc))}`),
      token("2", "data:application/json,not json"),
      token("3", null),
    ]);
    expect(await syncMetadata({ warehouse: w, ...options })).toEqual({ fetched: 1, failed: 1 });
    expect(await w.all("SELECT token_id, name, image_url, error FROM token_metadata ORDER BY token_id")).toEqual([
      { token_id: "1", name: "Piece #1", image_url: "ipfs://QmImage/1.png", error: null },
      { token_id: "2", name: null, image_url: null, error: "metadata is not JSON" },
    ]);
    expect(await w.all("SELECT trait_type, trait_value FROM token_attributes ORDER BY 1")).toEqual([
      { trait_type: "Eyes", trait_value: "Laser" },
      { trait_type: "Level", trait_value: "3" },
    ]);
    expect(await syncMetadata({ warehouse: w, ...options })).toEqual({ fetched: 0, failed: 0 });
    w.close();
  });
});
