/**
 * Time series and point sets for one collection's charts: daily floors, daily volume, the sales
 * scatter (with every wash rule's flag) and the rarity distribution. Model views and macros when the
 * warehouse has them (E1's floor_series, rarity_openrarity), raw-table SQL otherwise.
 */
import type { Warehouse } from "../db.ts";
import { hasMacro, hasRelation, relationNames } from "./relations.ts";
import { type CleanSalesRelation, cleanSalesRelation, lastSaleTimeSql, RULES_CSV_SQL, type WashRuleKey, washOneSql } from "./wash-sql.ts";

/** One collection (lower-case address) over the `days` before its newest sale. */
export interface CollectionWindow {
  warehouse: Warehouse;
  address: string;
  days: number;
  /**
   * Where to read sales_clean's rows (wash-sql.ts cleanSalesRelation); checked per call when
   * absent. Callers that already know (the app, once per data version) pass it.
   */
  cleanSales?: CleanSalesRelation;
}

export interface FloorPoint {
  day: string;
  /** Lowest clean sale in the trailing 7 days (icy.tools' sale floor). */
  saleFloorEth: number | null;
  /** Coinbase's adaptive percentile floor as of the day's last sale (E1's floor_series). */
  adaptiveFloorEth: number | null;
  /** Reservoir-style TWAP of the adaptive floor over 24 h, and its band min/max(spot, TWAP). */
  twapFloorEth: number | null;
  /** Hashfloor's calibrated floor (E1, docs/decisions/0007). */
  calibratedFloorEth: number | null;
  bandLowEth: number | null;
  bandHighEth: number | null;
}

/**
 * A collection's daily floors from E1's `floor_series` macro (1-day buckets, 7-day sale window, 24 h
 * TWAP), every day of it, with the instants `days` windows are cut by: `floorsWithin` picks a window
 * without recomputing (the macro costs ~30 ms at 1M sales; the window is a filter on its output).
 */
export interface FloorHistory {
  /** The collection's newest sale (ms since epoch); windows count back from it. Null without sales. */
  lastSaleMs: number | null;
  points: { startMs: number; point: FloorPoint }[];
}

/** The whole series, or null when the warehouse lacks the floor_series macro. */
export async function getCollectionFloorHistory({
  warehouse,
  address,
}: {
  warehouse: Warehouse;
  address: string;
}): Promise<FloorHistory | null> {
  if (!(await hasMacro(warehouse, "floor_series"))) return null;
  // The refreshed table holds the macro's answer for these parameters; older warehouses lack it.
  const source = (await hasRelation(warehouse, "floor_daily_snapshot"))
    ? "(SELECT * FROM floor_daily_snapshot WHERE contract_address = $address)"
    : "floor_series($address, INTERVAL 1 DAY, INTERVAL 7 DAY, INTERVAL 1 DAY)";
  const rows = await warehouse.all<{
    day: string;
    start_ms: number;
    last_ms: number | null;
    sale: number | null;
    adaptive: number | null;
    twap: number | null;
    cal: number | null;
    lo: number | null;
    hi: number | null;
  }>(
    `SELECT strftime(bucket_start, '%Y-%m-%d') AS day, CAST(epoch_ms(bucket_start) AS DOUBLE) AS start_ms,
            CAST(epoch_ms((SELECT max(block_time) FROM sales WHERE contract_address = $address)) AS DOUBLE) AS last_ms,
            sale_floor_eth AS sale, adaptive_floor_eth AS adaptive, twap_floor_eth AS twap,
            calibrated_floor_eth AS cal, twap_lower_eth AS lo, twap_upper_eth AS hi
     FROM ${source}
     ORDER BY bucket_start`,
    { address },
  );
  return {
    lastSaleMs: rows[0]?.last_ms ?? null,
    points: rows.map((r) => ({
      startMs: r.start_ms,
      point: {
        day: r.day,
        saleFloorEth: r.sale,
        adaptiveFloorEth: r.adaptive,
        twapFloorEth: r.twap,
        calibratedFloorEth: r.cal,
        bandLowEth: r.lo,
        bandHighEth: r.hi,
      },
    })),
  };
}

