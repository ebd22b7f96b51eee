-- gas_blocks: one row per block header with EIP-1559 quantities (domain.md §7). Units: gas, wei
-- (HUGEINT, exact), gwei/ETH as DOUBLE for display.
--   gas_target = gas_limit // 2; next_base_fee_per_gas_wei by the EIP-1559 rule in integers:
--   used = target → base; used > target → base + max(base·(used − target) // target // 8, 1);
--   used < target → base − base·(target − used) // target // 8. NULL before London.
--   actual_next_base_fee_per_gas_wei: the next block's header value when that block is present,
--   and next_base_fee_matches compares the two (a check that the chain follows the rule).
--   burned_wei = gas_used × base fee.
-- No parameters.
CREATE OR REPLACE VIEW gas_blocks AS
WITH headers AS (
  SELECT
    *,
    gas_limit // 2 AS gas_target,
    lead(block_number) OVER (ORDER BY block_number) AS following_block_number,
    lead(base_fee_per_gas_wei) OVER (ORDER BY block_number) AS following_base_fee_wei
  FROM blocks
)
SELECT
  block_number,
  block_time,
  block_time AS "timestamp",
  gas_used,
  gas_limit,
  gas_target,
  gas_used / nullif(gas_limit, 0) AS gas_used_ratio,
  base_fee_per_gas_wei,
  CAST(base_fee_per_gas_wei AS DOUBLE) / 1e9 AS base_fee_per_gas_gwei,
  CASE
    WHEN base_fee_per_gas_wei IS NULL OR gas_target = 0 THEN NULL
    WHEN gas_used = gas_target THEN base_fee_per_gas_wei
    WHEN gas_used > gas_target
      THEN base_fee_per_gas_wei + greatest(base_fee_per_gas_wei * CAST(gas_used - gas_target AS HUGEINT) // gas_target // 8, CAST(1 AS HUGEINT))
    ELSE base_fee_per_gas_wei - base_fee_per_gas_wei * CAST(gas_target - gas_used AS HUGEINT) // gas_target // 8
  END AS next_base_fee_per_gas_wei,
  CASE WHEN following_block_number = block_number + 1 THEN following_base_fee_wei END AS actual_next_base_fee_per_gas_wei,
  CASE WHEN following_block_number = block_number + 1 THEN following_base_fee_wei = next_base_fee_per_gas_wei END AS next_base_fee_matches,
  CAST(gas_used AS HUGEINT) * base_fee_per_gas_wei AS burned_wei,
  CAST(gas_used AS DOUBLE) * CAST(base_fee_per_gas_wei AS DOUBLE) / 1e18 AS burned_eth,
  transaction_count
FROM headers;
