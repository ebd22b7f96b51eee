/**
 * SQL fragments over E1's `sales_clean` view (analytics/models/10_sales_clean.sql): one boolean
 * column per wash rule plus is_wash. Reads wrap it as a CTE named `washed` so they can append
 * `, more AS (…)` or `SELECT … FROM washed`.
 */

/** The rule columns of sales_clean, in rule order (labels and reasons live with the app's UI). */
export const WASH_RULE_KEYS = [
  "rule1_self_trade",
  "rule2_back_and_forth",
  "rule3_repeat_party",
  "rule4_common_funder",
  "rule5_flash_loan",
  "rule6_dust_price",
  "rule7_reward_farming",
] as const;

export type WashRuleKey = (typeof WASH_RULE_KEYS)[number];

/** Every sale in the market with price_eth and the rule columns. */
export const WASH_SQL = "WITH washed AS (SELECT * FROM sales_clean)";

/**
 * One collection's sales (bound `$address`). The filter sits outside the view; DuckDB pushes it
 * into the view's per-token windows (they partition by contract_address).
 */
export const WASH_ONE_SQL = "WITH washed AS (SELECT * FROM sales_clean WHERE contract_address = $address)";

/** "rule1_self_trade,rule6_dust_price": the rules a `washed` row trips, from its boolean columns. */
export const RULES_CSV_SQL = `concat_ws(',', ${WASH_RULE_KEYS.map((k) => `CASE WHEN ${k} THEN '${k}' END`).join(", ")})`;
