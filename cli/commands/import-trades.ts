import { defaultWarehousePath } from "../../analytics/sync/paths.ts";
import { getEnv } from "../../config/env.ts";
import { parseFlags } from "../args.ts";
import { UserError } from "../errors.ts";
import type { Command } from "../registry.ts";

const usage =
  "Usage: hashfloor import-trades FILE.csv [--db FILE] [--contract 0xADDRESS] [--chain ethereum] [--skip-malformed]\n" +
  "  columns: block_number, block_time (Unix s or UTC date-time), tx_hash, contract_address, token_id,\n" +
  "  price_wei or price_eth; optional buyer, seller, fees, currency (Dune nft.trades names accepted)";

export const command: Command = {
  name: "import-trades",
  summary: "load trades from a CSV (e.g. a Dune nft.trades export) as sales with source 'import'",
  usage,
  async run(argv) {
    const { values, positionals } = parseFlags(
      argv,
      { db: { type: "string" }, contract: { type: "string" }, chain: { type: "string" }, "skip-malformed": { type: "boolean" } },
      usage,
    );
    if (positionals.length !== 1) throw new UserError(`give exactly one CSV file, e.g. hashfloor import-trades trades.csv\n${usage}`);
    const dbPath = values.db ?? defaultWarehousePath(getEnv());
    const { openWarehouse } = await import("../../analytics/db.ts");
    const { importTrades, TradeImportError } = await import("../../analytics/sync/import-trades.ts");
    const warehouse = await openWarehouse({ path: dbPath });
    try {
      const result = await importTrades({
        warehouse,
        file: positionals[0],
        contractAddress: values.contract,
        chain: values.chain,
        skipMalformed: values["skip-malformed"],
      });
      for (const m of result.malformed) console.error(`skipped: ${m}`);
      const notes = [
        result.skippedOtherChain ? `${result.skippedOtherChain} rows of other chains skipped` : "",
        result.malformed.length ? `${result.malformed.length} malformed rows skipped` : "",
      ].filter(Boolean);
      console.log(`imported ${result.imported} sales into ${dbPath}${notes.length ? ` (${notes.join("; ")})` : ""}`);
      return 0;
    } catch (error) {
      if (error instanceof TradeImportError) throw new UserError(`${error.message} (nothing was imported)`);
      throw error;
    } finally {
      warehouse.close();
    }
  },
};
