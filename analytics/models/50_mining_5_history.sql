-- Mining: what loaded history says — the difficulty trend and a backtest of a machine bought on a day.
--
-- mining_difficulty_trend(coin_id, as_of, window_days): compound daily growth of difficulty fitted as
--   a least-squares line through ln(difficulty) over the days in (as_of - window_days, as_of];
--   growth_per_day is a fraction (0.002 = +0.2 %/day). NULL growth when fewer than 2 points.
CREATE OR REPLACE MACRO mining_difficulty_trend(coin_id, as_of, window_days) AS TABLE
SELECT
  exp(regr_slope(ln(difficulty), datediff('day', DATE '2000-01-01', day))) - 1 AS growth_per_day,
  count(*) AS points,
  min(day) AS from_day,
  max(day) AS to_day
FROM mining_history
WHERE coin = coin_id AND day <= as_of::DATE AND day > as_of::DATE - window_days::INTEGER AND difficulty > 0;

-- mining_backtest(coins, start_date, end_date, hashrate_hps, power_w, uptime_fraction,
--   power_usd_per_kwh, hosting_usd_per_day, pool_fee_fraction, switch_off_when_losing,
--   hardware_cost_usd): what a machine bought on start_date really earned each day to end_date, from
--   mining_history (the latest row on or before each day; days before a coin's first row are left
--   out). `coins` lists the coins mined with the same hashes (['ltc', 'doge'] for merged Scrypt).
--   The height advances from the row's height by target blocks per day, so a halving between two
--   history rows lands on the right day. Columns as mining_projection.
CREATE OR REPLACE MACRO mining_backtest(coins, start_date, end_date, hashrate_hps, power_w, uptime_fraction,
    power_usd_per_kwh, hosting_usd_per_day, pool_fee_fraction, switch_off_when_losing, hardware_cost_usd) AS TABLE
WITH day_series AS (
  SELECT unnest(generate_series(start_date::DATE, end_date::DATE, INTERVAL 1 DAY))::DATE AS series_day
),
coin_list AS (
  SELECT unnest(coins) AS list_coin, generate_subscripts(coins, 1) AS leg_index
),
leg_days AS (
  SELECT s.series_day, c.list_coin, c.leg_index FROM day_series s CROSS JOIN coin_list c
),
observed AS (
  SELECT l.series_day, l.list_coin AS leg_coin, l.leg_index, h.difficulty AS leg_difficulty,
    h.price_usd AS leg_price_usd, coalesce(h.fees_per_block_coin, 0) AS leg_fees_coin,
    h.height + floor(datediff('day', h.day, l.series_day) * 86400.0 / p.block_time_s)::BIGINT AS leg_height
  FROM leg_days l
  ASOF JOIN mining_history h ON h.coin = l.list_coin AND l.series_day >= h.day
  JOIN mining_coin_params p ON p.coin = l.list_coin
  WHERE h.price_usd IS NOT NULL AND h.height IS NOT NULL
),
leg_yield AS (
  SELECT *, mining_block_reward_coin(leg_coin, leg_height) AS leg_reward_coin,
    mining_coins_per_day(leg_coin, hashrate_hps, leg_difficulty, mining_block_reward_coin(leg_coin, leg_height),
      leg_fees_coin, pool_fee_fraction, uptime_fraction) AS leg_coins
  FROM observed
),
daily AS (
  SELECT series_day,
    sum(leg_coins * leg_price_usd) AS potential_revenue_usd,
    power_w / 1000.0 * 24 * uptime_fraction * power_usd_per_kwh AS potential_power_cost_usd,
    list({coin: leg_coin, height: leg_height, difficulty: leg_difficulty, block_reward_coin: leg_reward_coin,
          fees_per_block_coin: leg_fees_coin, coin_price_usd: leg_price_usd, coins_per_day: leg_coins,
          revenue_usd_per_day: leg_coins * leg_price_usd} ORDER BY leg_index) AS legs_detail
  FROM leg_yield GROUP BY series_day
),
daily_profit AS (
  SELECT *,
    (NOT switch_off_when_losing) OR potential_revenue_usd > potential_power_cost_usd AS running
  FROM daily
),
daily_money AS (
  SELECT series_day, running, potential_revenue_usd, potential_power_cost_usd, legs_detail,
    CASE WHEN running THEN potential_revenue_usd ELSE 0 END AS day_revenue_usd,
    CASE WHEN running THEN potential_power_cost_usd ELSE 0 END AS day_power_cost_usd
  FROM daily_profit
)
SELECT
  datediff('day', start_date::DATE, series_day) AS day_index,
  series_day AS day,
  running AS is_running,
  day_revenue_usd AS revenue_usd,
  day_power_cost_usd AS power_cost_usd,
  hosting_usd_per_day AS hosting_cost_usd,
  day_revenue_usd - day_power_cost_usd - hosting_usd_per_day AS profit_usd,
  sum(day_revenue_usd - day_power_cost_usd - hosting_usd_per_day) OVER (ORDER BY series_day) AS cumulative_profit_usd,
  sum(day_revenue_usd - day_power_cost_usd - hosting_usd_per_day) OVER (ORDER BY series_day) - hardware_cost_usd AS net_position_usd,
  potential_revenue_usd,
  potential_power_cost_usd,
  legs_detail AS legs
FROM daily_money
ORDER BY series_day;
