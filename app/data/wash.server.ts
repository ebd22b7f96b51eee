/**
 * The wash-flag SQL lives with the other reads in analytics/queries; the app's UI list of rules
 * (labels, reasons) lives in app/lib. Re-exported here so app/data callers keep one import.
 */
export { WASH_ONE_SQL, WASH_SQL } from "../../analytics/queries/wash-sql";
export { WASH_RULES, type WashRuleKey } from "../lib/wash-rules";
