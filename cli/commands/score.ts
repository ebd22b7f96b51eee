import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { getEnv } from "../../config/env.ts";
import { parseFlags } from "../args.ts";
import { UserError } from "../errors.ts";
import type { Command } from "../registry.ts";

const usage = "Usage: hashfloor score [--db FILE] [--truth DIR] [--no-refresh]   (defaults: data/warehouse.duckdb, data/devnet/truth)";

export const command: Command = {
  name: "score",
  summary: "wash precision/recall per rule and valuation error against the devnet's ground truth",
  usage,
  async run(argv) {
    const env = getEnv();
    const { values } = parseFlags(argv, { db: { type: "string" }, truth: { type: "string" }, "no-refresh": { type: "boolean" } }, usage);
    const db = resolve(values.db ?? join(env.HASHFLOOR_DATA_DIR, "warehouse.duckdb"));
    const truthDir = resolve(values.truth ?? join(env.HASHFLOOR_DATA_DIR, "devnet", "truth"));
    if (!existsSync(db))
      throw new UserError(`--db: no warehouse at ${db}; run \`hashfloor sync\` first or pass --db FILE, e.g. --db data/warehouse.duckdb`);
    if (!existsSync(join(truthDir, "sales.csv"))) {
      throw new UserError(`--truth: no sales.csv in ${truthDir}; run the devnet first or pass --truth DIR, e.g. --truth data/devnet/truth`);
    }
    const { openWarehouse } = await import("../../analytics/db.ts");
    const { readTruthSales, scoreAgainstTruth, formatScoreReport, scoreThresholdFailures, TruthFileError } = await import(
      "../../analytics/nft/score.ts"
    );
    let truth: ReturnType<typeof readTruthSales>;
    try {
      truth = readTruthSales(truthDir);
    } catch (error) {
      if (error instanceof TruthFileError) throw new UserError(`--truth: ${error.message}`);
      throw error;
    }
    const warehouse = await openWarehouse({ path: db });
    try {
      // The devnet's WETH prices 1:1 with ETH: register it so WETH sales get an ETH price.
      const deploymentFile = join(truthDir, "..", "deployment.json");
      if (existsSync(deploymentFile)) {
        const { readDeployment } = await import("../../chain/deployment.ts");
        const { registerEthCurrency } = await import("../../analytics/models/eth-currencies.ts");
        const address = readDeployment(deploymentFile).contracts.weth.address;
        await registerEthCurrency({ warehouse, address, note: "WETH (devnet deployment.json)" });
      }
      if (!values["no-refresh"]) {
        // Floors and valuations are derived tables: bring them up to date with the synced sales.
        const { refreshModels } = await import("../../analytics/models/refresh.ts");
        await refreshModels({ warehouse });
      }
      const report = await scoreAgainstTruth({ warehouse, truth });
      for (const line of formatScoreReport(report)) console.log(line);
      const failures = scoreThresholdFailures(report);
      console.log(
        failures.length
          ? `below the devnet bars: ${failures.join("; ")}`
          : "all devnet bars met (recall ≥ 0.9 per rule, precision ≥ 0.85, fair-value MAPE ≤ 15%, price coverage 70–90%)",
      );
    } finally {
      warehouse.close();
    }
    return 0;
  },
};
