/**
 * Reads about one token for the piece page: its row with collection and metadata (untrusted),
 * trait frequencies, provenance with the gas each step paid and the owner's cost basis, its
 * OpenRarity rank and E1's valuation waterfall. `address` is a lower-case contract address.
 */
import type { Warehouse } from "../db.ts";

/** Which token to read: lower-case contract address and decimal token id, in this warehouse. */
export interface TokenRef {
  warehouse: Warehouse;
  address: string;
  tokenId: string;
}

export interface TokenRow {
  owner: string | null;
  collectionName: string | null;
  name: string | null;
  /** Untrusted: sanitise before rendering (app/lib/artwork). */
  imageDataUri: string | null;
  imageUrl: string | null;
  metadataError: string | null;
}

/** The token with its collection name and metadata; null when the warehouse has no such token. */
export async function getTokenRow({ warehouse, address, tokenId }: TokenRef): Promise<TokenRow | null> {
  const [t] = await warehouse.all<{
    owner: string | null;
    cname: string | null;
    name: string | null;
    data_uri: string | null;
    url: string | null;
    error: string | null;
  }>(TOKEN_SQL, { address, tokenId });
  if (!t) return null;
  return { owner: t.owner, collectionName: t.cname, name: t.name, imageDataUri: t.data_uri, imageUrl: t.url, metadataError: t.error };
}

export interface TokenTrait {
  traitType: string;
  traitValue: string;
  tokensWithValue: number;
  frequencyPct: number;
}

/** The token's traits, rarest first, each with how many tokens of the collection share it. */
export async function getTokenTraits({ warehouse, address, tokenId }: TokenRef): Promise<TokenTrait[]> {
  const traits = await warehouse.all<{ trait_type: string; trait_value: string; n: number; pct: number }>(TRAITS_SQL, { address, tokenId });
  return traits.map((r) => ({ traitType: r.trait_type, traitValue: r.trait_value, tokensWithValue: r.n, frequencyPct: r.pct }));
}

export interface ProvenanceEvent {
  kind: "mint" | "sale" | "transfer";
  time: string;
  blockNumber: number;
  txHash: string;
  from: string | null;
  to: string | null;
  priceEth: number | null;
  gasCostEth: number | null;
  feesEth: number | null;
}

/** Mint, sales and plain transfers of the token, oldest first, with price, gas and fees in ETH. */
export async function getTokenProvenance({ warehouse, address, tokenId }: TokenRef): Promise<ProvenanceEvent[]> {
  const events = await warehouse.all<{
    kind: ProvenanceEvent["kind"];
    t: string;
    block_number: number;
    tx_hash: string;
    from_a: string | null;
    to_a: string | null;
    price_eth: number | null;
    gas_eth: number | null;
    fees_eth: number | null;
  }>(EVENTS_SQL, { address, tokenId });
  return events.map((e) => ({
    kind: e.kind,
    time: e.t,
    blockNumber: e.block_number,
    txHash: e.tx_hash,
    from: e.from_a,
    to: e.to_a,
    priceEth: e.price_eth,
    gasCostEth: e.gas_eth,
    feesEth: e.fees_eth,
  }));
}

/** What the current owner paid in: the price and gas of the event that gave it to them. */
export function ownerCostBasisEth(events: ProvenanceEvent[], owner: string | null): number | null {
  if (!owner) return null;
  const acquired = [...events].reverse().find((e) => e.to === owner && e.kind !== "transfer");
  if (!acquired) return null;
  return (acquired.priceEth ?? 0) + (acquired.gasCostEth ?? 0);
}

/** OpenRarity rank from E1's `rarity_openrarity` view, or null when the view or the token is absent. */
export async function getTokenRarityRank({
  warehouse,
  address,
  tokenId,
}: TokenRef): Promise<{ rank: number; supply: number; score: number } | null> {
  const [has] = await warehouse.all<{ n: number }>(
    "SELECT CAST(count(*) AS INTEGER) AS n FROM information_schema.tables WHERE table_name = 'rarity_openrarity'",
  );
  if (!has?.n) return null;
  const [r] = await warehouse.all<{ rank: number; supply: number; score: number }>(
    `SELECT CAST(rank AS INTEGER) AS rank, CAST((SELECT count(*) FROM rarity_openrarity WHERE contract_address = $address) AS INTEGER) AS supply, score
     FROM rarity_openrarity WHERE contract_address = $address AND token_id = $tokenId`,
    { address, tokenId },
  );
  return r ?? null;
}

export interface TokenValuationDetail {
  estimateEth: number;
  lowerEth: number | null;
  upperEth: number | null;
  coverageLevel: number;
  methodologyVersion: string;
  backtestMape: number | null;
  steps: { step: string; label: string; valueBeforeEth: number; valueAfterEth: number; deltaEth: number }[];
}

