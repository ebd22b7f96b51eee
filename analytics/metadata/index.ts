/**
 * Token metadata and traits into token_metadata / token_attributes, for tokens that have a tokenURI
 * and no metadata row yet. A token whose metadata cannot be read still gets a row, with `error`
 * saying why, so a broken URI is not refetched on every pass.
 */
import type { Warehouse } from "../db.ts";
import type { SyncProgress } from "../sync/subgraph.ts";
import { type RawRow, writeRows } from "../sync/write.ts";
import { type FetchOptions, fetchMetadataDocument } from "./fetch.ts";
import { chooseImage } from "./sanitize.ts";

export interface MetadataSyncOptions extends Partial<FetchOptions> {
  warehouse: Warehouse;
  /** Tokens per pass at most (default 2,000). */
  limit?: number;
  concurrency?: number;
  onProgress?: (p: SyncProgress) => void;
}

const maxTraits = 100;
const maxText = 256;

export interface TokenMetadata {
  name: string | null;
  imageDataUri: string | null;
  imageUrl: string | null;
  attributes: Array<{ traitType: string; value: string }>;
  error: string | null;
}

const text = (v: unknown): string | null => {
  if (typeof v === "string") return v.slice(0, maxText);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
};

/** Reads and cleans one token's metadata (never throws: failures come back in `error`). */
export async function readTokenMetadata(tokenUri: string, options: FetchOptions): Promise<TokenMetadata> {
  try {
    const doc = await fetchMetadataDocument(tokenUri, options);
    const image = chooseImage({ image: doc.image ?? doc.image_url, imageData: doc.image_data, maxBytes: options.maxBytes });
    const seen = new Set<string>();
    const attributes: TokenMetadata["attributes"] = [];
    for (const a of Array.isArray(doc.attributes) ? doc.attributes : []) {
      if (!a || typeof a !== "object") continue;
      const traitType = text((a as Record<string, unknown>).trait_type);
      const value = text((a as Record<string, unknown>).value);
      // A trait without a type cannot be counted per type; a repeated type keeps its first value.
      if (!traitType || value === null || seen.has(traitType)) continue;
      seen.add(traitType);
      attributes.push({ traitType, value });
      if (attributes.length >= maxTraits) break;
    }
    return {
      name: text(doc.name),
      imageDataUri: image.imageDataUri,
      imageUrl: image.imageUrl,
      attributes,
      error: image.dropped ? `image dropped: ${image.dropped}` : null,
    };
  } catch (error) {
    return { name: null, imageDataUri: null, imageUrl: null, attributes: [], error: (error as Error).message.slice(0, maxText) };
  }
}

/** Fetches metadata for tokens that lack it; returns how many were read and how many failed. */
export async function syncMetadata({
  warehouse,
  ipfsGateway = "https://ipfs.io/ipfs/",
  timeoutMs = 10_000,
  maxBytes = 1_000_000,
  allowHttp = true,
  allowPrivateHosts = false,
  limit = 2000,
  concurrency = 8,
  onProgress = () => {},
}: MetadataSyncOptions): Promise<{ fetched: number; failed: number }> {
  const todo = await warehouse.all<{ contract_address: string; token_id: string; token_uri: string }>(
    `SELECT t.contract_address, t.token_id, t.token_uri FROM tokens t
     ANTI JOIN token_metadata m ON m.contract_address = t.contract_address AND m.token_id = t.token_id
     WHERE t.token_uri IS NOT NULL AND t.token_uri <> ''
     ORDER BY t.contract_address, t.token_id LIMIT $1`,
    [limit],
  );
  const options: FetchOptions = { ipfsGateway, timeoutMs, maxBytes, allowHttp, allowPrivateHosts };
  let fetched = 0;
  let failed = 0;
  for (let i = 0; i < todo.length; i += 200) {
    const batch = todo.slice(i, i + 200);
    const results: TokenMetadata[] = [];
    for (let j = 0; j < batch.length; j += concurrency) {
      results.push(...(await Promise.all(batch.slice(j, j + concurrency).map((t) => readTokenMetadata(t.token_uri, options)))));
    }
    const now = Math.floor(Date.now() / 1000);
    const metaRows: RawRow[] = [];
    const traitRows: RawRow[] = [];
    batch.forEach((t, k) => {
      const m = results[k];
      metaRows.push({
        contract_address: t.contract_address,
        token_id: t.token_id,
        name: m.name,
        image_data_uri: m.imageDataUri,
        image_url: m.imageUrl,
        fetched_at: now,
        error: m.error,
      });
      for (const a of m.attributes)
        traitRows.push({ contract_address: t.contract_address, token_id: t.token_id, trait_type: a.traitType, trait_value: a.value });
      if (m.error && !m.name && !m.attributes.length) failed++;
      else fetched++;
    });
    await warehouse.transaction(async () => {
      await writeRows(warehouse, "token_metadata", metaRows);
      await writeRows(warehouse, "token_attributes", traitRows);
    });
    onProgress({
      stage: "metadata",
      what: "token_metadata",
      rows: fetched + failed,
      message: `token metadata ${fetched + failed}/${todo.length}`,
    });
  }
  return { fetched, failed };
}
