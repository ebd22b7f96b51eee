/**
 * Wash flags come from E1's `sales_clean` view (one boolean per rule + is_wash). The app wraps it
 * as a CTE named `washed` so its reads can append `, more AS (…)` or `SELECT … FROM washed`.
 */
export { WASH_RULES, type WashRuleKey } from "../lib/wash-rules";

/** Every sale in the market with price_eth and the rule columns. */
export const WASH_SQL = "WITH washed AS (SELECT * FROM sales_clean)";
/**
 * One collection's sales (bound `$address`). The filter sits outside the view; DuckDB pushes it
 * into the view's per-token windows (they partition by contract_address).
 */
export const WASH_ONE_SQL = "WITH washed AS (SELECT * FROM sales_clean WHERE contract_address = $address)";
