/**
 * Refreshes the derived tables the model views read, in dependency order: the wash-rule snapshot
 * behind `sales_clean`, holder concentration and collection stats, the per-sale floors (`floor_points`),
 * the OpenRarity snapshot, and the valuation models. Sync runs
 * `refreshModels({ warehouse })` after each batch it commits; every step replaces its table in a
 * transaction, so a failure leaves the previous, consistent state.
 */
import type { Warehouse } from "../db.ts";
import { refreshFloors } from "../floors/refresh.ts";
import { refreshValuations } from "../nft/valuation.ts";
import { refreshSalesSnapshot } from "./snapshot.ts";

export { refreshSalesSnapshot };

/**
 * Stores holder concentration (collection_holder_stats_live → collection_holder_stats) and then the
 * all-time collection stats (collection_stats_between(NULL, NULL) → collection_stats_snapshot),
 * which read the holder table and the wash-rule snapshot: refresh those first.
 */
export async function refreshCollectionStats({ warehouse }: { warehouse: Warehouse }): Promise<void> {
  await refreshHolderStats({ warehouse });
  await warehouse.transaction(async () => {
    await warehouse.run("CREATE OR REPLACE TABLE collection_stats_snapshot AS FROM collection_stats_between(NULL, NULL)");
  });
}

/** Stores holder concentration per collection (collection_holder_stats_live) in collection_holder_stats. */
export async function refreshHolderStats({ warehouse }: { warehouse: Warehouse }): Promise<void> {
  await warehouse.transaction(async () => {
    await warehouse.run("DELETE FROM collection_holder_stats");
    await warehouse.run("INSERT INTO collection_holder_stats SELECT *, now() FROM collection_holder_stats_live");
  });
}

/** Stores rarity_openrarity in rarity_openrarity_snapshot with the fingerprint of its inputs, in one transaction. */
export async function refreshRaritySnapshot({ warehouse }: { warehouse: Warehouse }): Promise<void> {
  await warehouse.transaction(async () => {
    // Stored by collection, so one collection's reads skip the other row groups.
    await warehouse.run("CREATE OR REPLACE TABLE rarity_openrarity_snapshot AS FROM rarity_openrarity ORDER BY contract_address, token_id");
    await warehouse.run("DELETE FROM rarity_snapshot_state");
    await warehouse.run("INSERT INTO rarity_snapshot_state SELECT inputs_fingerprint, now() FROM rarity_inputs_fingerprint");
  });
}

export interface RefreshModelsResult {
  sales: number;
  floorPoints: number;
  valuedCollections: number;
}

/** Everything derived: wash snapshot, floors, collection stats, rarity snapshot, valuations. */
export async function refreshModels({ warehouse }: { warehouse: Warehouse }): Promise<RefreshModelsResult> {
  // refreshFloors refreshes the wash-rule snapshot first.
  const floors = await refreshFloors({ warehouse });
  await refreshCollectionStats({ warehouse });
  await refreshRaritySnapshot({ warehouse });
  const valuations = await refreshValuations({ warehouse });
  return { sales: floors.snapshotSales, floorPoints: floors.points, valuedCollections: valuations.length };
}
