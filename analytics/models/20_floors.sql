-- Floors, side by side (domain.md §3); never "the" floor without its name.
-- floor_adaptive: one row per clean sale: Coinbase's adaptive-percentile floor as of that sale
--   (the estimate the published script gives when that sale is the latest), floor_eth in ETH.
--   has_lookback is false for a collection's first sale (Coinbase's −42 placeholder: floor ≈ 0).
-- floor_calibrated: the same rows with Hashfloor's calibrated floor (docs/decisions/0007-*.md).
-- Both read floor_points, filled by analytics/floors/refresh.ts (run it after a sync).
CREATE OR REPLACE VIEW floor_adaptive AS
SELECT
  contract_address, block_number, tx_hash, trade_index, log_index, sale_id, block_time,
  trade_number, price_eth,
  exp(adaptive_log_floor) AS floor_eth,
  adaptive_quantile AS quantile_adj,
  adaptive_backtest_share AS backtest_share,
  trade_number > 0 AS has_lookback,
  methodology_version
FROM floor_points;

CREATE OR REPLACE VIEW floor_calibrated AS
SELECT
  contract_address, block_number, tx_hash, trade_index, log_index, sale_id, block_time,
  trade_number, price_eth,
  exp(calibrated_log_floor) AS floor_eth,
  calibrated_offset AS offset_log,
  methodology_version
FROM floor_points;
