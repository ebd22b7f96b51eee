import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseFlags } from "../args.ts";
import { UserError } from "../errors.ts";
import type { Command } from "../registry.ts";

const usage = "Usage: hashfloor floor-check [--data DIR]   (DIR holds nft_trades.csv; default ../shared/realdata/nft/coinbase)";
const defaultDir = join(import.meta.dirname, "..", "..", "..", "shared", "realdata", "nft", "coinbase");

export const command: Command = {
  name: "floor-check",
  summary: "share of trades at or below each floor method (Coinbase adaptive vs Hashfloor calibrated) on real series",
  usage,
  async run(argv) {
    const { values } = parseFlags(argv, { data: { type: "string" } }, usage);
    const dir = resolve(values.data ?? defaultDir);
    if (!existsSync(join(dir, "nft_trades.csv"))) {
      throw new UserError(
        `--data: no nft_trades.csv in ${dir}; pass a folder in Coinbase's input schema, e.g. --data ../shared/realdata/nft/coinbase`,
      );
    }
    const { floorCheck, TradeFileError } = await import("../../analytics/floors/floor-check.ts");
    let rows: Awaited<ReturnType<typeof floorCheck>>;
    try {
      rows = floorCheck({ dir });
    } catch (error) {
      if (error instanceof TradeFileError) throw new UserError(`--data: ${error.message}`);
      throw error;
    }
    const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
    console.log("target: 5% of trades at or below the floor published before them");
    console.log(
      ["series".padEnd(16), "trades".padStart(7), "coinbase-adaptive".padStart(18), "hashfloor-calibrated".padStart(21)].join(" "),
    );
    for (const r of rows) {
      console.log(
        [
          r.collection.padEnd(16),
          String(r.trades).padStart(7),
          pct(r.adaptiveShare).padStart(18),
          pct(r.calibratedShare).padStart(21),
        ].join(" "),
      );
    }
    return 0;
  },
};
