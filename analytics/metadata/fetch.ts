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
    let response: Response;
    try {
      response = await fetch(url, {
        signal: AbortSignal.timeout(options.timeoutMs),
        redirect: "follow",
        headers: { accept: "application/json" },
      });
    } catch (error) {
      const e = error as Error;
      throw new MetadataFetchError(e.name === "TimeoutError" ? `timed out after ${options.timeoutMs} ms` : `fetch failed: ${e.message}`);
    }
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
