/**
 * Typed read functions over the NFT model views (analytics/models/README.md), for the app and the
 * CLI. Object parameters, units in names, values bound (never interpolated). Numbers that can
 * exceed 2^53 stay strings (wei); ETH/USD amounts are numbers.
 */
import type { Warehouse } from "../db.ts";

export type Bucket = "day" | "hour";

export interface FloorSeriesPoint {
  bucketStart: string;
  cleanSales: number;
  volumeEth: number;
  saleFloorEth: number | null;
  adaptiveFloorEth: number | null;
  calibratedFloorEth: number | null;
  twapFloorEth: number | null;
  twapLowerEth: number | null;
  twapUpperEth: number | null;
}

/** Floors of one collection per day or hour; sale floor and TWAP windows in hours (default 24). */
export async function getFloorSeries({
  warehouse,
  contractAddress,
  bucket = "day",
  saleWindowHours = 24,
  twapWindowHours = 24,
}: {
  warehouse: Warehouse;
  contractAddress: string;
  bucket?: Bucket;
  saleWindowHours?: number;
  twapWindowHours?: number;
}): Promise<FloorSeriesPoint[]> {
  const rows = await warehouse.all<Record<string, string | number | null>>(
    `SELECT strftime(bucket_start, '%Y-%m-%dT%H:%M:%SZ') AS bucket_start, clean_sales, volume_eth, sale_floor_eth, adaptive_floor_eth,
            calibrated_floor_eth, twap_floor_eth, twap_lower_eth, twap_upper_eth
     FROM floor_series($1, CASE WHEN $2 = 'hour' THEN INTERVAL 1 HOUR ELSE INTERVAL 1 DAY END, to_hours(CAST($3 AS BIGINT)), to_hours(CAST($4 AS BIGINT)))
     ORDER BY bucket_start`,
    [contractAddress.toLowerCase(), bucket, saleWindowHours, twapWindowHours],
  );
  return rows.map((r) => ({
    bucketStart: String(r.bucket_start),
    cleanSales: Number(r.clean_sales),
    volumeEth: Number(r.volume_eth),
    saleFloorEth: r.sale_floor_eth as number | null,
    adaptiveFloorEth: r.adaptive_floor_eth as number | null,
    calibratedFloorEth: r.calibrated_floor_eth as number | null,
    twapFloorEth: r.twap_floor_eth as number | null,
    twapLowerEth: r.twap_lower_eth as number | null,
    twapUpperEth: r.twap_upper_eth as number | null,
  }));
}

export interface CollectionStats {
  contractAddress: string;
  cleanSales: number;
  volumeEth: number;
  volumeUsd: number | null;
  avgPriceEth: number | null;
  medianPriceEth: number | null;
  uniqueBuyers: number;
  uniqueSellers: number;
  washSales: number;
  washVolumeEth: number;
  holders: number;
  top10Share: number | null;
  gini: number | null;
}

/** Stats of every collection (or one), over all time or sales in [since, until). */
export async function getCollectionStats({
  warehouse,
  contractAddress,
  since,
  until,
}: {
  warehouse: Warehouse;
  contractAddress?: string;
  since?: Date;
  until?: Date;
}): Promise<CollectionStats[]> {
  const rows = await warehouse.all<Record<string, string | number | null>>(
    `SELECT * FROM collection_stats_between(CAST($1 AS TIMESTAMP), CAST($2 AS TIMESTAMP))
     WHERE $3::VARCHAR IS NULL OR contract_address = $3::VARCHAR ORDER BY volume_eth DESC`,
    [since?.toISOString() ?? null, until?.toISOString() ?? null, contractAddress?.toLowerCase() ?? null],
  );
  return rows.map((r) => ({
    contractAddress: String(r.contract_address),
    cleanSales: Number(r.clean_sales),
    volumeEth: Number(r.volume_eth),
    volumeUsd: r.volume_usd as number | null,
    avgPriceEth: r.avg_price_eth as number | null,
    medianPriceEth: r.median_price_eth as number | null,
    uniqueBuyers: Number(r.unique_buyers),
    uniqueSellers: Number(r.unique_sellers),
    washSales: Number(r.wash_sales),
    washVolumeEth: Number(r.wash_volume_eth),
    holders: Number(r.holders),
    top10Share: r.top10_share as number | null,
    gini: r.gini as number | null,
  }));
}

export interface TokenValuation {
  tokenId: string;
  openRarityScore: number | null;
  openRarityRank: number | null;
  floorNowEth: number | null;
  baseEth: number | null;
  estimateEth: number | null;
  lowerEth: number | null;
  upperEth: number | null;
  waterfall: { step: string; traitType: string | null; traitValue: string | null; valueAfterEth: number; deltaEth: number }[];
}

/** Rarity and valuation (with its waterfall floor → base → trait premiums) of one token. */
export async function getTokenValuation({
  warehouse,
  contractAddress,
  tokenId,
}: {
  warehouse: Warehouse;
  contractAddress: string;
  tokenId: string;
}): Promise<TokenValuation> {
  const params = [contractAddress.toLowerCase(), tokenId];
  const [rarity] = await warehouse.all<{ score: number; rank: string }>(
    "SELECT score, rank FROM rarity_openrarity WHERE contract_address = $1 AND token_id = $2",
    params,
  );
  const [value] = await warehouse.all<Record<string, number | null>>(
    "SELECT floor_now_eth, base_eth, estimate_eth, lower_eth, upper_eth FROM valuation_tokens WHERE contract_address = $1 AND token_id = $2",
    params,
  );
  const steps = await warehouse.all<{
    step: string;
    trait_type: string | null;
    trait_value: string | null;
    value_after_eth: number;
    delta_eth: number;
  }>(
    "SELECT step, trait_type, trait_value, value_after_eth, delta_eth FROM valuation_waterfall WHERE contract_address = $1 AND token_id = $2 ORDER BY step_order",
    params,
  );
  return {
    tokenId,
    openRarityScore: rarity?.score ?? null,
    openRarityRank: rarity ? Number(rarity.rank) : null,
    floorNowEth: value?.floor_now_eth ?? null,
    baseEth: value?.base_eth ?? null,
    estimateEth: value?.estimate_eth ?? null,
    lowerEth: value?.lower_eth ?? null,
    upperEth: value?.upper_eth ?? null,
    waterfall: steps.map((s) => ({
      step: s.step,
      traitType: s.trait_type,
      traitValue: s.trait_value,
      valueAfterEth: s.value_after_eth,
      deltaEth: s.delta_eth,
    })),
  };
}
