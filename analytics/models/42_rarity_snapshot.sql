-- rarity_openrarity_snapshot: rarity_openrarity as of the last refreshModels (analytics/models/
-- refresh.ts refreshRaritySnapshot). The view scores every collection's tokens on each query (it
-- cannot filter one collection before its per-trait frequencies: ~0.5 s at 100k tokens); pages
-- that show one collection read this table while it is current.
-- rarity_snapshot_state.inputs_fingerprint: rarity_inputs_fingerprint when the snapshot was taken,
-- in the same transaction. rarity_inputs_fingerprint: count and XOR of row hashes of tokens
-- (contract, id) and token_attributes (all four columns), both keyed, so any insert, delete or
-- changed value changes it (~3 ms at 100k tokens). rarity_snapshot_watermark.is_current: the
-- snapshot equals what rarity_openrarity would return now.
CREATE TABLE IF NOT EXISTS rarity_openrarity_snapshot AS FROM rarity_openrarity LIMIT 0;

CREATE TABLE IF NOT EXISTS rarity_snapshot_state (
  inputs_fingerprint VARCHAR NOT NULL,
  refreshed_at TIMESTAMP NOT NULL
);

CREATE OR REPLACE VIEW rarity_inputs_fingerprint AS
SELECT concat_ws(
  '|',
  (SELECT concat_ws(':', count(*), coalesce(bit_xor(hash(contract_address, token_id)), 0)) FROM tokens),
  (SELECT concat_ws(':', count(*), coalesce(bit_xor(hash(contract_address, token_id, trait_type, trait_value)), 0)) FROM token_attributes)
) AS inputs_fingerprint;

CREATE OR REPLACE VIEW rarity_snapshot_watermark AS
SELECT coalesce(
  (SELECT any_value(inputs_fingerprint) FROM rarity_snapshot_state) = (SELECT inputs_fingerprint FROM rarity_inputs_fingerprint),
  false
) AS is_current;
