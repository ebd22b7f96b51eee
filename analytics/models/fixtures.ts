/**
 * Test fixtures for the SQL models: insert raw rows with defaults into a ":memory:" warehouse.
 * Only tests import this module.
 */
import type { Warehouse } from "../db.ts";

export const nativeCurrency = "0x0000000000000000000000000000000000000000";

export interface SaleFixture {
  saleId: string;
  blockNumber: number;
  /** ISO time, UTC. */
  time: string;
  contract?: string;
  tokenId?: string;
  buyer?: string | null;
  seller?: string | null;
  priceWei: bigint;
  feeWei?: bigint | null;
  royaltyWei?: bigint | null;
  currency?: string;
  txHash?: string;
  logIndex?: number | null;
  tradeIndex?: number;
}

/** Inserts sales (one INSERT with bound values per row). */
export async function insertSales(warehouse: Warehouse, sales: SaleFixture[]): Promise<void> {
  for (const s of sales) {
    await warehouse.run(
      `INSERT INTO sales (sale_id, source, block_number, block_time, tx_hash, log_index, trade_index, contract_address, token_id,
         buyer, seller, price_wei, marketplace_fee_wei, royalty_wei, currency)
       VALUES ($1, 'subgraph', $2, CAST($3 AS TIMESTAMP), $4, $5, $6, $7, $8, $9, $10, CAST($11 AS HUGEINT), CAST($12 AS HUGEINT), CAST($13 AS HUGEINT), $14)`,
      [
        s.saleId,
        s.blockNumber,
        s.time,
        s.txHash ?? `0xtx${s.saleId}`,
        s.logIndex === undefined ? 0 : s.logIndex,
        s.tradeIndex ?? 0,
        s.contract ?? "0xc0",
        s.tokenId ?? "1",
        s.buyer === undefined ? "0xb" : s.buyer,
        s.seller === undefined ? "0xs" : s.seller,
        s.priceWei.toString(),
        s.feeWei === undefined ? "1" : s.feeWei === null ? null : s.feeWei.toString(),
        s.royaltyWei === undefined ? "0" : s.royaltyWei === null ? null : s.royaltyWei.toString(),
        s.currency ?? nativeCurrency,
      ],
    );
  }
}

/** One ETH/USD price point. */
export async function insertEthUsd(warehouse: Warehouse, id: string, time: string, priceUsd: number): Promise<void> {
  await warehouse.run("INSERT INTO price_points VALUES ($1, 'ETH/USD', CAST($2 AS HUGEINT), 8, $1, NULL, CAST($3 AS TIMESTAMP), $4)", [
    id,
    String(Math.round(priceUsd * 1e8)),
    time,
    priceUsd,
  ]);
}

export const eth = (n: number): bigint => BigInt(Math.round(n * 1e6)) * 10n ** 12n;
