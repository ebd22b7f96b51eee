-- Mining: expected coins per day, and the day-by-day profitability projection with payback.
--
-- mining_coins_per_day: coins a machine of `hashrate_hps` (hashes/s) mines per day at `difficulty`,
--   for a block paying `reward_coin + fees_coin` (coins), after a pool fee (fraction 0..1) and uptime
--   (fraction 0..1). Coins/day = 86400 . H . (subsidy + fees) / (D . hashes_per_difficulty) . (1 - fee).
--
-- mining_projection(legs, start_date, horizon_days, hashrate_hps, power_w, uptime_fraction,
--   power_usd_per_kwh, hosting_usd_per_day, pool_fee_fraction, difficulty_growth_per_day,
--   price_growth_per_month, switch_off_when_losing, hardware_cost_usd): one row per day from
--   start_date. `legs` is a list of {coin, difficulty, height, fees_per_block_coin, price_usd}: one
--   coin, or two for merged Scrypt mining (LTC + DOGE share the same hashes). Per day and leg: the
--   height advances by target blocks per day; difficulty steps every step_blocks by the growth
--   compounded over that step's days; the reward steps by height (halvings, eras); the price follows
--   (1 + price_growth_per_month)^(day / 30.436875). A machine is switched off on a day whose revenue
--   does not cover its power cost when switch_off_when_losing (hosting is paid either way).
--   Columns: revenue_usd, power_cost_usd, hosting_cost_usd, profit_usd, cumulative_profit_usd,
--   net_position_usd (cumulative minus hardware cost), is_running, legs (per-coin detail).

CREATE OR REPLACE MACRO mining_coins_per_day(coin, hashrate_hps, difficulty, reward_coin, fees_coin, pool_fee_fraction, uptime_fraction) AS
  86400.0 * hashrate_hps * uptime_fraction * (reward_coin + fees_coin)
  / nullif(mining_hashes_per_block(coin, difficulty), 0) * (1 - pool_fee_fraction);

CREATE OR REPLACE MACRO mining_projection(legs, start_date, horizon_days, hashrate_hps, power_w, uptime_fraction,
    power_usd_per_kwh, hosting_usd_per_day, pool_fee_fraction, difficulty_growth_per_day, price_growth_per_month,
    switch_off_when_losing, hardware_cost_usd) AS TABLE
