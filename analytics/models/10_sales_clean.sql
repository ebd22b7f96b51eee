-- sales_clean: every sale with its ETH/USD price and one boolean per wash-trade rule (domain.md §4),
-- plus is_wash = their OR. Floors, stats and valuation use the rows where NOT is_wash.
-- Units: price_eth = price_wei / 1e18 for the native coin or an eth_currencies token, else NULL;
--   price_usd = price_eth × the latest ETH/USD price point at or before the sale (NULL without one);
--   eth_usd = that price.
-- Rules (each its own column):
--   rule1_self_trade       buyer = seller.
--   rule2_back_and_forth   the same token also traded the other way between the same two wallets.
--   rule3_repeat_party     the same buyer bought, or the same seller sold, this token 3+ times.
--   rule4_common_funder    buyer and seller first funded by the same address, or one funded the
--                          other (first_funding). A shared funder counts only when it is not the
--                          zero address and first-funded at most 25 addresses: exchange hot wallets
--                          and faucets fund thousands of unrelated people (Dune excludes CEX labels).
--   rule5_flash_loan       the transaction took a flash loan (flash_loan_txs; mainnet only, false
--                          when no flash-loan data was indexed).
--   rule6_dust_price       price_wei ≤ 10.
--   rule7_reward_farming   zero marketplace fee and zero royalty, and the token changed hands again
--                          (or had just changed hands) at zero fee within 24 hours: a round trip
--                          shaped for marketplace rewards.
-- Parameters: none (holding window 24 h, repeat count 3 and dust 10 wei are fixed by the method).
-- Speed: the rules compare each sale with the other sales of its token, which costs seconds on
-- millions of rows. `analytics/models/refresh.ts` refreshModels (run after every sync) stores the
-- result in sales_clean_snapshot; sales_clean reads the snapshot and recomputes live only the
-- tokens that have sales the snapshot does not hold yet, so it is always current. Aggregates over
-- all sales (floor_series, collection_stats) read the snapshot directly.
-- Finding those tokens by comparing every sale id with the snapshot costs ~100 ms per query at 1M
-- sales, so the snapshot keeps a watermark (sales_clean_snapshot_state: sales count, highest sales
-- rowid covered, the sale at that rowid). While it holds (sales_clean_watermark.is_intact: no
-- covered sale deleted, nothing renumbered), the new sales are exactly those with rowid above it,
-- found by a pruned scan; otherwise (a reorg deleted sales, a checkpoint compacted rowids, no
-- refresh yet) the full id comparison runs, and deleted sales are dropped. Both paths give the same
-- rows; the gates below are rowid ranges so DuckDB skips the unused path's scans entirely.
-- sales_wash_for(everything): the rule computation itself, over all sales (true) or only over the
--   tokens with sales missing from the snapshot (false). sales_wash_live = sales_wash_for(true).
CREATE OR REPLACE VIEW sales_clean_watermark AS
WITH state AS (
  SELECT covered_sales, max_rowid, last_sale_id FROM sales_clean_snapshot_state
),
after_watermark AS (
  -- One pruned scan from the watermark on: the sales appended since, and the sale now at it.
  SELECT count(*) FILTER (WHERE rowid > (SELECT max_rowid FROM state)) AS new_sales,
         max(sale_id) FILTER (WHERE rowid = (SELECT max_rowid FROM state)) AS sale_at_watermark
  FROM sales WHERE rowid >= (SELECT max_rowid FROM state)
),
checked AS (
  SELECT coalesce(
    (SELECT count(*) FROM sales) - a.new_sales = (SELECT covered_sales FROM state)
      AND a.sale_at_watermark IS NOT DISTINCT FROM (SELECT last_sale_id FROM state),
    false
  ) AS is_intact
  FROM after_watermark AS a
)
SELECT
  is_intact,
  is_intact AND (SELECT new_sales FROM after_watermark) = 0 AS is_current,
  -- Sales to consider as possibly new: above the watermark, or all of them.
  CASE WHEN is_intact THEN (SELECT max_rowid FROM state) ELSE -1 END AS live_after_rowid,
  -- Rowid bound for the full id comparison: none of it when intact, everything otherwise.
  CASE WHEN is_intact THEN -1 ELSE 9223372036854775807 END AS compare_until_rowid
FROM checked;

-- Tokens with sales the snapshot lacks.
CREATE OR REPLACE VIEW sales_clean_pending_tokens AS
WITH w AS MATERIALIZED (FROM sales_clean_watermark)
SELECT DISTINCT s.contract_address, s.token_id
FROM (SELECT contract_address, token_id, sale_id FROM sales WHERE rowid > (SELECT live_after_rowid FROM w)) AS s
ANTI JOIN (SELECT sale_id FROM sales_clean_snapshot WHERE rowid <= (SELECT compare_until_rowid FROM w)) AS c USING (sale_id);

