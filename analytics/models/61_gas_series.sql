-- Base-fee series and heatmap over gas_blocks (units: gwei unless named otherwise).
-- gas_base_fee_hourly: per UTC hour: blocks, min/avg/median/max base fee, average gas_used_ratio,
--   burned_eth.
-- gas_base_fee_heatmap: hour-of-week of the base fee: iso_day_of_week (1 = Monday … 7 = Sunday),
--   hour_of_day (UTC 0–23), blocks, avg and median base fee.
-- gas_block_priority_fees: per block, the 10th/20th/30th percentile of the effective priority fee
--   (gas price − base fee, wei) weighted by gas used, as eth_feeHistory's `reward` computes it
--   (the first transaction, by ascending tip, whose cumulative gas reaches p% of the block's gas).
CREATE OR REPLACE VIEW gas_base_fee_hourly AS
SELECT
  date_trunc('hour', block_time) AS hour_start,
  count(*) AS blocks,
  min(base_fee_per_gas_gwei) AS min_base_fee_gwei,
  avg(base_fee_per_gas_gwei) AS avg_base_fee_gwei,
  median(base_fee_per_gas_gwei) AS median_base_fee_gwei,
  max(base_fee_per_gas_gwei) AS max_base_fee_gwei,
  avg(gas_used_ratio) AS avg_gas_used_ratio,
  sum(burned_eth) AS burned_eth
FROM gas_blocks
WHERE base_fee_per_gas_wei IS NOT NULL
GROUP BY ALL;

CREATE OR REPLACE VIEW gas_base_fee_heatmap AS
SELECT
  isodow(block_time) AS iso_day_of_week,
  hour(block_time) AS hour_of_day,
  count(*) AS blocks,
  avg(base_fee_per_gas_gwei) AS avg_base_fee_gwei,
  median(base_fee_per_gas_gwei) AS median_base_fee_gwei
FROM gas_blocks
WHERE base_fee_per_gas_wei IS NOT NULL
GROUP BY ALL;

CREATE OR REPLACE VIEW gas_block_priority_fees AS
WITH tips AS (
  SELECT
    block_number,
    gas_price_wei - base_fee_per_gas_wei AS tip_wei,
    sum(gas_used) OVER (PARTITION BY block_number ORDER BY gas_price_wei, tx_hash ROWS UNBOUNDED PRECEDING) AS cumulative_gas,
    sum(gas_used) OVER (PARTITION BY block_number) AS block_gas
  FROM transactions
  WHERE base_fee_per_gas_wei IS NOT NULL
)
SELECT
  block_number,
  count(*) AS transactions,
  min(tip_wei) FILTER (WHERE cumulative_gas >= floor(block_gas * 0.10)) AS reward_p10_wei,
  min(tip_wei) FILTER (WHERE cumulative_gas >= floor(block_gas * 0.20)) AS reward_p20_wei,
  min(tip_wei) FILTER (WHERE cumulative_gas >= floor(block_gas * 0.30)) AS reward_p30_wei
FROM tips
GROUP BY ALL;