WITH day_series AS (
  SELECT range AS day_index FROM range(horizon_days::BIGINT)
),
leg_inputs AS (
  SELECT unnest(legs) AS leg, generate_subscripts(legs, 1) AS leg_index
),
leg_heights AS (
  SELECT d.day_index, i.leg_index, i.leg.coin AS leg_coin, i.leg.difficulty AS start_difficulty,
    i.leg.height AS start_height, i.leg.fees_per_block_coin AS leg_fees_coin, i.leg.price_usd AS start_price_usd,
    i.leg.height + floor(d.day_index * 86400.0 / p.block_time_s)::BIGINT AS leg_height,
    p.block_time_s, p.step_blocks
  FROM day_series d CROSS JOIN leg_inputs i JOIN mining_coin_params p ON p.coin = i.leg.coin
),
leg_days AS (
  SELECT day_index, leg_index, leg_coin, leg_height, leg_fees_coin,
    -- steps taken since the start, each compounding the daily growth over the step's length in days
    start_difficulty * power(1 + difficulty_growth_per_day,
      (leg_height // step_blocks - start_height // step_blocks) * step_blocks * block_time_s / 86400.0) AS leg_difficulty,
    mining_block_reward_coin(leg_coin, leg_height) AS leg_reward_coin,
    start_price_usd * power(1 + price_growth_per_month, day_index / 30.436875) AS leg_price_usd
  FROM leg_heights
),
leg_yield AS (
  SELECT *,
    mining_coins_per_day(leg_coin, hashrate_hps, leg_difficulty, leg_reward_coin, leg_fees_coin, pool_fee_fraction, uptime_fraction) AS leg_coins
  FROM leg_days
),
daily_potential AS (
  SELECT day_index,
    sum(leg_coins * leg_price_usd) AS potential_revenue_usd,
    power_w / 1000.0 * 24 * uptime_fraction * power_usd_per_kwh AS potential_power_cost_usd,
    list({coin: leg_coin, height: leg_height, difficulty: leg_difficulty, block_reward_coin: leg_reward_coin,
          fees_per_block_coin: leg_fees_coin, coin_price_usd: leg_price_usd, coins_per_day: leg_coins,
          revenue_usd_per_day: leg_coins * leg_price_usd} ORDER BY leg_index) AS legs_detail
  FROM leg_yield GROUP BY day_index
),
daily AS (
  SELECT *,
    (NOT switch_off_when_losing) OR potential_revenue_usd > potential_power_cost_usd AS running
  FROM daily_potential
),
daily_profit AS (
  SELECT day_index, running, potential_revenue_usd, potential_power_cost_usd, legs_detail,
    CASE WHEN running THEN potential_revenue_usd ELSE 0 END AS day_revenue_usd,
    CASE WHEN running THEN potential_power_cost_usd ELSE 0 END AS day_power_cost_usd,
    hosting_usd_per_day AS day_hosting_cost_usd
  FROM daily
)
SELECT
  day_index,
  (start_date::DATE + day_index::INTEGER) AS day,
  running AS is_running,
  day_revenue_usd AS revenue_usd,
  day_power_cost_usd AS power_cost_usd,
  day_hosting_cost_usd AS hosting_cost_usd,
  day_revenue_usd - day_power_cost_usd - day_hosting_cost_usd AS profit_usd,
  sum(day_revenue_usd - day_power_cost_usd - day_hosting_cost_usd) OVER (ORDER BY day_index) AS cumulative_profit_usd,
  sum(day_revenue_usd - day_power_cost_usd - day_hosting_cost_usd) OVER (ORDER BY day_index) - hardware_cost_usd AS net_position_usd,
  potential_revenue_usd,
  potential_power_cost_usd,
  legs_detail AS legs
FROM daily_profit
ORDER BY day_index;

-- Payback summary over a projection (same parameters): first day the cumulative profit covers the
-- hardware cost (NULL when it never does within the horizon), next to the naive payback that assumes
-- day 0's profit forever (NULL when day 0 makes no profit).
CREATE OR REPLACE MACRO mining_payback(legs, start_date, horizon_days, hashrate_hps, power_w, uptime_fraction,
    power_usd_per_kwh, hosting_usd_per_day, pool_fee_fraction, difficulty_growth_per_day, price_growth_per_month,
    switch_off_when_losing, hardware_cost_usd) AS TABLE
WITH projected AS MATERIALIZED (
  SELECT * FROM mining_projection(legs, start_date, horizon_days, hashrate_hps, power_w, uptime_fraction,
    power_usd_per_kwh, hosting_usd_per_day, pool_fee_fraction, difficulty_growth_per_day, price_growth_per_month,
    switch_off_when_losing, hardware_cost_usd)
),
first_day AS (
  SELECT profit_usd FROM projected WHERE day_index = 0
)
SELECT
  (SELECT min(day_index) FROM projected WHERE cumulative_profit_usd >= hardware_cost_usd) + 1 AS payback_days,
  (SELECT min(day) FROM projected WHERE cumulative_profit_usd >= hardware_cost_usd) AS payback_day,
  CASE WHEN (SELECT profit_usd FROM first_day) > 0 THEN hardware_cost_usd / (SELECT profit_usd FROM first_day) END AS naive_payback_days,
  (SELECT count(*) FILTER (WHERE is_running) FROM projected) AS days_running,
  (SELECT count(*) FROM projected) AS days_projected,
  (SELECT max_by(cumulative_profit_usd, day_index) FROM projected) AS total_profit_usd;

-- Hashprice per leg (Luxor / Hashrate Index definition): what 1 TH/s earns in a day before pool fee,
-- in coins and in USD: 86400 . 10^12 / (D . hashes_per_difficulty) . (subsidy + fees) . price.
-- Also the network hashrate implied by the difficulty (hashes/s) and the subsidy at the height.
CREATE OR REPLACE MACRO mining_hashprice(legs) AS TABLE
WITH leg_inputs AS (
  SELECT unnest(legs) AS leg, generate_subscripts(legs, 1) AS leg_index
)
SELECT
  leg_index,
  leg.coin AS coin,
  mining_network_hashrate_hps(leg.coin, leg.difficulty) AS network_hashrate_hps,
  mining_block_reward_coin(leg.coin, leg.height) AS block_reward_coin,
  mining_coins_per_day(leg.coin, 1e12, leg.difficulty, mining_block_reward_coin(leg.coin, leg.height), leg.fees_per_block_coin, 0, 1)
    AS hashprice_coin_per_th_day,
  mining_coins_per_day(leg.coin, 1e12, leg.difficulty, mining_block_reward_coin(leg.coin, leg.height), leg.fees_per_block_coin, 0, 1)
    * leg.price_usd AS hashprice_usd_per_th_day
FROM leg_inputs
ORDER BY leg_index;
