/**
 * The floor check behind `hashfloor floor-check`: reads trade series in the input schema of
 * Coinbase's `run_cbnftfloorprice.py` (`nft_trades.csv`: chain_id, contract_address, collection,
 * block_number, price_wei, …) and reports, per series, the share of trades at or below the floor
 * published before them, for Coinbase's adaptive floor and for Hashfloor's calibrated floor.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { adaptiveFloorSeries } from "./adaptive.ts";
import { atOrBelowShare, calibratedFloorSeries } from "./calibrated.ts";

export class TradeFileError extends Error {
  override name = "TradeFileError";
}

const tradeRow = z.object({
  contract_address: z.string().min(1),
  collection: z.string().min(1),
  block_number: z.coerce.number().int().nonnegative(),
  price_wei: z.string().regex(/^\d+$/, "must be a whole number of wei"),
});

export interface TradeSeries {
  collection: string;
  contractAddress: string;
  /** Natural-log prices in ETH of the trades with a positive price, in (block, file) order. */
  logPricesEth: number[];
}

/** Reads `dir/nft_trades.csv` into one series per collection (stable block order, as the reference runs use). */
export function readTradeSeries(dir: string): TradeSeries[] {
  const file = join(dir, "nft_trades.csv");
  if (!existsSync(file)) throw new TradeFileError(`no nft_trades.csv in ${dir}`);
  const [header, ...lines] = readFileSync(file, "utf8").trim().split(/\r?\n/);
  const columns = header.split(",");
  const byCollection = new Map<string, { contractAddress: string; rows: { block: number; row: number; wei: bigint }[] }>();
  lines.forEach((line, row) => {
    const cells = line.split(",");
    const parsed = tradeRow.safeParse(Object.fromEntries(columns.map((c, i) => [c, cells[i]])));
    if (!parsed.success)
      throw new TradeFileError(`${file} line ${row + 2}: ${parsed.error.issues[0].path.join(".")} ${parsed.error.issues[0].message}`);
    const { collection, contract_address, block_number, price_wei } = parsed.data;
    const series = byCollection.get(collection) ?? { contractAddress: contract_address, rows: [] };
    series.rows.push({ block: block_number, row, wei: BigInt(price_wei) });
    byCollection.set(collection, series);
  });
  return [...byCollection].map(([collection, { contractAddress, rows }]) => {
    rows.sort((a, b) => a.block - b.block || a.row - b.row);
    return { collection, contractAddress, logPricesEth: rows.filter((r) => r.wei > 0n).map((r) => Math.log(Number(r.wei) / 1e18)) };
  });
}

export interface FloorCheckRow {
  collection: string;
  trades: number;
  /** Share of trades at or below Coinbase's adaptive floor as of the previous trade. */
  adaptiveShare: number;
  /** The same for Hashfloor's calibrated floor. */
  calibratedShare: number;
}

/** Both methods' at-or-below shares for every series in `dir`. */
export function floorCheck({ dir }: { dir: string }): FloorCheckRow[] {
  return readTradeSeries(dir).map(({ collection, logPricesEth }) => ({
    collection,
    trades: logPricesEth.length,
    adaptiveShare: atOrBelowShare(
      logPricesEth,
      adaptiveFloorSeries(logPricesEth).map((p) => p.logFloor),
    ),
    calibratedShare: atOrBelowShare(
      logPricesEth,
      calibratedFloorSeries(logPricesEth).map((p) => p.logFloor),
    ),
  }));
}
