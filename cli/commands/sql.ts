import { defaultWarehousePath } from "../../analytics/sync/paths.ts";
import { getEnv } from "../../config/env.ts";
import { parseFlags } from "../args.ts";
import { UserError } from "../errors.ts";
import type { Command } from "../registry.ts";

const usage = 'Usage: hashfloor sql "<query>" [--json] [--db FILE]';

export const command: Command = {
  name: "sql",
  summary: "run read-only SQL on the warehouse (--json prints an array of row objects)",
  usage,
  async run(argv) {
    const { values, positionals } = parseFlags(argv, { json: { type: "boolean" }, db: { type: "string" } }, usage);
    if (positionals.length !== 1)
      throw new UserError(`give the query as one quoted argument, e.g. hashfloor sql "SELECT count(*) FROM sales"`);
    const dbPath = values.db ?? defaultWarehousePath(getEnv());
    const { runReadOnlySql } = await import("../../analytics/sync/sql.ts");
    const result = await runReadOnlySql({ dbPath, sql: positionals[0] }).catch((error: Error) => {
      if (error.name === "ReadOnlySqlError" || error.name === "WarehouseError") throw new UserError(error.message, 1);
      throw error;
    });
    if (values.json) console.log(JSON.stringify(result.rows, null, 2));
    else console.log(result.table);
    return 0;
  },
};
