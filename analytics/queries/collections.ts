/**
 * Collection-level reads for the overview and collection pages: the ranked list with floor
 * sparklines, one collection's headline numbers, market totals. Amounts leave SQL as ETH doubles for
 * charts only. Object parameters; `address` is a lower-case contract address.
 */
import type { Warehouse } from "../db.ts";
import { hasMacro } from "./relations.ts";
import { type CleanSalesRelation, cleanSalesRelation, washOneSql, washSql } from "./wash-sql.ts";

export interface CollectionSummary {
  address: string;
  name: string;
  symbol: string;
  sales: number;
  volumeEth: number;
  washVolumeEth: number;
  floorSparkEth: { day: string; floorEth: number }[];
}

/** Collections ranked by clean+wash volume over `days`, each with a daily sale-floor sparkline. */
export async function listCollections({
  warehouse,
  days = 30,
  cleanSales,
}: {
  warehouse: Warehouse;
  days?: number;
  /** Where to read sales_clean's rows (wash-sql.ts cleanSalesRelation); checked when absent. */
  cleanSales?: CleanSalesRelation;
}): Promise<CollectionSummary[]> {
  const from = cleanSales ?? (await cleanSalesRelation(warehouse));
  const rows = await warehouse.all<{
    address: string;
    name: string | null;
    symbol: string | null;
    sales: number;
    volume_eth: number | null;
    wash_volume_eth: number | null;
  }>(
    `${washSql(from)},
     recent AS (SELECT * FROM washed WHERE block_time >= (SELECT max(block_time) FROM sales) - to_days(CAST($days AS INTEGER)))
     SELECT c.contract_address AS address, c.name, c.symbol,
            CAST(count(r.sale_id) AS INTEGER) AS sales,
            coalesce(sum(r.price_eth), 0) AS volume_eth,
            coalesce(sum(r.price_eth) FILTER (WHERE r.is_wash), 0) AS wash_volume_eth
     FROM collections c LEFT JOIN recent r ON r.contract_address = c.contract_address
     GROUP BY ALL ORDER BY volume_eth DESC, address`,
    { days },
  );
  const spark = await warehouse.all<{ address: string; day: string; floor_eth: number }>(
    `${washSql(from)}
     SELECT contract_address AS address, strftime(date_trunc('day', block_time), '%Y-%m-%d') AS day, min(price_eth) AS floor_eth
     FROM washed WHERE NOT is_wash AND block_time >= (SELECT max(block_time) FROM sales) - to_days(CAST($days AS INTEGER))
     GROUP BY ALL ORDER BY address, day`,
    { days },
  );
  const byAddress = new Map<string, { day: string; floorEth: number }[]>();
  for (const s of spark) {
    const list = byAddress.get(s.address) ?? [];
    list.push({ day: s.day, floorEth: s.floor_eth });
    byAddress.set(s.address, list);
  }
  return rows.map((r) => ({
    address: r.address,
    name: r.name ?? r.address,
    symbol: r.symbol ?? "",
    sales: r.sales,
    volumeEth: r.volume_eth ?? 0,
    washVolumeEth: r.wash_volume_eth ?? 0,
    floorSparkEth: byAddress.get(r.address) ?? [],
  }));
}

export interface CollectionOverview {
  address: string;
  name: string;
  symbol: string;
  totalSupply: number | null;
  sales: number;
  volumeEth: number;
  cleanSales: number;
  washSales: number;
  medianPriceEth: number | null;
  holders: number;
  top10SharePct: number | null;
  /** Gini of tokens held per holder (0 = even, 1 = one holder), from E1's collection_stats. */
  holderGini: number | null;
}

/**
 * Headline numbers of one collection (sales, wash split, median, holders, top-10 share, holder
 * Gini); null when the warehouse has no such collection. Unlike nft.ts `getCollectionStats` it
 * counts wash sales too and reads holders from the raw tokens table.
 */
