/**
 * Finished embed images (SVG, PNG) by URL, for the Express fast path (app/server/http.ts). A
 * popular embed is the same bytes until the warehouse's data version changes, yet through Remix
 * each request pays route matching, a Fetch Request/Response pair and the loader (~half its cost).
 * The image routes remember what they answered; Express answers the same URL from here while the
 * data version is unchanged, and hands everything else (first request, new data, bad input) to
 * Remix. Exported to Express through entry.server, so both use this one module instance.
 */
import type { AppLoadContext } from "@remix-run/node";
import { currentVersion } from "./charts.server";
import { etagMatches } from "./embed.server";
import { getWarehouse } from "./warehouse.server";

export interface CachedEmbed {
  version: string;
  /** Content-Type, ETag, Cache-Control and any CSP: exactly what the route sent. */
  headers: { ETag: string; "Cache-Control": string } & Record<string, string>;
  body: string | Uint8Array;
}

const MAX_ENTRIES = 500;
const byUrl = new Map<string, CachedEmbed>();

/** The cache key of a request: path and sorted query, so `?a=1&b=2` and `?b=2&a=1` share an entry. */
export function embedKey(url: URL): string {
  const search = new URLSearchParams(url.searchParams);
  search.sort();
  return `${url.pathname}?${search}`;
}

/** Called by an image route after answering 200 from warehouse data of `version`. */
export function rememberEmbed(request: Request, entry: CachedEmbed): void {
  const key = embedKey(new URL(request.url));
  if (!byUrl.has(key) && byUrl.size >= MAX_ENTRIES) byUrl.delete(byUrl.keys().next().value as string);
  byUrl.set(key, entry);
}

/** True for the paths the fast path may answer. */
export function isCachedEmbedPath(path: string): boolean {
  return /^\/embed\/[a-z]+\.(svg|png)$/.test(path);
}

export interface EmbedAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  /** Absent for 304. */
  body?: string | Uint8Array;
}

/**
 * The remembered answer for `pathAndQuery` (200, or 304 when `ifNoneMatch` names its ETag) when
 * the warehouse still has the data version it was made from; undefined otherwise (the caller then
 * lets Remix answer). Never throws: failing to reach the warehouse also means "ask Remix", which
 * reports it properly.
 */
export async function lookupEmbed(
  pathAndQuery: string,
  ifNoneMatch: string | undefined,
  context: AppLoadContext,
): Promise<EmbedAnswer | undefined> {
  const entry = byUrl.get(embedKey(new URL(pathAndQuery, "http://local")));
  if (!entry) return undefined;
  try {
    const warehouse = await getWarehouse(context);
    if (!warehouse || (await currentVersion(warehouse)) !== entry.version) return undefined;
  } catch {
    return undefined;
  }
  if (etagMatches(ifNoneMatch, entry.headers.ETag)) {
    return { status: 304, headers: { ETag: entry.headers.ETag, "Cache-Control": entry.headers["Cache-Control"] } };
  }
  return { status: 200, headers: entry.headers, body: entry.body };
}
