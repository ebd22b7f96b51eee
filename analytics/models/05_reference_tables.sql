-- Small reference tables the NFT models read (created here, idempotently, because they belong to
-- the models rather than to the raw sync contract; sync may add rows).
-- eth_currencies: ERC-20s priced 1:1 with ETH (WETH, Blur Pool). A sale paid in the native coin or
--   in one of these has price_eth = price_wei / 1e18; other currencies get no ETH price.
--   The devnet's WETH address comes from deployment.json: sync inserts it.
-- flash_loan_txs: transactions that took a flash loan (wash rule 5, mainnet only); empty when
--   nobody indexed flash-loan events, in which case rule 5 is false ("unknowable").
-- floor_points: per clean sale, the adaptive (Coinbase) and calibrated floors, written by
--   analytics/floors/refresh.ts `refreshFloors` (the lookback/backtest logic lives in TypeScript).
-- valuation_*: written by analytics/nft/valuation.ts `refreshValuations`.
CREATE TABLE IF NOT EXISTS eth_currencies (
  address VARCHAR PRIMARY KEY,
  note VARCHAR
);
INSERT OR IGNORE INTO eth_currencies VALUES
  ('0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2', 'WETH (mainnet)'),
  ('0x0000000000a39bb272e79075ade125fd351887ac', 'Blur Pool (mainnet)');

CREATE TABLE IF NOT EXISTS flash_loan_txs (
  tx_hash VARCHAR PRIMARY KEY,
  provider VARCHAR
);

CREATE TABLE IF NOT EXISTS floor_points (
  sale_id VARCHAR PRIMARY KEY,
  contract_address VARCHAR NOT NULL,
  block_number BIGINT NOT NULL,
  block_time TIMESTAMP NOT NULL,
  tx_hash VARCHAR NOT NULL,
  log_index INTEGER,
  trade_index INTEGER NOT NULL,
  trade_number INTEGER NOT NULL,       -- position in the collection's clean (block, position) order
  price_eth DOUBLE NOT NULL,
  adaptive_hit BOOLEAN NOT NULL,       -- at or below the 5% quantile of its own cleaned lookback
  adaptive_backtest_share DOUBLE NOT NULL,
  adaptive_quantile DOUBLE NOT NULL,   -- q_adj in [0.02, 0.10]
  adaptive_log_floor DOUBLE NOT NULL,  -- ln(floor in ETH) as of this sale
  calibrated_offset DOUBLE NOT NULL,
  calibrated_log_floor DOUBLE NOT NULL,
  methodology_version VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS valuation_models (
  contract_address VARCHAR PRIMARY KEY,
  ridge_lambda DOUBLE NOT NULL,
  train_sales INTEGER NOT NULL,
  calibration_sales INTEGER NOT NULL,
  test_sales INTEGER NOT NULL,
  intercept_log DOUBLE NOT NULL,         -- log(price / floor) of a token with no trait premium
  interval_half_width_log DOUBLE,         -- split-conformal quantile of |residual|, log units (NULL: too few)
  coverage_level DOUBLE NOT NULL,        -- nominal, e.g. 0.8
  backtest_mape DOUBLE,                  -- on the test sales (chronologically last)
  backtest_coverage DOUBLE,
  baseline_mape DOUBLE,                  -- floor alone as the estimate, same test sales
  floor_now_eth DOUBLE,
  fitted_at TIMESTAMP NOT NULL,
  methodology_version VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS valuation_coefficients (
  contract_address VARCHAR NOT NULL,
  trait_type VARCHAR NOT NULL,
  trait_value VARCHAR NOT NULL,
  coefficient_log DOUBLE NOT NULL,       -- premium in log(price / floor)
  PRIMARY KEY (contract_address, trait_type, trait_value)
);

-- Per clean sale used by the valuation fit: which split it fell in and the model's estimate for it
-- (floor before the sale · exp(prediction)) with its conformal interval.
CREATE TABLE IF NOT EXISTS valuation_predictions (
  sale_id VARCHAR PRIMARY KEY,
  contract_address VARCHAR NOT NULL,
  split VARCHAR NOT NULL,                -- 'train' | 'calibration' | 'test'
  price_eth DOUBLE NOT NULL,
  floor_before_eth DOUBLE NOT NULL,
  estimate_eth DOUBLE NOT NULL,
  lower_eth DOUBLE,
  upper_eth DOUBLE
);

-- sales_clean_snapshot: sales_wash_live as of the last refreshModels (analytics/models/refresh.ts);
-- created empty here with the same columns so sales_clean can read it before any refresh.
CREATE TABLE IF NOT EXISTS sales_clean_snapshot (
  sale_id VARCHAR, source VARCHAR, block_number BIGINT, block_time TIMESTAMP, tx_hash VARCHAR,
  log_index INTEGER, trade_index INTEGER, contract_address VARCHAR, token_id VARCHAR, buyer VARCHAR,
  seller VARCHAR, price_wei HUGEINT, seller_proceeds_wei HUGEINT, marketplace_fee_wei HUGEINT,
  royalty_wei HUGEINT, currency VARCHAR, is_bundle BOOLEAN, price_is_estimated BOOLEAN,
  marketplace VARCHAR, marketplace_version VARCHAR, order_hash VARCHAR,
  price_eth DOUBLE, eth_usd DOUBLE, price_usd DOUBLE,
  rule1_self_trade BOOLEAN, rule2_back_and_forth BOOLEAN, rule3_repeat_party BOOLEAN,
  rule4_common_funder BOOLEAN, rule5_flash_loan BOOLEAN, rule6_dust_price BOOLEAN,
  rule7_reward_farming BOOLEAN, is_wash BOOLEAN
);

-- sales_clean_snapshot_state: the watermark of sales_clean_snapshot, written in the same transaction
-- (analytics/models/snapshot.ts). covered_sales = sales at the refresh, max_rowid = the highest sales
-- rowid it covers (-1 when none), last_sale_id = the sale at that rowid. sales_clean uses it to read
-- only the sales appended since (rowid > max_rowid) instead of comparing every sale id.
CREATE TABLE IF NOT EXISTS sales_clean_snapshot_state (
  covered_sales BIGINT NOT NULL,
  max_rowid BIGINT NOT NULL,
  last_sale_id VARCHAR,
  refreshed_at TIMESTAMP NOT NULL
);

-- collection_holder_stats: holder concentration per collection from current token owners, as of
-- the last refreshModels (grouping millions of (collection, owner) pairs is too slow to redo on
-- every stats query). holders = distinct owners (zero address excluded), top10_share = share of
-- held tokens owned by the 10 largest holders, gini = Gini of tokens held per holder.
CREATE TABLE IF NOT EXISTS collection_holder_stats (
  contract_address VARCHAR PRIMARY KEY,
  holders BIGINT NOT NULL,
  top10_share DOUBLE,
  gini DOUBLE,
  computed_at TIMESTAMP NOT NULL
);