export async function getCollectionOverview({
  warehouse,
  address,
  cleanSales,
}: {
  warehouse: Warehouse;
  address: string;
  /** Where to read sales_clean's rows (wash-sql.ts cleanSalesRelation); checked when absent. */
  cleanSales?: CleanSalesRelation;
}): Promise<CollectionOverview | null> {
  const [c] = await warehouse.all<{ name: string | null; symbol: string | null; total_supply: number | null }>(
    "SELECT name, symbol, CAST(total_supply AS DOUBLE) AS total_supply FROM collections WHERE contract_address = $address",
    { address },
  );
  if (!c) return null;
  const from = cleanSales ?? (await cleanSalesRelation(warehouse));
  const [s] = await warehouse.all<{ sales: number; volume_eth: number; clean: number; wash: number; median_eth: number | null }>(
    `${washOneSql(from)}
     SELECT CAST(count(*) AS INTEGER) AS sales, coalesce(sum(price_eth), 0) AS volume_eth,
            CAST(count(*) FILTER (WHERE NOT is_wash) AS INTEGER) AS clean,
            CAST(count(*) FILTER (WHERE is_wash) AS INTEGER) AS wash,
            median(price_eth) FILTER (WHERE NOT is_wash) AS median_eth
     FROM washed WHERE contract_address = $address`,
    { address },
  );
  const [h] = await warehouse.all<{ holders: number; top10_pct: number | null }>(
    `WITH per_owner AS (SELECT owner, count(*) AS n FROM tokens WHERE contract_address = $address AND owner IS NOT NULL
                          AND owner <> '0x0000000000000000000000000000000000000000' GROUP BY owner),
          ranked AS (SELECT n, row_number() OVER (ORDER BY n DESC, owner) AS rk FROM per_owner)
     SELECT CAST(count(*) AS INTEGER) AS holders,
            100.0 * sum(n) FILTER (WHERE rk <= 10) / nullif(sum(n), 0) AS top10_pct FROM ranked`,
    { address },
  );
  const [g] = (await hasMacro(warehouse, "collection_stats_between"))
    ? await warehouse.all<{ gini: number | null }>("SELECT gini FROM collection_stats WHERE contract_address = $address", { address })
    : [];
  return {
    address,
    holderGini: g?.gini ?? null,
    name: c.name ?? address,
    symbol: c.symbol ?? "",
    totalSupply: c.total_supply,
    sales: s.sales,
    volumeEth: s.volume_eth,
    cleanSales: s.clean,
    washSales: s.wash,
    medianPriceEth: s.median_eth,
    holders: h.holders,
    top10SharePct: h.top10_pct,
  };
}

export interface MarketSummary {
  sales: number;
  volumeEth: number;
  washVolumeEth: number;
  lastBlock: number | null;
  lastSaleTime: string | null;
}

/** Market-wide totals over `days` before the newest sale. */
export async function getMarketSummary({
  warehouse,
  days = 30,
  cleanSales,
}: {
  warehouse: Warehouse;
  days?: number;
  /** Where to read sales_clean's rows (wash-sql.ts cleanSalesRelation); checked when absent. */
  cleanSales?: CleanSalesRelation;
}): Promise<MarketSummary> {
  const from = cleanSales ?? (await cleanSalesRelation(warehouse));
  const [m] = await warehouse.all<{ sales: number; volume_eth: number; wash_eth: number; last_time: string | null }>(
    `${washSql(from)}
     SELECT CAST(count(*) AS INTEGER) AS sales, coalesce(sum(price_eth), 0) AS volume_eth,
            coalesce(sum(price_eth) FILTER (WHERE is_wash), 0) AS wash_eth,
            strftime(max(block_time), '%Y-%m-%d %H:%M UTC') AS last_time
     FROM washed WHERE block_time >= (SELECT max(block_time) FROM sales) - to_days(CAST($days AS INTEGER))`,
    { days },
  );
  const [b] = await warehouse.all<{ last_block: number | null }>(
    "SELECT CAST(greatest((SELECT max(block_number) FROM blocks), (SELECT max(block_number) FROM sales)) AS DOUBLE) AS last_block",
  );
  return { sales: m.sales, volumeEth: m.volume_eth, washVolumeEth: m.wash_eth, lastBlock: b.last_block, lastSaleTime: m.last_time };
}

/**
 * The collection's display name: its name, or the address when it has none; null when the
 * warehouse has no such collection.
 */
export async function getCollectionName({ warehouse, address }: { warehouse: Warehouse; address: string }): Promise<string | null> {
  const [c] = await warehouse.all<{ name: string | null }>("SELECT name FROM collections WHERE contract_address = $address", { address });
  return c ? (c.name ?? address) : null;
}
