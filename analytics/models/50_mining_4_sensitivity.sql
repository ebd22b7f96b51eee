-- Mining: profit per day as a grid over power price x coin price (today's network state).
--
-- mining_sensitivity(legs, hashrate_hps, power_w, uptime_fraction, hosting_usd_per_day,
--   pool_fee_fraction, power_prices_usd_per_kwh, coin_prices_usd): one row per (power price, coin
--   price). `legs` as in mining_projection; coin_prices_usd are prices of the first leg's coin, and
--   every other leg's price scales by the same factor (merged LTC + DOGE move together). The profit
--   here is the machine running all day, so a losing cell shows its loss (no switch-off).
CREATE OR REPLACE MACRO mining_sensitivity(legs, hashrate_hps, power_w, uptime_fraction, hosting_usd_per_day,
    pool_fee_fraction, power_prices_usd_per_kwh, coin_prices_usd) AS TABLE
WITH leg_inputs AS (
  SELECT unnest(legs) AS leg, generate_subscripts(legs, 1) AS leg_index
),
leg_yield AS (
  SELECT leg_index, leg.price_usd AS leg_price_usd,
    mining_coins_per_day(leg.coin, hashrate_hps, leg.difficulty, mining_block_reward_coin(leg.coin, leg.height),
      leg.fees_per_block_coin, pool_fee_fraction, uptime_fraction) AS leg_coins
  FROM leg_inputs
),
first_leg AS (
  SELECT leg_price_usd AS base_price_usd FROM leg_yield WHERE leg_index = 1
),
power_axis AS (
  SELECT unnest(power_prices_usd_per_kwh) AS grid_power_usd_per_kwh
),
price_axis AS (
  SELECT unnest(coin_prices_usd) AS grid_coin_price_usd
),
revenue_axis AS (
  SELECT p.grid_coin_price_usd,
    sum(y.leg_coins * y.leg_price_usd * p.grid_coin_price_usd / nullif((SELECT base_price_usd FROM first_leg), 0)) AS grid_revenue_usd
  FROM price_axis p CROSS JOIN leg_yield y GROUP BY p.grid_coin_price_usd
)
SELECT
  w.grid_power_usd_per_kwh AS power_usd_per_kwh,
  r.grid_coin_price_usd AS coin_price_usd,
  r.grid_revenue_usd AS revenue_usd_per_day,
  power_w / 1000.0 * 24 * uptime_fraction * w.grid_power_usd_per_kwh AS power_cost_usd_per_day,
  r.grid_revenue_usd - power_w / 1000.0 * 24 * uptime_fraction * w.grid_power_usd_per_kwh - hosting_usd_per_day AS profit_usd_per_day
FROM power_axis w CROSS JOIN revenue_axis r
ORDER BY power_usd_per_kwh, coin_price_usd;
