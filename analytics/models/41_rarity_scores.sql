-- rarity_openrarity: OpenRarity score and rank per token, plus the rarity.tools trait-sum score
-- (domain.md §5). One row per (contract_address, token_id).
-- Columns: ic_bits (information content, bits), collection_entropy_bits, score = ic / entropy (a
--   zero entropy divides by 1, as OpenRarity does), unique_attribute_count, rank (SQL RANK over
--   unique count desc, score desc; a score within 1e-9 relative of the previous one shares its rank,
--   Python's math.isclose as OpenRarity uses), trait_sum_score = Σ 1/p over the same traits
--   (meta trait and missing buckets included), trait_sum_rank (RANK, highest first).
-- No parameters. Reads rarity_token_traits and rarity_trait_frequencies (40_rarity_traits.sql).
CREATE OR REPLACE VIEW rarity_openrarity AS
WITH frequencies AS (
  SELECT * FROM rarity_trait_frequencies
),
tokens_in AS (
  SELECT DISTINCT contract_address, token_id FROM rarity_token_traits WHERE trait_type = 'meta_trait:trait_count'
),
own AS (
  SELECT t.contract_address, t.token_id, t.trait_type, f.token_count, f.supply
  FROM rarity_token_traits AS t
  JOIN frequencies AS f
    ON f.contract_address = t.contract_address AND f.trait_type = t.trait_type AND f.trait_value = t.trait_value AND NOT f.is_missing
),
missing AS (
  -- A token lacking a trait that has a missing bucket is scored with that bucket.
  SELECT k.contract_address, k.token_id, f.trait_type, f.token_count, f.supply
  FROM tokens_in AS k
  JOIN frequencies AS f ON f.contract_address = k.contract_address AND f.is_missing
  ANTI JOIN rarity_token_traits AS t
    ON t.contract_address = k.contract_address AND t.token_id = k.token_id AND t.trait_type = f.trait_type
),
scored_traits AS (
  SELECT * FROM own
  UNION ALL
  SELECT * FROM missing
),
entropy AS (
  SELECT contract_address, coalesce(-sum(probability * log2(probability)) FILTER (WHERE probability < 1), 0) AS entropy_bits
  FROM frequencies
  GROUP BY ALL
),
per_token AS (
  SELECT
    contract_address,
    token_id,
    sum(log2(supply / token_count)) AS ic_bits,
    sum(supply / token_count) AS trait_sum_score,
    count(*) FILTER (WHERE token_count = 1) AS unique_from_all
  FROM scored_traits
  GROUP BY ALL
),
uniques AS (
  -- Missing buckets never make a token unique: count own traits only.
  SELECT contract_address, token_id, count(*) FILTER (WHERE token_count = 1) AS unique_attribute_count
  FROM own
  GROUP BY ALL
),
scores AS (
  SELECT
    p.contract_address,
    p.token_id,
    p.ic_bits,
    e.entropy_bits AS collection_entropy_bits,
    p.ic_bits / CASE WHEN e.entropy_bits = 0 THEN 1 ELSE e.entropy_bits END AS score,
    CAST(u.unique_attribute_count AS BIGINT) AS unique_attribute_count,
    p.trait_sum_score
  FROM per_token AS p
  JOIN entropy AS e USING (contract_address)
  JOIN uniques AS u USING (contract_address, token_id)
),
ordered AS (
  SELECT
    *,
    row_number() OVER w AS position,
    lag(score) OVER w AS previous_score
  FROM scores
  WINDOW w AS (PARTITION BY contract_address ORDER BY unique_attribute_count DESC, score DESC, token_id)
),
grouped AS (
  SELECT
    *,
    CASE
      WHEN previous_score IS NOT NULL
        AND abs(score - previous_score) <= 1e-9 * greatest(abs(score), abs(previous_score)) THEN NULL
      ELSE position
    END AS group_start
  FROM ordered
)
SELECT
  contract_address,
  token_id,
  ic_bits,
  collection_entropy_bits,
  score,
  unique_attribute_count,
  max(group_start) OVER (PARTITION BY contract_address ORDER BY position ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS rank,
  trait_sum_score,
  rank() OVER (PARTITION BY contract_address ORDER BY trait_sum_score DESC) AS trait_sum_rank
FROM grouped;
