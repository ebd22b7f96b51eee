-- Mining: per-coin constants and the imported network history every other mining model reads.
-- mining_coin_params: one row per coin. Units in names: block_time_s (target seconds per block),
-- hashes_per_difficulty (expected hashes per block at difficulty 1: 2^32 for Bitcoin-style targets,
-- 1 for Ethash-style difficulty), step_blocks (blocks between difficulty steps in projections: the
-- real retarget interval where there is one; one day of blocks for coins that retarget every block).
CREATE OR REPLACE VIEW mining_coin_params AS
SELECT * FROM (VALUES
  ('btc',  'BTC',  'sha256',  600.0, 4294967296.0, 2016),
  ('etc',  'ETC',  'etchash',  13.0,          1.0, 6646),
  ('ltc',  'LTC',  'scrypt',  150.0, 4294967296.0, 2016),
  ('doge', 'DOGE', 'scrypt',   60.0, 4294967296.0, 1440)
) AS t(coin, symbol, algorithm, block_time_s, hashes_per_difficulty, step_blocks);

-- Daily network history per coin (imported from CSV or a live adapter). difficulty as the network
-- reports it; price_usd per coin; fees_per_block_coin = average fees per block that day, in coins;
-- height = a block height on that day (estimated from the date when the source has none).
CREATE TABLE IF NOT EXISTS mining_history (
  coin VARCHAR NOT NULL,
  day DATE NOT NULL,
  difficulty DOUBLE NOT NULL,
  price_usd DOUBLE,
  fees_per_block_coin DOUBLE,
  height BIGINT,
  height_is_estimated BOOLEAN NOT NULL DEFAULT false,
  source VARCHAR NOT NULL,
  PRIMARY KEY (coin, day)
);
