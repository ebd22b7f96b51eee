/**
 * Rows for any chart id (pages, embeds and exports all come through here), plus a small cache
 * keyed by the warehouse's data version so a popular embed costs one query per new block.
 */
import type { Warehouse } from "../../analytics/db";
import { floorsWithin, getCollectionFloorHistory, rarityRelation } from "../../analytics/queries/collection-series";
import { type CleanSalesRelation, cleanSalesRelation } from "../../analytics/queries/wash-sql";
import type { ChartId, ChartRows } from "../lib/chart-specs";
import { baseFeeHistory, hourOfWeek } from "./gas.server";
import { loadMiningBacktest, paybackRows, runMining, sensitivityRows } from "./mining.server";
import { getPieceValuation } from "./piece.server";
import { floorSeries, rarityHistogram, salesScatter, volumeSeries } from "./series.server";

/**
 * Rows of a mining chart for the mining fields in `search`; throws a 400 Response on bad input. The
 * backtest also reads the warehouse's loaded history (no rows without a warehouse or history).
 */
export async function miningChartRows({
  chart,
  search,
  warehouse,
}: {
  chart: "payback" | "sensitivity" | "backtest";
  search: URLSearchParams;
  warehouse?: Warehouse | null;
}): Promise<ChartRows> {
  const r = await runMining(search);
  if (!r.ok) throw new Response(r.message, { status: r.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  if (chart === "backtest") return warehouse ? ((await loadMiningBacktest({ warehouse, answer: r.answer }))?.rows ?? []) : [];
  return chart === "payback" ? paybackRows(r.answer) : sensitivityRows(r.answer);
}

/**
 * Rows for `chart`; `address` is required for collection charts and `tokenId` for the waterfall
 * (callers validate them).
 */
export async function chartRows({
  warehouse,
  chart,
  address,
  tokenId,
  days,
  cleanSales,
}: {
  warehouse: Warehouse;
  chart: ChartId;
  address?: string;
  tokenId?: string;
  days: number;
  cleanSales?: CleanSalesRelation;
}): Promise<ChartRows> {
  const a = address ?? "";
  switch (chart) {
    case "floors":
      return (await floorSeries({ warehouse, address: a, days, cleanSales })) as unknown as ChartRows;
    case "volume":
      return (await volumeSeries({ warehouse, address: a, days, cleanSales })) as unknown as ChartRows;
    case "sales":
      return (await salesScatter({ warehouse, address: a, days, cleanSales })) as unknown as ChartRows;
    case "rarity":
      return (await rarityHistogram({ warehouse, address: a, scored: await rarityFor(warehouse) })) as unknown as ChartRows;
    case "waterfall":
      // No fitted model (too few clean sales) or no such token: no steps, drawn as an empty chart.
      return ((await getPieceValuation({ warehouse, address: a, tokenId: tokenId ?? "" }))?.steps ?? []) as unknown as ChartRows;
    case "basefee":
      return (await baseFeeHistory({ warehouse, days })) as unknown as ChartRows;
    case "heatmap":
      return (await hourOfWeek({ warehouse, days })) as unknown as ChartRows;
    case "payback":
    case "sensitivity":
    case "backtest":
      throw new Error("mining charts come from miningChartRows (they need the query string, not the warehouse)");
  }
}

/**
 * Where sales_clean's rows are read this data version: the snapshot table while it is current
 * (planning the sales_clean view costs more than running most page queries), else the view.
 * Checked once per data version; a new sale changes the version, so it is never read stale.
 */
export async function cleanSalesFor(warehouse: Warehouse): Promise<CleanSalesRelation> {
  return (await cached(warehouse, "clean-sales-relation", () => cleanSalesRelation(warehouse))).value;
}

/** Where OpenRarity scores are read from (snapshot or view), once per data version. */
async function rarityFor(warehouse: Warehouse): Promise<Awaited<ReturnType<typeof rarityRelation>>> {
  return (await cached(warehouse, "rarity-relation", () => rarityRelation(warehouse))).value;
}

/** Charts whose rows do not depend on `days` (one cache entry serves every range). */
const RANGELESS: ReadonlySet<ChartId> = new Set(["rarity", "waterfall"]);

/** chartRows through the per-data-version cache, shared by pages, embeds and exports. */
export async function cachedChartRows({
  warehouse,
  chart,
  address,
  tokenId,
  days,
}: {
  warehouse: Warehouse;
  chart: ChartId;
  address?: string;
  tokenId?: string;
  days: number;
}): Promise<{ value: ChartRows; version: string }> {
  if (chart === "floors" && address) {
    // One floor_series run per collection and data version; each range is a slice of it.
    const { value: history, version } = await cached(warehouse, `floor-history|${address}`, () =>
      getCollectionFloorHistory({ warehouse, address }),
    );
    if (history) return { value: floorsWithin(history, days) as unknown as ChartRows, version };
  }
  const key = `${chart}|${address ?? ""}|${tokenId ?? ""}|${RANGELESS.has(chart) ? "" : days}`;
  return cached(warehouse, key, async () =>
    chartRows({ warehouse, chart, address, tokenId, days, cleanSales: await cleanSalesFor(warehouse) }),
  );
}

/** A cheap fingerprint of what the warehouse holds: changes whenever sync adds rows. */
export async function dataVersion(warehouse: Warehouse): Promise<string> {
  const [v] = await warehouse.all<{ v: string }>(
    `SELECT concat_ws(':', (SELECT count(*) FROM sales), (SELECT max(block_number) FROM sales), (SELECT max(block_number) FROM blocks),
       (SELECT count(*) FROM token_metadata), (SELECT count(*) FROM collections)) AS v`,
  );
  return v?.v ?? "empty";
}

const MAX_ENTRIES = 500;
const cache = new Map<string, { version: string; value: Promise<unknown> }>();
let versionMemo: { warehouse: Warehouse; at: number; version: Promise<string> } | undefined;

/** The data version, re-read at most every 500 ms (a flood of embed requests costs no extra queries). */
export function currentVersion(warehouse: Warehouse): Promise<string> {
  const now = Date.now();
  // While a sync pass holds the warehouse (npm start), keep the last version: cached pages render
  // at once instead of queueing behind the pass; the next poll after it sees the new data.
  const busy = (warehouse as Warehouse & { isBusy?: () => boolean }).isBusy?.() ?? false;
  if (busy && versionMemo?.warehouse === warehouse) return versionMemo.version;
  if (!versionMemo || versionMemo.warehouse !== warehouse || now - versionMemo.at > 500) {
    versionMemo = { warehouse, at: now, version: dataVersion(warehouse) };
  }
  return versionMemo.version;
}

/**
 * Memoises `compute` per key until the data version changes (at most MAX_ENTRIES keys, least
 * recently used evicted). Concurrent requests for the same key share one computation (the promise
 * is cached, not the value), and a failure is not cached.
 */
export async function cached<T>(warehouse: Warehouse, key: string, compute: () => Promise<T>): Promise<{ value: T; version: string }> {
  const version = await currentVersion(warehouse);
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    // Least recently used goes first: a stream of one-off keys (every `days`) must not evict the
    // entries every request shares (collection stats, the clean-sales relation).
    cache.delete(key);
    cache.set(key, hit);
    return { value: (await hit.value) as T, version };
  }
  const value = compute();
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, { version, value });
  value.catch(() => {
    if (cache.get(key)?.value === value) cache.delete(key);
  });
  return { value: await value, version };
}
