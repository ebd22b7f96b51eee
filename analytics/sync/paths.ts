/** Where the warehouse lives by default: `${HASHFLOOR_DATA_DIR}/warehouse.duckdb`. Light: no heavy imports. */
import { join } from "node:path";
import type { Env } from "../../config/env.ts";

export function defaultWarehousePath(env: Pick<Env, "HASHFLOOR_DATA_DIR">): string {
  return join(env.HASHFLOOR_DATA_DIR, "warehouse.duckdb");
}
