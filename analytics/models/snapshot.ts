/**
 * The wash-rule snapshot: `sales_wash_live` (every sale with its rule flags, seconds to compute on
 * millions of rows) stored in `sales_clean_snapshot`, with its watermark in
 * `sales_clean_snapshot_state`. `sales_clean` reads the snapshot and recomputes live only the tokens
 * with sales appended since; the heavy aggregates (floor_series, collection_stats) read the
 * snapshot, so they show the state of the last refresh, like the floors they sit beside.
 */
import type { Warehouse } from "../db.ts";

/** Replaces sales_clean_snapshot and its watermark with the current evaluation of every sale, in one transaction. */
export async function refreshSalesSnapshot({ warehouse }: { warehouse: Warehouse }): Promise<{ sales: number }> {
  return warehouse.transaction(async () => {
    await warehouse.run("DELETE FROM sales_clean_snapshot");
    // Stored by collection: one collection's reads (every page, embed and floor) then touch its own
    // row groups, which DuckDB's zone maps on contract_address let the scan skip to (~5× at 1M sales).
    await warehouse.run("INSERT INTO sales_clean_snapshot BY NAME SELECT * FROM sales_wash_live ORDER BY contract_address, block_number");
    // Same transaction, so the watermark describes exactly the sales the snapshot was built from.
    await warehouse.run("DELETE FROM sales_clean_snapshot_state");
    await warehouse.run(
      `INSERT INTO sales_clean_snapshot_state
       SELECT count(*), coalesce(max(rowid), -1), arg_max(sale_id, rowid), now() FROM sales`,
    );
    const [{ n }] = await warehouse.all<{ n: string }>("SELECT count(*) AS n FROM sales_clean_snapshot");
    return { sales: Number(n) };
  });
}
