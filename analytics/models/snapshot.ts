/**
 * The wash-rule snapshot: `sales_wash_live` (every sale with its rule flags, seconds to compute on
 * millions of rows) stored in `sales_clean_snapshot`. `sales_clean` stays live on its own; the
 * heavy aggregates (floor_series, collection_stats) read the snapshot, so they show the state of
 * the last refresh, like the floors they sit beside.
 */
import type { Warehouse } from "../db.ts";

/** Replaces sales_clean_snapshot with the current evaluation of every sale, in one transaction. */
export async function refreshSalesSnapshot({ warehouse }: { warehouse: Warehouse }): Promise<{ sales: number }> {
  return warehouse.transaction(async () => {
    await warehouse.run("DELETE FROM sales_clean_snapshot");
    await warehouse.run("INSERT INTO sales_clean_snapshot BY NAME SELECT * FROM sales_wash_live");
    const [{ n }] = await warehouse.all<{ n: string }>("SELECT count(*) AS n FROM sales_clean_snapshot");
    return { sales: Number(n) };
  });
}