CREATE OR REPLACE MACRO sales_wash_for(everything) AS TABLE
WITH eth_usd_points AS (
  SELECT block_time, price_usd FROM price_points WHERE feed = 'ETH/USD'
),
pending_tokens AS (
  FROM sales_clean_pending_tokens WHERE NOT everything
),
scoped_sales AS (
  SELECT * FROM sales WHERE everything
  UNION ALL
  SELECT s.* FROM sales AS s SEMI JOIN pending_tokens AS p USING (contract_address, token_id) WHERE NOT everything
),
priced AS (
  SELECT
    s.*,
    CASE
      WHEN s.currency = '0x0000000000000000000000000000000000000000' OR s.currency IN (SELECT address FROM eth_currencies)
        THEN CAST(s.price_wei AS DOUBLE) / 1e18
    END AS price_eth,
    coalesce(s.marketplace_fee_wei, 0) = 0 AND coalesce(s.royalty_wei, 0) = 0 AS zero_fee
  FROM scoped_sales AS s
),
with_usd AS (
  SELECT p.*, u.price_usd AS eth_usd
  FROM priced AS p
  ASOF LEFT JOIN eth_usd_points AS u ON p.block_time >= u.block_time
),
party_counts AS (
  SELECT
    *,
    count(*) OVER (PARTITION BY contract_address, token_id, buyer) AS buys_of_token_by_buyer,
    count(*) OVER (PARTITION BY contract_address, token_id, seller) AS sales_of_token_by_seller,
    lead(block_time) OVER token_order AS next_time,
    lead(seller) OVER token_order AS next_seller,
    lead(zero_fee) OVER token_order AS next_zero_fee,
    lag(block_time) OVER token_order AS previous_time,
    lag(buyer) OVER token_order AS previous_buyer,
    lag(zero_fee) OVER token_order AS previous_zero_fee
  FROM with_usd
  WINDOW token_order AS (PARTITION BY contract_address, token_id ORDER BY block_number, log_index NULLS LAST, trade_index, sale_id)
),
funders AS (
  SELECT f.address, f.funder, count(*) OVER (PARTITION BY f.funder) AS funder_fanout
  FROM first_funding AS f
),
reverse_pairs AS (
  SELECT DISTINCT a.sale_id
  FROM scoped_sales AS a
  JOIN scoped_sales AS b
    ON a.contract_address = b.contract_address AND a.token_id = b.token_id
   AND a.buyer = b.seller AND a.seller = b.buyer AND a.sale_id <> b.sale_id
)
SELECT
  c.sale_id, c.source, c.block_number, c.block_time, c.tx_hash, c.log_index, c.trade_index,
  c.contract_address, c.token_id, c.buyer, c.seller, c.price_wei, c.seller_proceeds_wei,
  c.marketplace_fee_wei, c.royalty_wei, c.currency, c.is_bundle, c.price_is_estimated,
  c.marketplace, c.marketplace_version, c.order_hash,
  c.price_eth,
  c.eth_usd,
  c.price_eth * c.eth_usd AS price_usd,
  coalesce(c.buyer = c.seller, false) AS rule1_self_trade,
  rp.sale_id IS NOT NULL AS rule2_back_and_forth,
  (c.buyer IS NOT NULL AND c.buys_of_token_by_buyer >= 3) OR (c.seller IS NOT NULL AND c.sales_of_token_by_seller >= 3) AS rule3_repeat_party,
  coalesce(
    (fb.funder = fs.funder AND fb.funder <> '0x0000000000000000000000000000000000000000' AND fb.funder_fanout <= 25)
      OR fb.funder = c.seller OR fs.funder = c.buyer,
    false
  ) AS rule4_common_funder,
  fl.tx_hash IS NOT NULL AS rule5_flash_loan,
  c.price_wei <= 10 AS rule6_dust_price,
  c.zero_fee AND (
    (c.next_seller = c.buyer AND coalesce(c.next_zero_fee, false) AND c.next_time - c.block_time <= INTERVAL 24 HOUR)
    OR (c.previous_buyer = c.seller AND coalesce(c.previous_zero_fee, false) AND c.block_time - c.previous_time <= INTERVAL 24 HOUR)
  ) IS TRUE AS rule7_reward_farming,
  rule1_self_trade OR rule2_back_and_forth OR rule3_repeat_party OR rule4_common_funder
    OR rule5_flash_loan OR rule6_dust_price OR rule7_reward_farming AS is_wash
FROM party_counts AS c
LEFT JOIN reverse_pairs AS rp ON rp.sale_id = c.sale_id
LEFT JOIN funders AS fb ON fb.address = c.buyer
LEFT JOIN funders AS fs ON fs.address = c.seller
LEFT JOIN (SELECT DISTINCT tx_hash FROM flash_loan_txs) AS fl ON fl.tx_hash = c.tx_hash;

CREATE OR REPLACE VIEW sales_wash_live AS
FROM sales_wash_for(true);

-- Two branches gated by rowid ranges, so DuckDB prunes the scans of the one not taken: the snapshot
-- as it is when it is current (the usual state between syncs), else the snapshot minus pending
-- tokens and deleted sales; plus the live recomputation of the pending tokens. The gates are
-- scalar subqueries on sales_clean_watermark (not a shared MATERIALIZED CTE, which DuckDB joins
-- instead of pushing into the scans: 3x slower); explicit ANTI JOINs, not NOT EXISTS (delim joins).
CREATE OR REPLACE VIEW sales_clean AS
SELECT * FROM sales_clean_snapshot
WHERE rowid <= (SELECT CASE WHEN is_current THEN 9223372036854775807 ELSE -1 END FROM sales_clean_watermark)
UNION ALL BY NAME
SELECT c.*
FROM (
  SELECT * FROM sales_clean_snapshot
  WHERE rowid <= (SELECT CASE WHEN is_current THEN -1 ELSE 9223372036854775807 END FROM sales_clean_watermark)
) AS c
ANTI JOIN sales_clean_pending_tokens AS p USING (contract_address, token_id)
ANTI JOIN (
  -- Snapshot sales no longer in sales (a reorg); empty without comparing when the watermark holds.
  SELECT c.sale_id
  FROM (SELECT sale_id FROM sales_clean_snapshot WHERE rowid <= (SELECT compare_until_rowid FROM sales_clean_watermark)) AS c
  ANTI JOIN (SELECT sale_id FROM sales WHERE rowid <= (SELECT compare_until_rowid FROM sales_clean_watermark)) AS s USING (sale_id)
) AS d USING (sale_id)
UNION ALL BY NAME
FROM sales_wash_for(false);
