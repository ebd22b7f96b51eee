/**
 * The subgraph entities sync reads, each with its page query, a zod schema (the boundary check on
 * what graph-node returned) and its mapping to raw warehouse rows (analytics/warehouse/schema.sql).
 * Field names follow subgraph/schema.graphql; a mismatch fails `graphclient build`, not a sync.
 */
import { z } from "zod";
import type { PageOperation } from "../graphclient/client.ts";
import type { TableRows } from "./write.ts";

const bigintText = z.string().regex(/^-?\d+$/, "must be a decimal integer string");
const hex = z
  .string()
  .regex(/^0x[0-9a-fA-F]*$/, "must be 0x-hex")
  .transform((s) => s.toLowerCase());
const ref = z.object({ id: z.string().transform((s) => s.toLowerCase()) });
const nullableRef = ref.nullable().optional();
const blockNumber = z.union([bigintText, z.number().int()]).transform(Number);
/** Block timestamps arrive as BigInt seconds (graph-ts `event.block.timestamp`). */
const seconds = z.union([bigintText, z.number().int()]).transform(String);

export interface EntitySpec<T = unknown> {
  /** Key in sync_state: `subgraph:<name>`. */
  name: string;
  operation: PageOperation;
  /** The plural query field. */
  field: string;
  /** The id scalar decides the id_gt cursor's starting value ("" for String, "0x" for Bytes). */
  idType: "String" | "Bytes";
  schema: z.ZodType<T, z.ZodTypeDef, unknown>;
  toRows(entity: T): TableRows;
}

function spec<S extends z.ZodTypeAny>(s: Omit<EntitySpec<z.output<S>>, "schema"> & { schema: S }): EntitySpec {
  return s as unknown as EntitySpec;
}

const collection = z.object({ id: hex, name: z.string().nullable(), symbol: z.string().nullable(), supply: bigintText });

const token = z.object({
  id: z.string(),
  collection: ref,
  tokenId: bigintText,
  owner: nullableRef,
  tokenURI: z.string().nullable().optional(),
  mint: z.object({ transaction: ref }).nullable().optional(),
});

const transaction = z.object({
  id: hex,
  blockNumber,
  timestampSec: seconds,
  from: hex,
  to: hex.nullable().optional(),
  valueWei: bigintText,
  gasUsed: bigintText,
  gasPriceWei: bigintText,
  blockBaseFeePerGasWei: bigintText.nullable().optional(),
});

/** Event entities: immutable, Bytes ids `txHash ++ logIndex` (graph-node convention). */
const eventBase = { id: hex, collection: ref, blockNumber, timestampSec: seconds, logIndex: blockNumber };
const tokenRef = z.object({ tokenId: bigintText });

const mint = z.object({
  ...eventBase,
  token: tokenRef,
  transaction: ref,
  minter: ref,
  priceWei: bigintText,
  currency: hex,
  gasCostWei: bigintText.nullable().optional(),
});

const transfer = z.object({ ...eventBase, token: tokenRef, transactionHash: hex, from: hex, to: hex });

const fee = z.object({ recipient: hex, kind: z.string(), amountWei: bigintText });

const sale = z.object({
  ...eventBase,
  transaction: ref,
  tokenId: bigintText,
  bundleIndex: z.number().int().nonnegative(),
  buyer: ref,
  seller: ref,
  grossPriceWei: bigintText,
  sellerProceedsWei: bigintText.nullable().optional(),
  marketplaceFeeWei: bigintText.nullable().optional(),
  royaltyFeeWei: bigintText.nullable().optional(),
  currency: hex,
  isBundle: z.boolean(),
  priceIsEstimated: z.boolean(),
  marketplace: z.string().nullable().optional(),
  protocol: z.string().nullable().optional(),
  protocolVersion: z.string().nullable().optional(),
  orderHash: hex.nullable().optional(),
  fees: z.array(fee).default([]),
});

const pricePoint = z.object({
  id: hex,
  feed: hex,
  pair: z.string().min(1),
  answer: bigintText,
  decimals: z.number().int().min(0).max(36),
  roundId: bigintText,
  blockNumber,
  timestampSec: seconds,
});

/** Fee legs keyed by (recipient, kind): two legs to one recipient of one kind are summed. */
function feeRows(saleId: string, fees: z.output<typeof fee>[]) {
  const byKey = new Map<string, { sale_id: string; recipient: string; kind: string; amount_wei: bigint }>();
  for (const f of fees) {
    const kind = f.kind.toLowerCase();
    const key = `${f.recipient}|${kind}`;
    const prev = byKey.get(key);
    if (prev) prev.amount_wei += BigInt(f.amountWei);
    else byKey.set(key, { sale_id: saleId, recipient: f.recipient, kind, amount_wei: BigInt(f.amountWei) });
  }
  return [...byKey.values()].map((r) => ({ ...r, amount_wei: r.amount_wei.toString() }));
}

