-- Raw warehouse tables: what sync and imports write, what every SQL model reads.
-- Units in column names; wei amounts are HUGEINT (fits 1.7e38 wei), token ids are VARCHAR decimal
-- text (uint256 does not fit any DuckDB integer). Addresses and hashes are lowercase 0x-hex.
-- Idempotent: every statement can run on an existing warehouse.

CREATE TABLE IF NOT EXISTS collections (
  contract_address VARCHAR PRIMARY KEY,
  name VARCHAR,
  symbol VARCHAR,
  total_supply BIGINT,              -- tokens minted minus burned, as last synced
  source VARCHAR NOT NULL           -- 'subgraph' | 'import'
);

CREATE TABLE IF NOT EXISTS tokens (
  contract_address VARCHAR NOT NULL,
  token_id VARCHAR NOT NULL,
  owner VARCHAR,
  token_uri VARCHAR,
  mint_tx_hash VARCHAR,
  PRIMARY KEY (contract_address, token_id)
);

-- One row per NFT sold; a bundle of n tokens is n rows at price/n with price_is_estimated.
CREATE TABLE IF NOT EXISTS sales (
  sale_id VARCHAR PRIMARY KEY,      -- subgraph Sale id, or 'import:<file>:<row>'
  source VARCHAR NOT NULL,          -- 'subgraph' | 'import'
  block_number BIGINT NOT NULL,
  block_time TIMESTAMP NOT NULL,    -- UTC
  tx_hash VARCHAR NOT NULL,
  log_index INTEGER,                -- position of the sale log in the block (NULL for some imports)
  trade_index INTEGER NOT NULL DEFAULT 0, -- position of the token within a bundle
  contract_address VARCHAR NOT NULL,
  token_id VARCHAR NOT NULL,
  buyer VARCHAR,
  seller VARCHAR,
  price_wei HUGEINT NOT NULL,       -- gross price the buyer paid for this token, in currency's base unit
  seller_proceeds_wei HUGEINT,
  marketplace_fee_wei HUGEINT,
  royalty_wei HUGEINT,              -- all royalty recipients together
  currency VARCHAR NOT NULL,        -- '0x000…000' for the native coin, else the ERC-20 address
  is_bundle BOOLEAN NOT NULL DEFAULT false,
  price_is_estimated BOOLEAN NOT NULL DEFAULT false,
  marketplace VARCHAR,
  marketplace_version VARCHAR,
  order_hash VARCHAR
);

-- Every fee leg per recipient (marketplace fee and each royalty recipient).
CREATE TABLE IF NOT EXISTS sale_fees (
  sale_id VARCHAR NOT NULL,
  recipient VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,            -- 'marketplace' | 'royalty'
  amount_wei HUGEINT NOT NULL,
  PRIMARY KEY (sale_id, recipient, kind)
);

CREATE TABLE IF NOT EXISTS mints (
  mint_id VARCHAR PRIMARY KEY,
  block_number BIGINT NOT NULL,
  block_time TIMESTAMP NOT NULL,
  tx_hash VARCHAR NOT NULL,
  log_index INTEGER NOT NULL,
  contract_address VARCHAR NOT NULL,
  token_id VARCHAR NOT NULL,
  minter VARCHAR NOT NULL,
  price_wei HUGEINT NOT NULL,       -- tx value split evenly over the tokens minted in the tx
  currency VARCHAR NOT NULL,
  gas_cost_wei HUGEINT              -- receipt gasUsed x effective gas price, split the same way
);

CREATE TABLE IF NOT EXISTS transfers (
  transfer_id VARCHAR PRIMARY KEY,
  block_number BIGINT NOT NULL,
  block_time TIMESTAMP NOT NULL,
  tx_hash VARCHAR NOT NULL,
  log_index INTEGER NOT NULL,
  contract_address VARCHAR NOT NULL,
  token_id VARCHAR NOT NULL,
  from_address VARCHAR NOT NULL,
  to_address VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS transactions (
  tx_hash VARCHAR PRIMARY KEY,
  block_number BIGINT NOT NULL,
  block_time TIMESTAMP NOT NULL,
  from_address VARCHAR NOT NULL,
  to_address VARCHAR,
  value_wei HUGEINT NOT NULL,
  gas_used BIGINT NOT NULL,
  gas_price_wei HUGEINT NOT NULL,   -- effective price paid per gas
  base_fee_per_gas_wei HUGEINT      -- NULL before London
);

CREATE TABLE IF NOT EXISTS blocks (
  block_number BIGINT PRIMARY KEY,
  block_hash VARCHAR,
  block_time TIMESTAMP NOT NULL,
  gas_used BIGINT NOT NULL,
  gas_limit BIGINT NOT NULL,
  base_fee_per_gas_wei HUGEINT,     -- NULL before London
  transaction_count INTEGER
);

-- Chainlink-style AnswerUpdated: price_usd = answer / 10^decimals.
CREATE TABLE IF NOT EXISTS price_points (
  price_point_id VARCHAR PRIMARY KEY,
  feed VARCHAR NOT NULL,            -- 'ETH/USD' | 'BTC/USD'
  answer HUGEINT NOT NULL,
  decimals INTEGER NOT NULL,
  round_id VARCHAR NOT NULL,
  block_number BIGINT,
  block_time TIMESTAMP NOT NULL,
  price_usd DOUBLE NOT NULL
);

-- First inbound native transfer per address (who funded it), for wash rule 4.
CREATE TABLE IF NOT EXISTS first_funding (
  address VARCHAR PRIMARY KEY,
  funder VARCHAR NOT NULL,
  block_number BIGINT NOT NULL,
  tx_hash VARCHAR NOT NULL
);

-- Token metadata from tokenURI (untrusted: size-limited, scripts never kept).
CREATE TABLE IF NOT EXISTS token_metadata (
  contract_address VARCHAR NOT NULL,
  token_id VARCHAR NOT NULL,
  name VARCHAR,
  image_data_uri VARCHAR,           -- sanitised data: URI, or NULL
  image_url VARCHAR,                -- http(s)/ipfs URL to proxy, or NULL
  fetched_at TIMESTAMP NOT NULL,
  error VARCHAR,                    -- why metadata could not be read, if it could not
  PRIMARY KEY (contract_address, token_id)
);

CREATE TABLE IF NOT EXISTS token_attributes (
  contract_address VARCHAR NOT NULL,
  token_id VARCHAR NOT NULL,
  trait_type VARCHAR NOT NULL,
  trait_value VARCHAR NOT NULL,
  PRIMARY KEY (contract_address, token_id, trait_type)
);

-- Sync cursors per source, committed in the same transaction as the rows they cover.
CREATE TABLE IF NOT EXISTS sync_state (
  source VARCHAR PRIMARY KEY,       -- e.g. 'subgraph:sales', 'rpc:blocks'
  cursor VARCHAR NOT NULL,          -- last id or block number done
  block_number BIGINT,              -- the block the sync was pinned to
  updated_at TIMESTAMP NOT NULL
);

-- Priority fee (tip) per gas at reward percentiles of each block, from eth_feeHistory (RPC sync only),
-- for MetaMask-style fee tiers (domain.md §7: percentiles 10, 20, 30).
CREATE TABLE IF NOT EXISTS block_priority_fees (
  block_number BIGINT NOT NULL,
  percentile INTEGER NOT NULL,      -- 10 | 20 | 30
  priority_fee_per_gas_wei HUGEINT NOT NULL,
  PRIMARY KEY (block_number, percentile)
);
