/**
 * first_funding: for each address, the first transaction that sent it native coin (who funded it),
 * for wash rule 4. Only top-level transaction value is visible (internal transfers need traces).
 * Candidates from any source merge by "earliest wins", so files and RPC ranges can come in any order.
 */
import type { Warehouse } from "../db.ts";
import { insertRows, type RawRow } from "./write.ts";

export interface FundingCandidate {
  address: string;
  funder: string;
  blockNumber: number;
  txIndex: number;
  txHash: string;
}

const stagingKinds = { address: "text", funder: "text", block_number: "int", tx_index: "int", tx_hash: "text" } as const;

/** Merges candidates into first_funding (call inside a transaction); returns rows inserted or replaced. */
export async function mergeFirstFunding(warehouse: Warehouse, candidates: FundingCandidate[]): Promise<number> {
  if (!candidates.length) return 0;
  await warehouse.run(
    "CREATE TEMP TABLE IF NOT EXISTS first_funding_staging (address VARCHAR, funder VARCHAR, block_number BIGINT, tx_index BIGINT, tx_hash VARCHAR)",
  );
  await warehouse.run("DELETE FROM first_funding_staging");
  const rows: RawRow[] = candidates.map((c) => ({
    address: c.address.toLowerCase(),
    funder: c.funder.toLowerCase(),
    block_number: c.blockNumber,
    tx_index: c.txIndex,
    tx_hash: c.txHash.toLowerCase(),
  }));
  await insertRows(warehouse, "first_funding_staging", stagingKinds, rows);
  const [{ n }] = await warehouse.all<{ n: string }>(`
    WITH earliest AS (
      SELECT address, funder, block_number, tx_hash FROM first_funding_staging
      QUALIFY row_number() OVER (PARTITION BY address ORDER BY block_number, tx_index) = 1
    ), changed AS (
      SELECT e.* FROM earliest e LEFT JOIN first_funding f USING (address)
      WHERE f.address IS NULL OR e.block_number < f.block_number
    )
    SELECT count(*)::VARCHAR AS n FROM changed`);
  await warehouse.run(`
    INSERT OR REPLACE INTO first_funding
    WITH earliest AS (
      SELECT address, funder, block_number, tx_hash FROM first_funding_staging
      QUALIFY row_number() OVER (PARTITION BY address ORDER BY block_number, tx_index) = 1
    )
    SELECT e.address, e.funder, e.block_number, e.tx_hash FROM earliest e LEFT JOIN first_funding f USING (address)
    WHERE f.address IS NULL OR e.block_number < f.block_number`);
  return Number(n);
}
