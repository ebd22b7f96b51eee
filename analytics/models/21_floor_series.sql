-- floor_series(contract, bucket_width, sale_window, twap_window): floors per collection and time
-- bucket (buckets that hold at least one clean sale), every column in ETH:
--   sale_floor_eth        lowest clean sale in the trailing sale_window ending at the bucket's end
--                         (icy.tools' sale floor; sale_window a multiple of bucket_width);
--   adaptive_floor_eth    Coinbase's adaptive floor as of the bucket's last sale (spot);
--   calibrated_floor_eth  Hashfloor's calibrated floor as of the bucket's last sale;
--   twap_floor_eth        time-weighted average of the adaptive floor over the trailing twap_window
--                         (Reservoir's oracle): Σ floor_i·(end_i − start_i) / (max end − min start);
--   twap_lower_eth / twap_upper_eth = min / max(spot, twap).
--   Spot and TWAP start at a collection's second clean sale (the first has no lookback).
-- Parameters: contract (address, or NULL for all), bucket_width, sale_window, twap_window (INTERVALs).
-- floor_daily / floor_hourly: the series with 1-day buckets (1-day windows) and 1-hour buckets
-- (24-hour windows).
CREATE OR REPLACE MACRO floor_series(contract, bucket_width, sale_window, twap_window) AS TABLE
WITH clean AS (
  -- The snapshot (as of the last refresh, like floor_points): the live view costs seconds at scale.
  SELECT contract_address, block_time, price_eth
  FROM sales_clean_snapshot
  WHERE NOT is_wash AND price_eth > 0 AND (contract IS NULL OR contract_address = contract)
),
buckets AS (
  SELECT
    contract_address,
    time_bucket(bucket_width, block_time) AS bucket_start,
    time_bucket(bucket_width, block_time) + bucket_width AS bucket_end,
    count(*) AS clean_sales,
    sum(price_eth) AS volume_eth,
    min(price_eth) AS bucket_min_eth
  FROM clean
  GROUP BY ALL
),
sale_floor AS (
  SELECT
    *,
    min(bucket_min_eth) OVER (
      PARTITION BY contract_address ORDER BY bucket_start
      RANGE BETWEEN (sale_window - bucket_width) PRECEDING AND CURRENT ROW
    ) AS sale_floor_eth
  FROM buckets
),
points AS (
  SELECT contract_address, block_time, trade_number, exp(adaptive_log_floor) AS adaptive_floor_eth, exp(calibrated_log_floor) AS calibrated_floor_eth
  FROM floor_points
  -- A collection's first sale has no lookback (Coinbase's placeholder gives ≈ 0): no estimate yet.
  WHERE (contract IS NULL OR contract_address = contract) AND trade_number > 0
),
last_in_time AS (
  -- Several sales in one block share a time: the last one's floor holds from then on.
  SELECT contract_address, block_time, arg_max(adaptive_floor_eth, trade_number) AS adaptive_floor_eth, arg_max(calibrated_floor_eth, trade_number) AS calibrated_floor_eth
  FROM points
  GROUP BY ALL
),
segments AS (
  SELECT
    contract_address,
    adaptive_floor_eth,
    epoch(block_time) AS start_s,
    coalesce(epoch(lead(block_time) OVER (PARTITION BY contract_address ORDER BY block_time)), 'infinity'::DOUBLE) AS end_s
  FROM last_in_time
),
spot AS (
  SELECT b.contract_address, b.bucket_start, p.adaptive_floor_eth, p.calibrated_floor_eth
  FROM sale_floor AS b
  ASOF LEFT JOIN last_in_time AS p ON p.contract_address = b.contract_address AND b.bucket_end > p.block_time
),
twap AS (
  SELECT
    b.contract_address,
    b.bucket_start,
    sum(g.adaptive_floor_eth * (least(g.end_s, epoch(b.bucket_end)) - greatest(g.start_s, epoch(b.bucket_end - twap_window))))
      / nullif(epoch(b.bucket_end) - greatest(min(g.start_s), epoch(b.bucket_end - twap_window)), 0) AS twap_floor_eth
  FROM sale_floor AS b
  JOIN segments AS g
    ON g.contract_address = b.contract_address
   AND g.start_s < epoch(b.bucket_end)
   AND g.end_s > epoch(b.bucket_end - twap_window)
  GROUP BY b.contract_address, b.bucket_start, b.bucket_end
)
SELECT
  f.contract_address,
  f.bucket_start,
  f.bucket_end,
  f.clean_sales,
  f.volume_eth,
  f.sale_floor_eth,
  s.adaptive_floor_eth,
  s.calibrated_floor_eth,
  t.twap_floor_eth,
  least(s.adaptive_floor_eth, t.twap_floor_eth) AS twap_lower_eth,
  greatest(s.adaptive_floor_eth, t.twap_floor_eth) AS twap_upper_eth
FROM sale_floor AS f
LEFT JOIN spot AS s USING (contract_address, bucket_start)
LEFT JOIN twap AS t USING (contract_address, bucket_start);

CREATE OR REPLACE VIEW floor_daily AS
FROM floor_series(NULL, INTERVAL 1 DAY, INTERVAL 1 DAY, INTERVAL 1 DAY);

CREATE OR REPLACE VIEW floor_hourly AS
FROM floor_series(NULL, INTERVAL 1 HOUR, INTERVAL 24 HOUR, INTERVAL 24 HOUR);

-- floor_daily_snapshot: floor_series with the collection page's parameters (1-day buckets, 7-day
-- sale window, 1-day TWAP) for every collection. refreshFloors rewrites it in the transaction that
-- rewrites floor_points, so it holds what the macro answers as of the last refresh; the page reads
-- one collection's rows (~2 ms) instead of running the macro (~25 ms at 1M sales). Filled here when
-- first created (a warehouse refreshed before it existed).
CREATE TABLE IF NOT EXISTS floor_daily_snapshot AS
SELECT * FROM floor_series(NULL, INTERVAL 1 DAY, INTERVAL 7 DAY, INTERVAL 1 DAY)
ORDER BY contract_address, bucket_start;
