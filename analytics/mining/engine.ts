/**
 * A DuckDB holding the mining models, for calculations that bring no warehouse. It is an in-memory
 * warehouse opened through analytics/db.ts, which finds its SQL files from source and from the Remix
 * server bundle alike, so there is one place that owns DuckDB connections.
 */
import { openWarehouse, type Warehouse } from "../db.ts";

/** Opens an in-memory DuckDB with every model (mining ones included) applied; the caller closes it. */
export async function openMiningEngine(): Promise<Warehouse> {
  return openWarehouse({ path: ":memory:" });
}

/** True when `warehouse` has the mining macros and history table (analytics/models/50_mining_*.sql). */
export async function hasMiningModels(warehouse: Warehouse): Promise<boolean> {
  const [row] = await warehouse.all(
    `SELECT (SELECT count(*) FROM duckdb_functions() WHERE function_name IN ('mining_projection', 'mining_difficulty_trend'))
          + (SELECT count(*) FROM information_schema.tables WHERE table_name = 'mining_history') AS n`,
  );
  return Number(row?.n) >= 3;
}
