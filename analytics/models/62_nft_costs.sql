-- What minting and buying really cost (domain.md §2, §7). Units in names; USD at the time of the
-- transaction via the latest ETH/USD price point at or before it.
-- nft_mint_costs: per minted token: price_eth (the tx value split over the tokens minted in it),
--   gas_cost_eth (mints.gas_cost_wei, else the tx's gasUsed × effective price split the same way),
--   all_in_cost_eth = price + gas, and the USD equivalents.
-- nft_sale_costs: per sale: price_eth is the gross price the buyer paid, which already contains the
--   marketplace fee and royalties (domain.md §1; adding them again is the double count behind
--   Dune spellbook #1510), shown separately as marketplace_fee_eth and royalty_eth; gas_cost_eth is
--   the transaction's gas split over the sale rows in it, paid by gas_payer (the tx sender);
--   all_in_cost_basis_eth = price + gas.
CREATE OR REPLACE VIEW nft_mint_costs AS
WITH eth_usd_points AS (
  SELECT block_time, price_usd FROM price_points WHERE feed = 'ETH/USD'
),
per_tx AS (
  SELECT tx_hash, count(*) AS tokens_in_tx FROM mints GROUP BY ALL
),
costs AS (
  SELECT
    m.mint_id, m.block_number, m.block_time, m.tx_hash, m.contract_address, m.token_id, m.minter, m.currency,
    m.price_wei,
    coalesce(m.gas_cost_wei, CAST(t.gas_used AS HUGEINT) * t.gas_price_wei // p.tokens_in_tx) AS gas_cost_wei,
    CASE
      WHEN m.currency = '0x0000000000000000000000000000000000000000' OR m.currency IN (SELECT address FROM eth_currencies)
        THEN CAST(m.price_wei AS DOUBLE) / 1e18
    END AS price_eth
  FROM mints AS m
  JOIN per_tx AS p USING (tx_hash)
  LEFT JOIN transactions AS t USING (tx_hash)
)
SELECT
  c.*,
  CAST(c.gas_cost_wei AS DOUBLE) / 1e18 AS gas_cost_eth,
  c.price_eth + CAST(c.gas_cost_wei AS DOUBLE) / 1e18 AS all_in_cost_eth,
  u.price_usd AS eth_usd,
  c.price_eth * u.price_usd AS price_usd,
  CAST(c.gas_cost_wei AS DOUBLE) / 1e18 * u.price_usd AS gas_cost_usd,
  (c.price_eth + CAST(c.gas_cost_wei AS DOUBLE) / 1e18) * u.price_usd AS all_in_cost_usd
FROM costs AS c
ASOF LEFT JOIN eth_usd_points AS u ON c.block_time >= u.block_time;

CREATE OR REPLACE VIEW nft_sale_costs AS
WITH per_tx AS (
  SELECT tx_hash, count(*) AS sales_in_tx FROM sales GROUP BY ALL
)
SELECT
  s.sale_id, s.block_number, s.block_time, s.tx_hash, s.contract_address, s.token_id, s.buyer, s.seller,
  t.from_address AS gas_payer,
  s.price_eth,
  CAST(s.marketplace_fee_wei AS DOUBLE) / 1e18 AS marketplace_fee_eth,
  CAST(s.royalty_wei AS DOUBLE) / 1e18 AS royalty_eth,
  CAST(t.gas_used AS HUGEINT) * t.gas_price_wei // p.sales_in_tx AS gas_cost_wei,
  CAST(t.gas_used AS DOUBLE) * CAST(t.gas_price_wei AS DOUBLE) / 1e18 / p.sales_in_tx AS gas_cost_eth,
  s.price_eth + coalesce(CAST(t.gas_used AS DOUBLE) * CAST(t.gas_price_wei AS DOUBLE) / 1e18 / p.sales_in_tx, 0) AS all_in_cost_basis_eth,
  s.eth_usd,
  s.price_usd,
  CAST(t.gas_used AS DOUBLE) * CAST(t.gas_price_wei AS DOUBLE) / 1e18 / p.sales_in_tx * s.eth_usd AS gas_cost_usd,
  (s.price_eth + coalesce(CAST(t.gas_used AS DOUBLE) * CAST(t.gas_price_wei AS DOUBLE) / 1e18 / p.sales_in_tx, 0)) * s.eth_usd AS all_in_cost_basis_usd,
  s.is_wash
FROM sales_clean AS s
JOIN per_tx AS p USING (tx_hash)
LEFT JOIN transactions AS t USING (tx_hash);
