/**
 * A DuckDB holding the mining models, for calculations that bring no warehouse. Normally that is
 * openWarehouse(":memory:"). Inside the Remix server bundle (build/index.js) analytics/db.ts looks
 * for its SQL beside the bundle and fails with ENOENT; until db.ts resolves its paths from the
 * project root, fall back to a bare in-memory DuckDB with only the mining model files, found from
 * the working directory (`npm start` runs from the project root).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { modelsDir, openWarehouse, type Warehouse, WarehouseError } from "../db.ts";

const miningModel = /^50_mining_.*\.sql$/;

/** Opens an in-memory DuckDB with the mining models applied; the caller closes it. */
export async function openMiningEngine(): Promise<Warehouse> {
  try {
    return await openWarehouse({ path: ":memory:" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return bareEngine();
  }
}

function miningModelFiles(): string[] {
  for (const dir of [modelsDir, join(process.cwd(), "analytics", "models")]) {
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir)
      .filter((f) => miningModel.test(f))
      .sort();
    if (files.length > 0) return files.map((f) => join(dir, f));
  }
  throw new WarehouseError(
    `the mining model files (analytics/models/50_mining_*.sql) were not found from ${process.cwd()}; start Hashfloor from its folder`,
  );
}

async function bareEngine(): Promise<Warehouse> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const warehouse: Warehouse = {
    path: ":memory:",
    readOnly: false,
    connection,
    all: async (sql, params) => (await connection.runAndReadAll(sql, params)).getRowObjectsJson() as never,
    run: async (sql, params) => {
      await connection.run(sql, params);
    },
    async transaction(work) {
      await warehouse.run("BEGIN TRANSACTION");
      try {
        const result = await work();
        await warehouse.run("COMMIT");
        return result;
      } catch (error) {
        await warehouse.run("ROLLBACK");
        throw error;
      }
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
  for (const file of miningModelFiles()) await warehouse.run(readFileSync(file, "utf8"));
  return warehouse;
}

/** True when `warehouse` has the mining macros and history table (analytics/models/50_mining_*.sql). */
export async function hasMiningModels(warehouse: Warehouse): Promise<boolean> {
  const [row] = await warehouse.all(
    `SELECT (SELECT count(*) FROM duckdb_functions() WHERE function_name IN ('mining_projection', 'mining_difficulty_trend'))
          + (SELECT count(*) FROM information_schema.tables WHERE table_name = 'mining_history') AS n`,
  );
  return Number(row?.n) >= 3;
}

export { bareEngine as openBareMiningEngineForTests };
