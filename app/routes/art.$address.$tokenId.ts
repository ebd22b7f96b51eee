/**
 * `/art/:address/:tokenId`: the token's http(s) image, proxied so the page loads only same-origin
 * images. Untrusted bytes: 5 s timeout, 2 MB cap, type sniffed from the bytes (never the upstream
 * header), SVG sanitised, and a CSP that lets nothing in the response run.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getWarehouse } from "~/data/warehouse.server";
import { sanitizeSvg, sniffImageType } from "~/lib/artwork";
import { addressParam, parseOr400, tokenIdParam } from "~/lib/params";

const MAX_BYTES = 2 * 1024 * 1024;
const TIMEOUT_MS = 5000;
const text = (msg: string, status: number) => new Response(msg, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** Refuses loopback, private and link-local hosts (the proxy must not reach the local network). */
export function isPublicHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost" || h.endsWith(".localhost") || h.endsWith(".local") || h.endsWith(".internal")) return false;
  if (/^(127\.|10\.|0\.|169\.254\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(h)) return false;
  if (h === "::1" || h.startsWith("fc") || h.startsWith("fd") || h.startsWith("fe80") || h === "::") return false;
  return true;
}

export async function loader({ params, context }: LoaderFunctionArgs) {
  const address = parseOr400(addressParam, params.address, "address");
  const tokenId = parseOr400(tokenIdParam, params.tokenId, "tokenId");
  const warehouse = await getWarehouse(context);
  if (!warehouse) return text("No data is loaded yet.", 503);
  const [m] = await warehouse.all<{ url: string | null }>(
    "SELECT image_url AS url FROM token_metadata WHERE contract_address = $address AND token_id = $tokenId",
    {
      address,
      tokenId,
    },
  );
  if (!m?.url) return text("This token has no image URL.", 404);
  let url: URL;
  try {
    url = new URL(m.url);
  } catch {
    return text("The token's image URL is not a URL.", 404);
  }
  if (!/^https?:$/.test(url.protocol) || !isPublicHost(url.hostname))
    return text("The token's image URL is not a public http(s) address.", 404);
  let bytes: Uint8Array;
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "error" });
    if (!r.ok) return text(`The image host answered ${r.status}.`, 502);
    const buf = await r.arrayBuffer();
    if (buf.byteLength > MAX_BYTES) return text("The image is larger than 2 MB.", 502);
    bytes = new Uint8Array(buf);
  } catch {
    return text("The image host did not answer in time.", 504);
  }
  const type = sniffImageType(bytes);
  if (!type) return text("The image is not a PNG, JPEG, GIF, WebP or SVG.", 502);
  const body = type === "image/svg+xml" ? sanitizeSvg(Buffer.from(bytes).toString("utf8")) : Buffer.from(bytes);
  return new Response(body, {
    headers: {
      "Content-Type": type,
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "public, max-age=3600",
    },
  });
}
