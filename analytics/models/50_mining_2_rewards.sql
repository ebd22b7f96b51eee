-- Mining: block reward schedules by height and the hashes a block takes (domain.md §8).
-- Rewards are in whole coins (DOUBLE); heights are block numbers.

-- Bitcoin: 50 BTC >> floor(height / 210000), in satoshis so the shift is exact; 0 after 64 halvings.
CREATE OR REPLACE MACRO mining_btc_subsidy_btc(height) AS
  CASE WHEN height < 0 THEN NULL
       WHEN height // 210000 >= 64 THEN 0.0
       ELSE (5000000000::BIGINT >> (height // 210000)::INTEGER) / 1e8 END;

-- Ethereum Classic, ECIP-1017 (5M20): era = floor((block - 1) / 5,000,000), reward = 5 ETC x 0.8^era.
-- Uncle rewards are left out: they are a few percent at most and depend on the uncle rate.
CREATE OR REPLACE MACRO mining_etc_block_reward_etc(height) AS
  CASE WHEN height < 0 THEN NULL ELSE 5.0 * power(0.8, greatest(height - 1, 0) // 5000000) END;

-- Litecoin: 50 LTC halving every 840,000 blocks (6.25 LTC from 2,520,000).
CREATE OR REPLACE MACRO mining_ltc_subsidy_ltc(height) AS
  CASE WHEN height < 0 THEN NULL
       WHEN height // 840000 >= 64 THEN 0.0
       ELSE (5000000000::BIGINT >> (height // 840000)::INTEGER) / 1e8 END;

-- Dogecoin: fixed 10,000 DOGE from block 600,000. Before it, rewards were random up to block 145,000
-- and then halved every 100,000 blocks; the values below are the expected reward per block.
CREATE OR REPLACE MACRO mining_doge_reward_doge(height) AS
  CASE WHEN height < 0 THEN NULL
       WHEN height < 100000 THEN 500000.0
       WHEN height < 200000 THEN 250000.0
       WHEN height < 300000 THEN 125000.0
       WHEN height < 400000 THEN 62500.0
       WHEN height < 500000 THEN 31250.0
       WHEN height < 600000 THEN 15625.0
       ELSE 10000.0 END::DOUBLE;

-- Block reward (subsidy, no fees) of `coin` at `height`, in whole coins.
CREATE OR REPLACE MACRO mining_block_reward_coin(coin, height) AS
  CASE coin WHEN 'btc' THEN mining_btc_subsidy_btc(height)
            WHEN 'etc' THEN mining_etc_block_reward_etc(height)
            WHEN 'ltc' THEN mining_ltc_subsidy_ltc(height)
            WHEN 'doge' THEN mining_doge_reward_doge(height) END::DOUBLE;

-- Expected hashes to find one block: D x 2^32 (Bitcoin-style) or D (Etchash: no 2^32 factor).
CREATE OR REPLACE MACRO mining_hashes_per_block(coin, difficulty) AS
  difficulty::DOUBLE * CASE coin WHEN 'etc' THEN 1.0 ELSE 4294967296.0 END;

-- Network hashrate implied by a difficulty, in hashes per second.
CREATE OR REPLACE MACRO mining_network_hashrate_hps(coin, difficulty) AS
  mining_hashes_per_block(coin, difficulty)
  / CASE coin WHEN 'btc' THEN 600.0 WHEN 'etc' THEN 13.0 WHEN 'ltc' THEN 150.0 WHEN 'doge' THEN 60.0 END;