/** The days whose bucket starts within `days` × 24 h before the newest sale (the SQL's `bucket_start > max - days`). */
export function floorsWithin(history: FloorHistory, days: number): FloorPoint[] {
  if (history.lastSaleMs === null) return [];
  const fromMs = history.lastSaleMs - days * 86_400_000;
  return history.points.filter((p) => p.startMs > fromMs).map((p) => p.point);
}

/**
 * Daily floors over the `days` before the collection's newest sale: floorsWithin of the
 * floor_series history when the models are loaded; otherwise the 7-day sale floor alone with the
 * day's P25–P75 as band.
 */
export async function getCollectionDailyFloors({ warehouse, address, days, cleanSales }: CollectionWindow): Promise<FloorPoint[]> {
  const history = await getCollectionFloorHistory({ warehouse, address });
  if (history) return floorsWithin(history, days);
  const from = cleanSales ?? (await cleanSalesRelation(warehouse));
  const rows = await warehouse.all<{ day: string; f7: number | null; lo: number | null; hi: number | null }>(
    `${washOneSql(from)},
     clean AS (SELECT CAST(block_time AS DATE) AS d, price_eth FROM washed WHERE NOT is_wash AND price_eth > 0),
     daily AS (SELECT d, min(price_eth) AS m, quantile_cont(price_eth, 0.25) AS lo, quantile_cont(price_eth, 0.75) AS hi FROM clean GROUP BY d)
     SELECT strftime(d, '%Y-%m-%d') AS day, min(m) OVER (ORDER BY d RANGE BETWEEN INTERVAL 6 DAY PRECEDING AND CURRENT ROW) AS f7, lo, hi
     FROM daily WHERE d > (SELECT max(d) FROM daily) - CAST($days AS INTEGER) ORDER BY d`,
    { address, days },
  );
  return rows.map((r) => ({
    day: r.day,
    saleFloorEth: r.f7,
    adaptiveFloorEth: null,
    twapFloorEth: null,
    calibratedFloorEth: null,
    bandLowEth: r.lo,
    bandHighEth: r.hi,
  }));
}

export interface VolumePoint {
  day: string;
  cleanVolumeEth: number;
  washVolumeEth: number;
  sales: number;
}

/** Daily clean and wash volume. */
export async function getCollectionDailyVolume({ warehouse, address, days, cleanSales }: CollectionWindow): Promise<VolumePoint[]> {
  const from = cleanSales ?? (await cleanSalesRelation(warehouse));
  const rows = await warehouse.all<{ day: string; clean: number; wash: number; n: number }>(
    `${washOneSql(from)}
     SELECT strftime(date_trunc('day', block_time), '%Y-%m-%d') AS day,
       coalesce(sum(price_eth) FILTER (WHERE NOT is_wash), 0) AS clean, coalesce(sum(price_eth) FILTER (WHERE is_wash), 0) AS wash,
       CAST(count(*) AS INTEGER) AS n
     FROM washed WHERE contract_address = $address
       AND block_time > ${lastSaleTimeSql(from)} - to_days(CAST($days AS INTEGER))
     GROUP BY 1 ORDER BY 1`,
    { address, days },
  );
  return rows.map((r) => ({ day: r.day, cleanVolumeEth: r.clean, washVolumeEth: r.wash, sales: r.n }));
}

export interface ScatterSale {
  time: string;
  tokenId: string;
  priceEth: number;
  rules: WashRuleKey[];
}

/**
 * Sales in the window with the wash rules each trips (empty = clean), the `limit` newest: a
 * readable scatter, and a page that stays small (every row travels twice: as SVG and as data).
 */
