/**
 * Typed read functions over the gas views (analytics/models/README.md) and fee tiers.
 */
import type { Warehouse } from "../db.ts";
import { type FeeTier, feeHistoryFromWarehouse, metamaskFeeTiers, type TierName, viemStyleFees } from "../gas/fee-tiers.ts";

export interface GasBlock {
  blockNumber: number;
  timestamp: string;
  gasUsed: number;
  gasLimit: number;
  baseFeePerGasWei: string | null;
  nextBaseFeePerGasWei: string | null;
  burnedWei: string | null;
}

/** The latest `limit` block headers with EIP-1559 quantities (wei as decimal strings). */
export async function getRecentGasBlocks({ warehouse, limit = 100 }: { warehouse: Warehouse; limit?: number }): Promise<GasBlock[]> {
  const rows = await warehouse.all<Record<string, string | number | null>>(
    `SELECT block_number, strftime(block_time, '%Y-%m-%dT%H:%M:%SZ') AS ts, gas_used, gas_limit,
            CAST(base_fee_per_gas_wei AS VARCHAR) AS base, CAST(next_base_fee_per_gas_wei AS VARCHAR) AS next, CAST(burned_wei AS VARCHAR) AS burned
     FROM gas_blocks ORDER BY block_number DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    blockNumber: Number(r.block_number),
    timestamp: String(r.ts),
    gasUsed: Number(r.gas_used),
    gasLimit: Number(r.gas_limit),
    baseFeePerGasWei: r.base as string | null,
    nextBaseFeePerGasWei: r.next as string | null,
    burnedWei: r.burned as string | null,
  }));
}

export interface HeatmapCell {
  isoDayOfWeek: number;
  hourOfDay: number;
  blocks: number;
  avgBaseFeeGwei: number;
}

/** Hour-of-week heatmap of the base fee (UTC). */
export async function getBaseFeeHeatmap({ warehouse }: { warehouse: Warehouse }): Promise<HeatmapCell[]> {
  const rows = await warehouse.all<Record<string, string | number>>(
    "SELECT iso_day_of_week, hour_of_day, blocks, avg_base_fee_gwei FROM gas_base_fee_heatmap ORDER BY 1, 2",
  );
  return rows.map((r) => ({
    isoDayOfWeek: Number(r.iso_day_of_week),
    hourOfDay: Number(r.hour_of_day),
    blocks: Number(r.blocks),
    avgBaseFeeGwei: Number(r.avg_base_fee_gwei),
  }));
}

/** MetaMask's three tiers from the warehouse's last 5 blocks, with viem's rule labelled beside them. */
export async function getFeeTiers({
  warehouse,
}: {
  warehouse: Warehouse;
}): Promise<{ metamask: Record<TierName, FeeTier>; viemStyle: FeeTier }> {
  const history = await feeHistoryFromWarehouse({ warehouse });
  const metamask = metamaskFeeTiers(history);
  const latestBaseFeeWei = history.baseFeePerGasWei[history.baseFeePerGasWei.length - 2];
  return {
    metamask,
    viemStyle: viemStyleFees({ baseFeeWei: latestBaseFeeWei, maxPriorityFeePerGasWei: metamask.medium.maxPriorityFeePerGasWei }),
  };
}

export interface BaseFeePoint {
  time: string;
  baseFeeGwei: number;
}

/** Base fee per block over `days` before the newest block, thinned to at most `maxPoints` (hourly min/avg kept). */
export async function getBaseFeeHistory({
  warehouse,
  days,
  maxPoints = 2000,
}: {
  warehouse: Warehouse;
  days: number;
  maxPoints?: number;
}): Promise<BaseFeePoint[]> {
  const rows = await warehouse.all<{ t: string; g: number }>(
    `WITH w AS (SELECT block_number, block_time, CAST(base_fee_per_gas_wei AS DOUBLE) / 1e9 AS g FROM blocks
                WHERE base_fee_per_gas_wei IS NOT NULL AND block_time > (SELECT max(block_time) FROM blocks) - to_days(CAST($days AS INTEGER))),
     n AS (SELECT count(*) AS c FROM w),
     b AS (SELECT *, CAST(floor((row_number() OVER (ORDER BY block_number) - 1) * $maxPoints / greatest((SELECT c FROM n), $maxPoints)) AS INTEGER) AS bucket FROM w)
     SELECT strftime(min(block_time), '%Y-%m-%dT%H:%M:%SZ') AS t, avg(g) AS g FROM b GROUP BY bucket ORDER BY bucket`,
    { days, maxPoints },
  );
  return rows.map((r) => ({ time: r.t, baseFeeGwei: r.g }));
}

export interface HourOfWeekCell {
  dayOfWeek: number; // 0 = Monday (ISO), in UTC
  hour: number;
  avgBaseFeeGwei: number;
}

/**
 * Average base fee per UTC hour of the week over the `days` before the newest block (the
 * gas_base_fee_heatmap view, read by getBaseFeeHeatmap, covers all time instead).
 */
export async function getBaseFeeByHourOfWeek({ warehouse, days }: { warehouse: Warehouse; days: number }): Promise<HourOfWeekCell[]> {
  const rows = await warehouse.all<{ d: number; h: number; g: number }>(
    `SELECT CAST(isodow(block_time) - 1 AS INTEGER) AS d, CAST(hour(block_time) AS INTEGER) AS h, avg(CAST(base_fee_per_gas_wei AS DOUBLE)) / 1e9 AS g
     FROM blocks WHERE base_fee_per_gas_wei IS NOT NULL AND block_time > (SELECT max(block_time) FROM blocks) - to_days(CAST($days AS INTEGER))
     GROUP BY ALL ORDER BY d, h`,
    { days },
  );
  return rows.map((r) => ({ dayOfWeek: r.d, hour: r.h, avgBaseFeeGwei: r.g }));
}

export interface LatestGasBlock {
  blockNumber: number;
  /** "YYYY-MM-DD HH:MM:SS UTC". */
  blockTime: string;
  baseFeePerGasWei: bigint | null;
  gasUsed: bigint;
  gasLimit: bigint;
}

/** The newest block's gas fields, or null with no blocks. */
export async function getLatestGasBlock({ warehouse }: { warehouse: Warehouse }): Promise<LatestGasBlock | null> {
  const [b] = await warehouse.all<{ n: string; t: string; base: string | null; used: string; lim: string }>(
    `SELECT CAST(block_number AS VARCHAR) AS n, strftime(block_time, '%Y-%m-%d %H:%M:%S UTC') AS t, CAST(base_fee_per_gas_wei AS VARCHAR) AS base,
            CAST(gas_used AS VARCHAR) AS used, CAST(gas_limit AS VARCHAR) AS lim FROM blocks ORDER BY block_number DESC LIMIT 1`,
  );
  if (!b) return null;
  return {
    blockNumber: Number(b.n),
    blockTime: b.t,
    baseFeePerGasWei: b.base === null ? null : BigInt(b.base),
    gasUsed: BigInt(b.used),
    gasLimit: BigInt(b.lim),
  };
}

/**
 * Median over the last 5 blocks of each block's 10th/20th/30th percentile priority fee (effective
 * price minus the block's base fee), in wei as doubles; nulls without transactions.
 */
export async function getPriorityFeePercentilesWei({
  warehouse,
}: {
  warehouse: Warehouse;
}): Promise<{ p10Wei: number | null; p20Wei: number | null; p30Wei: number | null }> {
  const [p] = await warehouse.all<{ p10: number | null; p20: number | null; p30: number | null }>(
    `WITH last5 AS (SELECT block_number FROM blocks ORDER BY block_number DESC LIMIT 5),
     per_block AS (SELECT t.block_number,
         quantile_disc(CAST(t.gas_price_wei - coalesce(t.base_fee_per_gas_wei, 0) AS DOUBLE), [0.1, 0.2, 0.3]) AS q
       FROM transactions t JOIN last5 USING (block_number) GROUP BY 1)
     SELECT median(q[1]) AS p10, median(q[2]) AS p20, median(q[3]) AS p30 FROM per_block`,
  );
  return { p10Wei: p?.p10 ?? null, p20Wei: p?.p20 ?? null, p30Wei: p?.p30 ?? null };
}

/** The newest ETH/USD price point, or null when none is loaded. */
export async function getLatestEthUsd({ warehouse }: { warehouse: Warehouse }): Promise<number | null> {
  const [price] = await warehouse.all<{ usd: number }>(
    "SELECT price_usd AS usd FROM price_points WHERE feed = 'ETH/USD' ORDER BY block_time DESC LIMIT 1",
  );
  return price?.usd ?? null;
}
