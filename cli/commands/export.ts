import { defaultWarehousePath } from "../../analytics/sync/paths.ts";
import { getEnv } from "../../config/env.ts";
import { parseFlags } from "../args.ts";
import { UserError } from "../errors.ts";
import type { Command } from "../registry.ts";

const usage = "Usage: hashfloor export VIEW --format csv|parquet --out FILE [--db FILE]";

export const command: Command = {
  name: "export",
  summary: "export a warehouse view to CSV or Parquet, stamped with the methodology version",
  usage,
  async run(argv) {
    const { values, positionals } = parseFlags(
      argv,
      { format: { type: "string" }, out: { type: "string" }, db: { type: "string" } },
      usage,
    );
    if (positionals.length !== 1)
      throw new UserError(`name one view, e.g. hashfloor export collection_stats --format csv --out stats.csv\n${usage}`);
    const format = values.format ?? "csv";
    if (format !== "csv" && format !== "parquet")
      throw new UserError(`--format must be csv or parquet (got "${format}"), e.g. --format parquet`);
    if (!values.out) throw new UserError(`--out FILE is required, e.g. --out ${positionals[0]}.${format}`);
    const dbPath = values.db ?? defaultWarehousePath(getEnv());
    const { openWarehouse } = await import("../../analytics/db.ts");
    const { exportView } = await import("../../analytics/export.ts");
    const warehouse = await openWarehouse({ path: dbPath, readOnly: true }).catch((error: Error) => {
      throw new UserError(error.message.split("\n")[0], 1);
    });
    try {
      const result = await exportView({ warehouse, view: positionals[0], format, file: values.out });
      console.log(`exported ${result.rows} rows of ${positionals[0]} to ${result.file} (methodology ${result.methodologyVersion})`);
      return 0;
    } catch (error) {
      if (error instanceof Error && (error.name === "ExportError" || /IO Error|Permission denied/i.test(error.message))) {
        throw new UserError(error.message.split("\n")[0], 1);
      }
      throw error;
    } finally {
      warehouse.close();
    }
  },
};
