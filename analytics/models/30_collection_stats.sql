-- collection_stats_between(start_time, end_time): per collection, as of the last refreshModels
-- (sales_clean_snapshot; the live rule evaluation costs seconds at scale), clean (non-wash) ETH-priced sales
-- with block_time in [start_time, end_time) (NULL = unbounded), and current holdings:
--   clean_sales, volume_eth, volume_usd, avg/median price in ETH and USD (USD at sale time via
--   ETH/USD price points), unique_buyers, unique_sellers, wash_sales and wash_volume_eth (the
--   excluded rows, for the wash share), and from collection_holder_stats (as of the last
--   refreshModels): holders, top10_share (0..1) and gini (of tokens held per holder, 0..1).
CREATE OR REPLACE MACRO collection_stats_between(start_time, end_time) AS TABLE
WITH in_window AS (
  SELECT *
  FROM sales_clean_snapshot
  WHERE price_eth IS NOT NULL
    AND (start_time IS NULL OR block_time >= start_time)
    AND (end_time IS NULL OR block_time < end_time)
),
sale_stats AS (
  SELECT
    contract_address,
    count(*) FILTER (WHERE NOT is_wash) AS clean_sales,
    coalesce(sum(price_eth) FILTER (WHERE NOT is_wash), 0) AS volume_eth,
    sum(price_usd) FILTER (WHERE NOT is_wash) AS volume_usd,
    avg(price_eth) FILTER (WHERE NOT is_wash) AS avg_price_eth,
    median(price_eth) FILTER (WHERE NOT is_wash) AS median_price_eth,
    avg(price_usd) FILTER (WHERE NOT is_wash) AS avg_price_usd,
    median(price_usd) FILTER (WHERE NOT is_wash) AS median_price_usd,
    count(DISTINCT buyer) FILTER (WHERE NOT is_wash) AS unique_buyers,
    count(DISTINCT seller) FILTER (WHERE NOT is_wash) AS unique_sellers,
    count(*) FILTER (WHERE is_wash) AS wash_sales,
    coalesce(sum(price_eth) FILTER (WHERE is_wash), 0) AS wash_volume_eth
  FROM in_window
  GROUP BY ALL
)
SELECT
  s.contract_address,
  s.clean_sales,
  s.volume_eth,
  s.volume_usd,
  s.avg_price_eth,
  s.median_price_eth,
  s.avg_price_usd,
  s.median_price_usd,
  s.unique_buyers,
  s.unique_sellers,
  s.wash_sales,
  s.wash_volume_eth,
  coalesce(c.holders, 0) AS holders,
  c.top10_share,
  c.gini
FROM sale_stats AS s
LEFT JOIN collection_holder_stats AS c USING (contract_address);

-- collection_stats: the all-time stats as stored by refreshModels (refreshCollectionStats) in
-- collection_stats_snapshot: exact distinct counts and medians over millions of sales cost seconds,
-- so the all-collections table is computed once per refresh. collection_stats_between stays
-- on-demand for other windows.
-- Created empty with the macro's columns (refresh replaces it with CREATE OR REPLACE … AS).
CREATE TABLE IF NOT EXISTS collection_stats_snapshot (
  contract_address VARCHAR, clean_sales BIGINT, volume_eth DOUBLE, volume_usd DOUBLE,
  avg_price_eth DOUBLE, median_price_eth DOUBLE, avg_price_usd DOUBLE, median_price_usd DOUBLE,
  unique_buyers BIGINT, unique_sellers BIGINT, wash_sales BIGINT, wash_volume_eth DOUBLE,
  holders BIGINT, top10_share DOUBLE, gini DOUBLE
);

CREATE OR REPLACE VIEW collection_stats AS
FROM collection_stats_snapshot;

-- collection_holder_stats_live: what refreshModels stores in collection_holder_stats.
CREATE OR REPLACE VIEW collection_holder_stats_live AS
WITH holdings AS (
  SELECT contract_address, owner, count(*) AS tokens_held
  FROM tokens
  WHERE owner IS NOT NULL AND owner <> '0x0000000000000000000000000000000000000000'
  GROUP BY ALL
),
ranked AS (
  SELECT
    *,
    row_number() OVER (PARTITION BY contract_address ORDER BY tokens_held DESC, owner) AS rank_desc,
    row_number() OVER (PARTITION BY contract_address ORDER BY tokens_held ASC, owner) AS rank_asc
  FROM holdings
)
SELECT
  contract_address,
  count(*) AS holders,
  sum(tokens_held) FILTER (WHERE rank_desc <= 10) / sum(tokens_held) AS top10_share,
  -- Gini of sorted holdings x_1 ≤ … ≤ x_n: 2·Σ i·x_i / (n·Σ x) − (n + 1) / n.
  2.0 * sum(rank_asc * tokens_held) / (count(*) * sum(tokens_held)) - (count(*) + 1.0) / count(*) AS gini
FROM ranked
GROUP BY ALL;
