/**
 * Reads a tokenURI's metadata document: data: URIs are decoded in place (base64 or percent-encoded);
 * ipfs:// goes through a configurable HTTP gateway; http(s) is fetched with a time limit and a size
 * limit enforced while streaming. Never follows other schemes.
 */
import { decodeDataUri } from "./sanitize.ts";

export class MetadataFetchError extends Error {
  override name = "MetadataFetchError";
}

export interface FetchOptions {
  /** Prefix for ipfs:// CIDs, e.g. https://ipfs.io/ipfs/ */
  ipfsGateway: string;
  timeoutMs: number;
  maxBytes: number;
  allowHttp: boolean;
  /** Allow loopback/private-network hosts (off by default: a tokenURI is attacker-chosen). */
  allowPrivateHosts?: boolean;
}

/**
 * True for hosts a server must not be steered to by untrusted input: localhost and IP literals in
 * loopback, private, link-local (cloud metadata) and unique-local ranges. DNS names that resolve to
 * such addresses are not caught here.
 */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host === "0.0.0.0" || host === "::" || host === "::1") return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  return /^(fc|fd|fe8|fe9|fea|feb)[0-9a-f]*:/.test(host) || host.startsWith("::ffff:");
}

const maxRedirects = 3;

/** GET with a time limit, following at most 3 redirects, each to a public http(s) host. */
async function fetchChecked(url: string, options: FetchOptions, trustFirstHost: boolean): Promise<Response> {
  let current = url;
  const deadline = AbortSignal.timeout(options.timeoutMs);
  for (let hop = 0; ; hop++) {
    const parsed = new URL(current);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new MetadataFetchError("redirect to a non-http URL refused");
    // The operator's own IPFS gateway may well be local (http://127.0.0.1:8080/ipfs/): trusted.
    if (!options.allowPrivateHosts && !(hop === 0 && trustFirstHost) && isPrivateHost(parsed.hostname))
      throw new MetadataFetchError(`private or loopback host ${parsed.hostname} refused`);
    let response: Response;
    try {
      response = await fetch(current, { signal: deadline, redirect: "manual", headers: { accept: "application/json" } });
    } catch (error) {
      const e = error as Error;
      throw new MetadataFetchError(e.name === "TimeoutError" ? `timed out after ${options.timeoutMs} ms` : `fetch failed: ${e.message}`);
    }
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || !location) return response;
    if (hop >= maxRedirects) throw new MetadataFetchError(`more than ${maxRedirects} redirects`);
    current = new URL(location, current).href;
  }
}

/** Rewrites ipfs://CID/path (and ipfs://ipfs/CID/path) to the gateway; other URIs unchanged. */
export function gatewayUrl(uri: string, ipfsGateway: string): string {
  const m = /^ipfs:\/\/(?:ipfs\/)?(.+)$/i.exec(uri);
  if (!m) return uri;
  return `${ipfsGateway.endsWith("/") ? ipfsGateway : `${ipfsGateway}/`}${m[1]}`;
}

async function readLimited(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new MetadataFetchError(`metadata larger than ${maxBytes} bytes`);
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new MetadataFetchError(`metadata larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The metadata JSON object behind `tokenUri`; throws MetadataFetchError saying why not. */
export async function fetchMetadataDocument(tokenUri: string, options: FetchOptions): Promise<Record<string, unknown>> {
  const uri = tokenUri.trim();
  let text: string;
  if (/^data:/i.test(uri)) {
    if (uri.length > options.maxBytes * 1.4) throw new MetadataFetchError(`data: URI larger than ${options.maxBytes} bytes`);
    const decoded = decodeDataUri(uri);
    if (!decoded) throw new MetadataFetchError("malformed data: URI");
    text = decoded.text;
  } else {
    const url = gatewayUrl(uri, options.ipfsGateway);
    if (!/^https?:\/\//i.test(url)) throw new MetadataFetchError(`tokenURI scheme not supported: ${uri.slice(0, 40)}`);
    if (!options.allowHttp) throw new MetadataFetchError("http fetches are off");
    const response = await fetchChecked(url, options, url !== uri);
    if (!response.ok) throw new MetadataFetchError(`HTTP ${response.status} from ${new URL(url).host}`);
    text = await readLimited(response, options.maxBytes);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new MetadataFetchError("metadata is not JSON");
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new MetadataFetchError("metadata is not a JSON object");
  return doc as Record<string, unknown>;
}
