import { describe, expect, it } from "vitest";
import { safeImageSrc, sanitizeSvg, sniffImageType } from "./artwork.ts";

const evil =
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><a xlink:href="javascript:alert(3)"><rect ONCLICK=\'x()\' width="1"/></a><foreignObject><iframe src="x"/></foreignObject><image href="https://evil/x.png"/><use href="#a"/></svg>';

describe("artwork sanitising", () => {
  it("strips scripts, handlers, foreignObject and external references from SVG", () => {
    const clean = sanitizeSvg(evil);
    expect(clean).not.toMatch(/script|onload|onclick|javascript|foreignObject|iframe|https:/i);
    expect(clean).toContain('<use href="#a"/>');
    expect(clean).toContain("<rect");
  });

  it("turns an SVG data URI into a re-encoded, sanitised base64 data URI", () => {
    const r = safeImageSrc({ dataUri: `data:image/svg+xml;utf8,${encodeURIComponent(evil)}`, url: null, address: "0xa", tokenId: "1" });
    expect(r.src).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(r.src!.split(",")[1], "base64").toString()).not.toMatch(/onload|script/i);
  });

  it("refuses HTML data URIs and javascript: URLs; proxies http(s)", () => {
    expect(safeImageSrc({ dataUri: "data:text/html,<script>1</script>", url: null, address: "0xa", tokenId: "1" }).src).toBeNull();
    expect(safeImageSrc({ dataUri: null, url: "javascript:alert(1)", address: "0xa", tokenId: "1" }).src).toBeNull();
    expect(safeImageSrc({ dataUri: null, url: "https://x/y.png", address: "0xa", tokenId: "9" }).src).toBe("/art/0xa/9");
  });

  it("sniffs image types from bytes", () => {
    expect(sniffImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(sniffImageType(new TextEncoder().encode("<svg xmlns='x'/>"))).toBe("image/svg+xml");
    expect(sniffImageType(new TextEncoder().encode("<html><script>"))).toBeNull();
  });
});