/** In sync order. Sales come after the transactions and tokens they reference. */
export const entitySpecs: EntitySpec[] = [
  spec({
    name: "collections",
    operation: "CollectionsPage",
    field: "collections",
    idType: "Bytes",
    schema: collection,
    toRows: (c) => ({
      collections: [{ contract_address: c.id, name: c.name, symbol: c.symbol, total_supply: c.supply, source: "subgraph" }],
    }),
  }),
  spec({
    name: "tokens",
    operation: "TokensPage",
    field: "tokens",
    idType: "String",
    schema: token,
    toRows: (t) => ({
      tokens: [
        {
          contract_address: t.collection.id,
          token_id: t.tokenId,
          owner: t.owner?.id ?? null,
          token_uri: t.tokenURI ?? null,
          mint_tx_hash: t.mint?.transaction.id ?? null,
        },
      ],
    }),
  }),
  spec({
    name: "transactions",
    operation: "TransactionsPage",
    field: "transactions",
    idType: "Bytes",
    schema: transaction,
    toRows: (t) => ({
      transactions: [
        {
          tx_hash: t.id,
          block_number: t.blockNumber,
          block_time: t.timestampSec,
          from_address: t.from,
          to_address: t.to ?? null,
          value_wei: t.valueWei,
          gas_used: t.gasUsed,
          gas_price_wei: t.gasPriceWei,
          base_fee_per_gas_wei: t.blockBaseFeePerGasWei ?? null,
        },
      ],
    }),
  }),
  spec({
    name: "mints",
    operation: "MintsPage",
    field: "mints",
    idType: "Bytes",
    schema: mint,
    toRows: (m) => ({
      mints: [
        {
          mint_id: m.id,
          block_number: m.blockNumber,
          block_time: m.timestampSec,
          tx_hash: m.transaction.id,
          log_index: m.logIndex,
          contract_address: m.collection.id,
          token_id: m.token.tokenId,
          minter: m.minter.id,
          price_wei: m.priceWei,
          currency: m.currency,
          gas_cost_wei: m.gasCostWei ?? null,
        },
      ],
    }),
  }),
  spec({
    name: "transfers",
    operation: "TransfersPage",
    field: "transfers",
    idType: "Bytes",
    schema: transfer,
    toRows: (t) => ({
      transfers: [
        {
          transfer_id: t.id,
          block_number: t.blockNumber,
          block_time: t.timestampSec,
          tx_hash: t.transactionHash,
          log_index: t.logIndex,
          contract_address: t.collection.id,
          token_id: t.token.tokenId,
          from_address: t.from,
          to_address: t.to,
        },
      ],
    }),
  }),
  spec({
    name: "sales",
    operation: "SalesPage",
    field: "sales",
    idType: "Bytes",
    schema: sale,
    toRows: (s) => ({
      sales: [
        {
          sale_id: s.id,
          source: "subgraph",
          block_number: s.blockNumber,
          block_time: s.timestampSec,
          tx_hash: s.transaction.id,
          log_index: s.logIndex,
          trade_index: s.bundleIndex,
          contract_address: s.collection.id,
          token_id: s.tokenId,
          buyer: s.buyer.id,
          seller: s.seller.id,
          price_wei: s.grossPriceWei,
          seller_proceeds_wei: s.sellerProceedsWei ?? null,
          marketplace_fee_wei: s.marketplaceFeeWei ?? null,
          royalty_wei: s.royaltyFeeWei ?? null,
          currency: s.currency,
          is_bundle: s.isBundle,
          price_is_estimated: s.priceIsEstimated,
          marketplace: s.marketplace ?? null,
          // The raw table's marketplace_version holds the exchange protocol and its version, e.g. "seaport 1.6".
          marketplace_version: s.protocol ? `${s.protocol.toLowerCase()} ${s.protocolVersion ?? ""}`.trim() : null,
          order_hash: s.orderHash ?? null,
        },
      ],
      sale_fees: feeRows(s.id, s.fees),
    }),
  }),
  spec({
    name: "price_points",
    operation: "PricePointsPage",
    field: "pricePoints",
    idType: "Bytes",
    schema: pricePoint,
    toRows: (p) => ({
      price_points: [
        {
          price_point_id: p.id,
          // The raw `feed` column holds the pair ('ETH/USD'); the aggregator address is not kept.
          feed: p.pair,
          answer: p.answer,
          decimals: p.decimals,
          round_id: p.roundId,
          block_number: p.blockNumber,
          block_time: p.timestampSec,
          price_usd: Number(p.answer) / 10 ** p.decimals,
        },
      ],
    }),
  }),
];
