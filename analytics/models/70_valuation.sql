-- Valuation views over the hedonic models fitted by analytics/nft/valuation.ts (domain.md §6).
-- valuation_backtest: per collection, backtest MAPE of the model on its latest 20% of clean sales,
--   the floor-only baseline MAPE on the same sales (NFTBank's published baseline is 10–14%), the
--   empirical coverage of the split-conformal interval and its nominal level, sample sizes, λ.
-- valuation_tokens: per token of a modelled collection: floor_now_eth (calibrated floor as of the
--   latest clean sale; the model is fit on log(price / calibrated floor before the sale)),
--   base_eth = floor · exp(intercept), estimate_eth = floor · exp(intercept +
--   Σ trait premiums), lower_eth / upper_eth = estimate · exp(∓ conformal half-width).
-- valuation_waterfall: per token, the steps floor → base → each trait premium (trait order by
--   name), with value_before_eth, value_after_eth and delta_eth.
CREATE OR REPLACE VIEW valuation_backtest AS
SELECT
  contract_address, backtest_mape, baseline_mape, backtest_coverage, coverage_level,
  train_sales, calibration_sales, test_sales, ridge_lambda, fitted_at, methodology_version
FROM valuation_models;

CREATE OR REPLACE VIEW valuation_token_premiums AS
SELECT t.contract_address, t.token_id, t.trait_type, t.trait_value, coalesce(c.coefficient_log, 0) AS coefficient_log
FROM rarity_token_traits AS t
JOIN valuation_models AS m USING (contract_address)
LEFT JOIN valuation_coefficients AS c USING (contract_address, trait_type, trait_value);

CREATE OR REPLACE VIEW valuation_tokens AS
SELECT
  p.contract_address,
  p.token_id,
  any_value(m.floor_now_eth) AS floor_now_eth,
  any_value(m.floor_now_eth) * exp(any_value(m.intercept_log)) AS base_eth,
  any_value(m.floor_now_eth) * exp(any_value(m.intercept_log) + sum(p.coefficient_log)) AS estimate_eth,
  any_value(m.floor_now_eth) * exp(any_value(m.intercept_log) + sum(p.coefficient_log) - any_value(m.interval_half_width_log)) AS lower_eth,
  any_value(m.floor_now_eth) * exp(any_value(m.intercept_log) + sum(p.coefficient_log) + any_value(m.interval_half_width_log)) AS upper_eth,
  any_value(m.coverage_level) AS coverage_level,
  any_value(m.methodology_version) AS methodology_version
FROM valuation_token_premiums AS p
JOIN valuation_models AS m USING (contract_address)
GROUP BY p.contract_address, p.token_id;

CREATE OR REPLACE VIEW valuation_waterfall AS
WITH premiums AS (
  SELECT
    p.*,
    m.floor_now_eth,
    m.intercept_log + sum(p.coefficient_log) OVER (
      PARTITION BY p.contract_address, p.token_id ORDER BY p.trait_type ROWS UNBOUNDED PRECEDING
    ) AS cumulative_log,
    row_number() OVER (PARTITION BY p.contract_address, p.token_id ORDER BY p.trait_type) AS step_order
  FROM valuation_token_premiums AS p
  JOIN valuation_models AS m USING (contract_address)
),
tokens AS (
  SELECT DISTINCT p.contract_address, p.token_id, m.floor_now_eth, m.intercept_log
  FROM valuation_token_premiums AS p
  JOIN valuation_models AS m USING (contract_address)
)
SELECT contract_address, token_id, 0 AS step_order, 'floor' AS step, NULL AS trait_type, NULL AS trait_value,
       0.0 AS value_before_eth, floor_now_eth AS value_after_eth, floor_now_eth AS delta_eth
FROM tokens
UNION ALL
SELECT contract_address, token_id, 1, 'base', NULL, NULL,
       floor_now_eth, floor_now_eth * exp(intercept_log), floor_now_eth * exp(intercept_log) - floor_now_eth
FROM tokens
UNION ALL
SELECT contract_address, token_id, 1 + step_order, 'trait', trait_type, trait_value,
       floor_now_eth * exp(cumulative_log - coefficient_log), floor_now_eth * exp(cumulative_log),
       floor_now_eth * exp(cumulative_log) - floor_now_eth * exp(cumulative_log - coefficient_log)
FROM premiums;
