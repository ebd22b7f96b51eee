/**
 * The wash rules of E1's `sales_clean` view (analytics/models/10_sales_clean.sql, domain.md §4),
 * each its own boolean column; the scatter lets a user toggle each, with the reason on hover.
 */
export const WASH_RULES = [
  { key: "rule1_self_trade", label: "self-trade", reason: "buyer and seller are the same address" },
  { key: "rule2_back_and_forth", label: "back-and-forth", reason: "the same token also traded the other way between this pair" },
  { key: "rule3_repeat_party", label: "repeat buyer/seller", reason: "the same buyer bought, or seller sold, this token 3+ times" },
  {
    key: "rule4_common_funder",
    label: "common funder",
    reason: "buyer and seller were first funded by the same address, or one funded the other",
  },
  { key: "rule5_flash_loan", label: "flash loan", reason: "the transaction took a flash loan (mainnet only)" },
  { key: "rule6_dust_price", label: "dust price", reason: "price of 10 wei or less" },
  { key: "rule7_reward_farming", label: "reward farming", reason: "zero fee and royalty, and the token went back within 24 h" },
] as const;

export type WashRuleKey = (typeof WASH_RULES)[number]["key"];