/** E1's hedonic valuation (valuation_tokens) and its floor → base → trait-premium waterfall, when fitted. */
export async function getTokenValuationDetail({ warehouse, address, tokenId }: TokenRef): Promise<TokenValuationDetail | null> {
  const names = await warehouse.all<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_name IN ('valuation_tokens', 'valuation_waterfall', 'valuation_backtest')",
  );
  if (names.length < 3) return null;
  const [v] = await warehouse.all<{
    estimate: number;
    lower: number | null;
    upper: number | null;
    coverage: number;
    version: string;
    mape: number | null;
  }>(
    `SELECT v.estimate_eth AS estimate, v.lower_eth AS lower, v.upper_eth AS upper, v.coverage_level AS coverage, v.methodology_version AS version,
            b.backtest_mape AS mape
     FROM valuation_tokens v LEFT JOIN valuation_backtest b USING (contract_address)
     WHERE v.contract_address = $address AND v.token_id = $tokenId`,
    { address, tokenId },
  );
  if (!v || v.estimate === null) return null;
  const steps = await warehouse.all<{
    step: string;
    trait_type: string | null;
    trait_value: string | null;
    before: number;
    after: number;
    delta: number;
  }>(
    `SELECT step, trait_type, trait_value, value_before_eth AS before, value_after_eth AS after, delta_eth AS delta
     FROM valuation_waterfall WHERE contract_address = $address AND token_id = $tokenId ORDER BY step_order`,
    { address, tokenId },
  );
  return {
    estimateEth: v.estimate,
    lowerEth: v.lower,
    upperEth: v.upper,
    coverageLevel: v.coverage,
    methodologyVersion: v.version,
    backtestMape: v.mape,
    steps: steps.map((s) => ({
      step: s.step,
      label: s.step === "trait" ? `${s.trait_type}: ${s.trait_value}` : s.step === "base" ? "base (no trait premium)" : "calibrated floor",
      valueBeforeEth: s.before,
      valueAfterEth: s.after,
      deltaEth: s.delta,
    })),
  };
}

// The SQL sits below the functions so they read first; module constants are set before any call.
const TOKEN_SQL = `SELECT t.owner, c.name AS cname, m.name, m.image_data_uri AS data_uri, m.image_url AS url, m.error
     FROM tokens t LEFT JOIN collections c USING (contract_address)
     LEFT JOIN token_metadata m ON m.contract_address = t.contract_address AND m.token_id = t.token_id
     WHERE t.contract_address = $address AND t.token_id = $tokenId`;

const TRAITS_SQL = `WITH supply AS (SELECT count(*) AS n FROM tokens WHERE contract_address = $address)
     SELECT a.trait_type, a.trait_value, CAST(count(o.token_id) AS INTEGER) AS n, 100.0 * count(o.token_id) / nullif((SELECT n FROM supply), 0) AS pct
     FROM token_attributes a JOIN token_attributes o ON o.contract_address = a.contract_address AND o.trait_type = a.trait_type AND o.trait_value = a.trait_value
     WHERE a.contract_address = $address AND a.token_id = $tokenId GROUP BY ALL ORDER BY pct, a.trait_type`;

const EVENTS_SQL = `WITH ev AS (
       SELECT 'mint' AS kind, block_time, block_number, log_index, tx_hash, NULL AS from_a, minter AS to_a,
              CAST(price_wei AS DOUBLE) / 1e18 AS price_eth, CAST(gas_cost_wei AS DOUBLE) / 1e18 AS gas_eth, NULL::DOUBLE AS fees_eth
       FROM mints WHERE contract_address = $address AND token_id = $tokenId
       UNION ALL
       SELECT 'sale', s.block_time, s.block_number, s.log_index, s.tx_hash, s.seller, s.buyer, CAST(s.price_wei AS DOUBLE) / 1e18,
              CAST(tx.gas_used * tx.gas_price_wei AS DOUBLE) / 1e18,
              CAST(coalesce(s.marketplace_fee_wei, 0) + coalesce(s.royalty_wei, 0) AS DOUBLE) / 1e18
       FROM sales s LEFT JOIN transactions tx ON tx.tx_hash = s.tx_hash WHERE s.contract_address = $address AND s.token_id = $tokenId
       UNION ALL
       SELECT 'transfer', tr.block_time, tr.block_number, tr.log_index, tr.tx_hash, tr.from_address, tr.to_address, NULL, NULL, NULL
       FROM transfers tr WHERE tr.contract_address = $address AND tr.token_id = $tokenId
         AND tr.from_address <> '0x0000000000000000000000000000000000000000'
         AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.tx_hash = tr.tx_hash AND s.token_id = tr.token_id AND s.contract_address = tr.contract_address))
     SELECT kind, strftime(block_time, '%Y-%m-%d %H:%M UTC') AS t, CAST(block_number AS DOUBLE) AS block_number, tx_hash, from_a, to_a,
            price_eth, gas_eth, fees_eth
     FROM ev ORDER BY block_number, log_index NULLS FIRST, kind`;
