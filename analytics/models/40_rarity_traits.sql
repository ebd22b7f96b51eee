-- Rarity inputs (domain.md §5, OpenRarity's collection model).
-- rarity_token_traits: one row per (token, normalised trait) a token carries, plus OpenRarity's
--   `meta_trait:trait_count` for every token (the number of its attributes whose value is not
--   'none' or ''). Names and values are lower-cased and trimmed as OpenRarity does.
-- rarity_trait_frequencies: per collection, trait and value the token count and probability, with
--   one "missing" row (trait_value NULL, is_missing) per trait that some tokens lack.
-- Units: counts of tokens; probability = token_count / supply (0..1). No parameters.
-- Supply = tokens known for the collection (the tokens table plus any token that has attributes).
CREATE OR REPLACE VIEW rarity_token_traits AS
WITH universe AS (
  SELECT contract_address, token_id FROM tokens
  UNION
  SELECT DISTINCT contract_address, token_id FROM token_attributes
),
attributes AS (
  SELECT
    contract_address,
    token_id,
    lower(regexp_replace(trait_type, '^\s+|\s+$', '', 'g')) AS trait_type,
    lower(regexp_replace(trait_value, '^\s+|\s+$', '', 'g')) AS trait_value
  FROM token_attributes
),
own_traits AS (
  SELECT contract_address, token_id, trait_type, max(trait_value) AS trait_value
  FROM attributes
  WHERE trait_type <> 'meta_trait:trait_count'
  GROUP BY ALL
),
meta_trait AS (
  SELECT
    u.contract_address,
    u.token_id,
    'meta_trait:trait_count' AS trait_type,
    CAST(count(a.trait_type) FILTER (WHERE a.trait_value NOT IN ('none', '')) AS VARCHAR) AS trait_value
  FROM universe AS u
  LEFT JOIN own_traits AS a USING (contract_address, token_id)
  GROUP BY ALL
)
SELECT contract_address, token_id, trait_type, trait_value FROM own_traits
UNION ALL
SELECT contract_address, token_id, trait_type, trait_value FROM meta_trait;

CREATE OR REPLACE VIEW rarity_trait_frequencies AS
WITH supply AS (
  -- Every token carries the meta trait, so this counts every token once.
  SELECT contract_address, count(*) AS supply
  FROM rarity_token_traits
  WHERE trait_type = 'meta_trait:trait_count'
  GROUP BY ALL
),
value_counts AS (
  SELECT contract_address, trait_type, trait_value, count(*) AS token_count
  FROM rarity_token_traits
  GROUP BY ALL
),
missing_counts AS (
  SELECT v.contract_address, v.trait_type, CAST(NULL AS VARCHAR) AS trait_value, any_value(s.supply) - sum(v.token_count) AS token_count
  FROM value_counts AS v
  JOIN supply AS s USING (contract_address)
  GROUP BY v.contract_address, v.trait_type
  HAVING any_value(s.supply) - sum(v.token_count) > 0
),
all_counts AS (
  SELECT contract_address, trait_type, trait_value, false AS is_missing, token_count FROM value_counts
  UNION ALL
  SELECT contract_address, trait_type, trait_value, true AS is_missing, token_count FROM missing_counts
)
SELECT
  c.contract_address,
  c.trait_type,
  c.trait_value,
  c.is_missing,
  CAST(c.token_count AS BIGINT) AS token_count,
  s.supply,
  c.token_count / s.supply AS probability,
  -- OpenRarity's trait weight: 1 / number of distinct non-missing values of the trait.
  1.0 / count(*) FILTER (WHERE NOT c.is_missing) OVER (PARTITION BY c.contract_address, c.trait_type) AS weight
FROM all_counts AS c
JOIN supply AS s USING (contract_address);
