/**
 * SQL fragments over E1's `sales_clean` view (analytics/models/10_sales_clean.sql): one boolean
 * column per wash rule plus is_wash. Reads wrap it as a CTE named `washed` so they can append
 * `, more AS (…)` or `SELECT … FROM washed`.
 */
import type { Warehouse } from "../db.ts";

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

/**
 * Where sales_clean's rows can be read. `sales_clean` is always right, but DuckDB plans its whole
 * wash-rule machinery (pending tokens, live recomputation, watermark gates) on every query, ~40–70 ms
 * at 1M sales even when none of it runs. While the snapshot is current (no sale since the last
 * refresh, none deleted) the view returns exactly `sales_clean_snapshot`, which plans in ~1 ms.
 */
export type CleanSalesRelation = "sales_clean_snapshot" | "sales_clean";

/**
 * `sales_clean_snapshot` when sales_clean_watermark says the snapshot is current, else
 * `sales_clean`. A warehouse without the watermark view (built before it) gets `sales_clean`.
 */
export async function cleanSalesRelation(warehouse: Warehouse): Promise<CleanSalesRelation> {
  try {
    const [w] = await warehouse.all<{ current: boolean | null }>("SELECT is_current AS current FROM sales_clean_watermark");
    return w?.current === true ? "sales_clean_snapshot" : "sales_clean";
  } catch {
    return "sales_clean";
  }
}

/** Every sale in the market with price_eth and the rule columns, read from `from`. */
export function washSql(from: CleanSalesRelation): string {
  return `WITH washed AS (SELECT * FROM ${from})`;
}

/**
 * One collection's sales (bound `$address`) read from `from`. The filter sits outside the view;
 * DuckDB pushes it into the view's per-token windows (they partition by contract_address).
 */
export function washOneSql(from: CleanSalesRelation): string {
  // Materialised from the snapshot: a query that reads `washed` twice (rows and lastSaleTimeSql)
  // filters the 1M-row table once. Never around the view: DuckDB then plans it as a join.
  return from === "sales_clean_snapshot"
    ? "WITH washed AS MATERIALIZED (SELECT * FROM sales_clean_snapshot WHERE contract_address = $address)"
    : `WITH washed AS (SELECT * FROM ${from} WHERE contract_address = $address)`;
}

/**
 * The collection's newest sale time, as a scalar subquery for a query that starts with
 * washOneSql(from): `washed` holds every sale of the collection, so over the materialised snapshot
 * it is read from there; over the view, from `sales` (reading `washed` again would plan the view twice).
 */
export function lastSaleTimeSql(from: CleanSalesRelation): string {
  return from === "sales_clean_snapshot"
    ? "(SELECT max(block_time) FROM washed)"
    : "(SELECT max(block_time) FROM sales WHERE contract_address = $address)";
}

/** Every sale in the market through the view (always current; slower to plan than washSql(snapshot)). */
export const WASH_SQL = washSql("sales_clean");

/** One collection's sales through the view (bound `$address`). */
export const WASH_ONE_SQL = washOneSql("sales_clean");

/** "rule1_self_trade,rule6_dust_price": the rules a `washed` row trips, from its boolean columns. */
export const RULES_CSV_SQL = `concat_ws(',', ${WASH_RULE_KEYS.map((k) => `CASE WHEN ${k} THEN '${k}' END`).join(", ")})`;
