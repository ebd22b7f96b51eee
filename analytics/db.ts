/**
 * The one module that owns the DuckDB warehouse's lifecycle: open (creating raw tables and model
 * views), query with bound parameters, close. Everything else asks it for a connection.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";

/**
 * Where the SQL files live. Run from source, this module sits in analytics/; bundled into the Remix
 * server build it sits in build/, one level below the project root. Look in both.
 */
function analyticsDir(): string {
  const here = import.meta.dirname;
  for (const candidate of [here, join(here, "..", "analytics"), join(process.cwd(), "analytics")]) {
    if (existsSync(join(candidate, "warehouse", "schema.sql"))) return candidate;
  }
  throw new Error(`analytics SQL files not found near ${here}; run from the project root`);
}

export const rawSchemaPath = join(analyticsDir(), "warehouse", "schema.sql");
export const modelsDir = join(analyticsDir(), "models");

export type Row = Record<string, unknown>;

export interface Warehouse {
  path: string;
  readOnly: boolean;
  connection: DuckDBConnection;
  /** Rows as plain objects (BIGINT/HUGEINT/DECIMAL arrive as strings, so nothing loses precision). */
  all<T extends Row = Row>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<T[]>;
  run(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<void>;
  /** Runs `work` inside BEGIN/COMMIT; rolls back when it throws. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): void;
}

export class WarehouseError extends Error {
  override name = "WarehouseError";
}

/**
 * Model files: analytics/models/*.sql, applied in file-name order (prefix numbers give dependency
 * order), each a `CREATE OR REPLACE VIEW` (or macro) statement list.
 */
export function modelFiles(): string[] {
  if (!existsSync(modelsDir)) return [];
  return readdirSync(modelsDir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => join(modelsDir, f));
}

/**
 * Opens (creating when writable and missing) the warehouse at `path` (":memory:" for tests). A
 * writable open applies the raw schema and (re)creates every model view.
 */
export async function openWarehouse({ path, readOnly = false }: { path: string; readOnly?: boolean }): Promise<Warehouse> {
  if (readOnly && path !== ":memory:" && !existsSync(path)) {
    throw new WarehouseError(`no warehouse at ${path}; run \`hashfloor sync\` first or pass --db FILE`);
  }
  if (!readOnly && path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const instance = await DuckDBInstance.create(path, readOnly ? { access_mode: "READ_ONLY" } : {});
  const connection = await instance.connect();
  const all = async <T extends Row>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>) => {
    const reader = await connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJson() as unknown as T[];
  };
  const run = async (sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>) => {
    await connection.run(sql, params);
  };
  const warehouse: Warehouse = {
    path,
    readOnly,
    connection,
    all,
    run,
    async transaction(work) {
      await run("BEGIN TRANSACTION");
      try {
        const result = await work();
        await run("COMMIT");
        return result;
      } catch (error) {
        await run("ROLLBACK");
        throw error;
      }
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
  if (!readOnly) await applySchema(warehouse);
  return warehouse;
}

/** Creates raw tables (idempotent) and replaces every model view. */
export async function applySchema(warehouse: Warehouse): Promise<void> {
  await warehouse.run(readFileSync(rawSchemaPath, "utf8"));
  for (const file of modelFiles()) {
    try {
      await warehouse.run(readFileSync(file, "utf8"));
    } catch (error) {
      throw new WarehouseError(`model ${file} failed to load: ${(error as Error).message}`);
    }
  }
}