export async function getCollectionSalesScatter({
  warehouse,
  address,
  days,
  limit = 1000,
  cleanSales,
}: CollectionWindow & { limit?: number }): Promise<ScatterSale[]> {
  const from = cleanSales ?? (await cleanSalesRelation(warehouse));
  const rows = await warehouse.all<{ sale_id: string; t: string; token_id: string; price_eth: number; rules: string }>(
    `${washOneSql(from)},
     newest AS (
       -- price_eth is NULL for currencies the models do not price in ETH: they cannot be placed on an ETH axis.
       SELECT * FROM washed WHERE contract_address = $address AND price_eth IS NOT NULL
         AND block_time > ${lastSaleTimeSql(from)} - to_days(CAST($days AS INTEGER))
       ORDER BY block_number DESC, log_index DESC, trade_index DESC LIMIT $limit
     )
     -- Formatted after the limit: only the rows shown pay for strftime and the rule list.
     SELECT sale_id, strftime(block_time, '%Y-%m-%dT%H:%M:%SZ') AS t, token_id, price_eth, ${RULES_CSV_SQL} AS rules
     FROM newest ORDER BY block_number DESC, log_index DESC, trade_index DESC`,
    { address, days, limit },
  );
  return rows.reverse().map((r) => ({
    time: r.t,
    tokenId: r.token_id,
    priceEth: r.price_eth,
    rules: (r.rules ? r.rules.split(",") : []) as WashRuleKey[],
  }));
}

export interface RarityBucket {
  scoreFrom: number;
  scoreTo: number;
  tokens: number;
}

/**
 * Where OpenRarity scores can be read: the snapshot table while its inputs are unchanged (the view
 * scores every collection on each query), else E1's `rarity_openrarity` view; null without either.
 */
export async function rarityRelation(warehouse: Warehouse): Promise<"rarity_openrarity_snapshot" | "rarity_openrarity" | null> {
  const names = await relationNames(warehouse);
  if (names.has("rarity_snapshot_watermark") && names.has("rarity_openrarity_snapshot")) {
    const [w] = await warehouse.all<{ current: boolean | null }>("SELECT is_current AS current FROM rarity_snapshot_watermark");
    if (w?.current === true) return "rarity_openrarity_snapshot";
  }
  return names.has("rarity_openrarity") ? "rarity_openrarity" : null;
}

/**
 * Histogram of OpenRarity scores (E1's `rarity_openrarity`, through rarityRelation; score =
 * information content / collection entropy). Without the view: the same ratio over the raw
 * traits, without OpenRarity's null-trait and trait_count terms.
 */
export async function getRarityHistogram({
  warehouse,
  address,
  buckets = 12,
  scored: known,
}: {
  warehouse: Warehouse;
  address: string;
  buckets?: number;
  /** rarityRelation's answer when the caller keeps it per data version (it costs ~5 ms a call). */
  scored?: Awaited<ReturnType<typeof rarityRelation>>;
}): Promise<RarityBucket[]> {
  const scored = known !== undefined ? known : await rarityRelation(warehouse);
  const scoresSql = scored
    ? `scores AS (SELECT token_id, score FROM ${scored} WHERE contract_address = $address)`
    : `attrs AS (SELECT * FROM token_attributes WHERE contract_address = $address),
       supply AS (SELECT count(DISTINCT token_id) AS n FROM attrs),
       freq AS (SELECT trait_type, trait_value, count(*) / (SELECT n FROM supply) AS p FROM attrs GROUP BY ALL),
       entropy AS (SELECT -sum(p * log2(p)) AS h FROM freq),
       scores AS (SELECT a.token_id, sum(-log2(f.p)) / nullif((SELECT h FROM entropy), 0) AS score
                  FROM attrs a JOIN freq f USING (trait_type, trait_value) GROUP BY 1)`;
  const rows = await warehouse.all<{ lo: number; hi: number; n: number }>(
    `WITH ${scoresSql},
     range_ AS (SELECT min(score) AS lo, max(score) AS hi FROM scores),
     binned AS (SELECT least(CAST(floor((score - lo) / nullif(hi - lo, 0) * $buckets) AS INTEGER), $buckets - 1) AS b FROM scores, range_)
     SELECT lo + (hi - lo) * coalesce(b, 0) / $buckets AS lo, lo + (hi - lo) * (coalesce(b, 0) + 1) / $buckets AS hi, CAST(count(*) AS INTEGER) AS n
     FROM binned, range_ GROUP BY ALL ORDER BY lo`,
    { address, buckets },
  );
  return rows.map((r) => ({ scoreFrom: r.lo, scoreTo: r.hi, tokens: r.n }));
}
