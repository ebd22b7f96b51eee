/**
 * The wash rules of E1's `sales_clean` view (analytics/models/10_sales_clean.sql, domain.md §4),
 * each its own boolean column; the scatter lets a user toggle each, with the reason on hover. The
 * keys come from analytics' one list (WASH_RULE_KEYS); this file only adds the words, keyed by
 * it, so a rule added there without a label here is a type error.
 */
import { WASH_RULE_KEYS, type WashRuleKey } from "../../analytics/queries/wash-sql";

export type { WashRuleKey };

const RULE_TEXT: Record<WashRuleKey, { label: string; reason: string }> = {
  rule1_self_trade: { label: "self-trade", reason: "buyer and seller are the same address" },
  rule2_back_and_forth: { label: "back-and-forth", reason: "the same token also traded the other way between this pair" },
  rule3_repeat_party: { label: "repeat buyer/seller", reason: "the same buyer bought, or seller sold, this token 3+ times" },
  rule4_common_funder: {
    label: "common funder",
    reason: "buyer and seller were first funded by the same address, or one funded the other",
  },
  rule5_flash_loan: { label: "flash loan", reason: "the transaction took a flash loan (mainnet only)" },
  rule6_dust_price: { label: "dust price", reason: "price of 10 wei or less" },
  rule7_reward_farming: { label: "reward farming", reason: "zero fee and royalty, and the token went back within 24 h" },
};

/** Every rule in rule order, with its label and reason. */
export const WASH_RULES: readonly { key: WashRuleKey; label: string; reason: string }[] = WASH_RULE_KEYS.map((key) => ({
  key,
  ...RULE_TEXT[key],
}));
