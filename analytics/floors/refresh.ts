/**
 * Computes the per-sale adaptive (Coinbase) and calibrated floors for every collection from the
 * clean, ETH-priced sales (the wash-rule snapshot, refreshed first) and stores them in `floor_points`, which the floor views
 * read. Run after each sync (`refreshFloors({ warehouse })`); it replaces the rows of the
 * collections it recomputes inside one transaction, so a failed run leaves the old rows.
 */
import type { Warehouse } from "../db.ts";
import { refreshSalesSnapshot } from "../models/snapshot.ts";
import { adaptiveFloorSeries } from "./adaptive.ts";
import { calibratedFloorSeries } from "./calibrated.ts";

/** Stamped on every floor row and export: bump it whenever a floor formula or parameter changes. */
export const floorMethodologyVersion = "floors-2026.11-1";

/** Clean sales in the order the estimators walk them: block, then position in the block. */
const cleanSalesSql = `
  SELECT sale_id, contract_address, price_eth
  FROM sales_clean_snapshot
  WHERE NOT is_wash AND price_eth > 0 AND ($1::VARCHAR IS NULL OR contract_address = $1::VARCHAR)
  ORDER BY contract_address, block_number, log_index NULLS LAST, trade_index, sale_id`;

export interface RefreshFloorsResult {
  collections: number;
  points: number;
  /** Sales in the wash-rule snapshot refreshed first. */
  snapshotSales: number;
}

/** Recomputes floor_points for one collection (`contractAddress`) or for all of them. */
export async function refreshFloors({
  warehouse,
  contractAddress,
  refreshSnapshot = true,
}: {
  warehouse: Warehouse;
  contractAddress?: string;
  /** Pass false when the wash-rule snapshot was just refreshed. */
  refreshSnapshot?: boolean;
}): Promise<RefreshFloorsResult> {
  // Floors walk the clean sales: bring the wash-rule snapshot up to date first.
  const snapshotSales = refreshSnapshot
    ? (await refreshSalesSnapshot({ warehouse })).sales
    : Number((await warehouse.all<{ n: string }>("SELECT count(*) AS n FROM sales_clean_snapshot"))[0].n);
  const reader = await warehouse.connection.runAndReadAll(cleanSalesSql, [contractAddress ?? null]);
  // getColumnsJS() returns [] (not three empty columns) when no row matches: a warehouse whose sales
  // are all wash trades or none ETH-priced has no clean sales, and then no floor points.
  const [saleIds = [], contracts = [], pricesEth = []] = reader.getColumnsJS() as [string[]?, string[]?, number[]?];
  return warehouse.transaction(async () => {
    await warehouse.run(
      "CREATE OR REPLACE TEMP TABLE floor_points_staging (sale_id VARCHAR, trade_number INTEGER, adaptive_hit BOOLEAN, adaptive_backtest_share DOUBLE, adaptive_quantile DOUBLE, adaptive_log_floor DOUBLE, calibrated_offset DOUBLE, calibrated_log_floor DOUBLE)",
    );
    const appender = await warehouse.connection.createAppender("floor_points_staging", "main", "temp");
    let collections = 0;
    for (let start = 0; start < saleIds.length; ) {
      let end = start;
      while (end < saleIds.length && contracts[end] === contracts[start]) end++;
      const logPrices = pricesEth.slice(start, end).map((p) => Math.log(p));
      const adaptive = adaptiveFloorSeries(logPrices);
      const calibrated = calibratedFloorSeries(logPrices);
      for (let i = 0; i < logPrices.length; i++) {
        appender.appendVarchar(saleIds[start + i]);
        appender.appendInteger(i);
        appender.appendBoolean(adaptive[i].hit);
        appender.appendDouble(adaptive[i].backtestShare);
        appender.appendDouble(adaptive[i].adjustedQuantile);
        appender.appendDouble(adaptive[i].logFloor);
        appender.appendDouble(calibrated[i].offset);
        appender.appendDouble(calibrated[i].logFloor);
        appender.endRow();
      }
      collections += 1;
      start = end;
    }
    appender.closeSync();
    await warehouse.run("DELETE FROM floor_points WHERE $1::VARCHAR IS NULL OR contract_address = $1::VARCHAR", [contractAddress ?? null]);
    await warehouse.run(
      `INSERT INTO floor_points
       SELECT s.sale_id, s.contract_address, s.block_number, s.block_time, s.tx_hash, s.log_index, s.trade_index, f.trade_number,
              s.price_eth, f.adaptive_hit, f.adaptive_backtest_share, f.adaptive_quantile, f.adaptive_log_floor,
              f.calibrated_offset, f.calibrated_log_floor, $1
       FROM floor_points_staging AS f JOIN sales_clean_snapshot AS s USING (sale_id)
       -- Stored by collection, so one collection's reads skip the other row groups (zone maps).
       ORDER BY s.contract_address, s.block_number, s.log_index, s.trade_index`,
      [floorMethodologyVersion],
    );
    await warehouse.run("DROP TABLE floor_points_staging");
    // The collection page's series, for every collection: the wash snapshot may have changed for all.
    await warehouse.run(
      `CREATE OR REPLACE TABLE floor_daily_snapshot AS
       SELECT * FROM floor_series(NULL, INTERVAL 1 DAY, INTERVAL 7 DAY, INTERVAL 1 DAY) ORDER BY contract_address, bucket_start`,
    );
    return { collections, points: saleIds.length, snapshotSales };
  });
}
