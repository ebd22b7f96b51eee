import { getEnv } from "../../config/env.ts";
import { intFlag, parseFlags } from "../args.ts";
import { UserError } from "../errors.ts";
import type { Command } from "../registry.ts";

const usage = "Usage: hashfloor start [--port 3000] [--host 127.0.0.1] [--days 90]";

/**
 * The embedded default: devnet (cached history reused, live trading on) → `graph build` when stale
 * → subgraph runtime → sync loop → dashboard. HASHFLOOR_RPC_URL or HASHFLOOR_SUBGRAPH_URL skip
 * the devnet. Ctrl-C stops every part.
 */
export const command: Command = {
  name: "start",
  summary: "start everything: devnet, subgraph runtime, sync loop and the dashboard",
  usage,
  async run(argv) {
    const env = getEnv();
    const { values } = parseFlags(argv, { port: { type: "string" }, host: { type: "string" }, days: { type: "string" } }, usage);
    const port = intFlag("port", values.port, env.HASHFLOOR_PORT, 0, 65535);
    const days = intFlag("days", values.days, 90, 1, 3650);
    const { runPipeline } = await import("../pipeline/run.ts");
    const started = Date.now();
    const pipeline = await runPipeline({
      port,
      host: values.host ?? env.HASHFLOOR_HOST,
      dataDir: env.HASHFLOOR_DATA_DIR,
      seed: env.HASHFLOOR_SEED,
      days,
      devnetPort: env.HASHFLOOR_DEVNET_PORT,
      graphqlPort: env.HASHFLOOR_GRAPHQL_PORT,
      rpcUrl: env.HASHFLOOR_RPC_URL,
      subgraphUrl: env.HASHFLOOR_SUBGRAPH_URL,
    }).catch((error: NodeJS.ErrnoException & { name?: string }) => {
      if (error.code === "EADDRINUSE" || error.name === "PortInUseError")
        throw new UserError(`${error.message}; pass --port 3001 or set HASHFLOOR_PORT / HASHFLOOR_DEVNET_PORT / HASHFLOOR_GRAPHQL_PORT`);
      throw error;
    });
    console.log(
      `\nHashfloor dashboard on ${pipeline.url} (up in ${((Date.now() - started) / 1000).toFixed(1)} s). Ctrl-C stops everything.`,
    );
    for (const note of pipeline.board.notes()) console.log(`note: ${note}`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        console.log("\nStopping…");
        void pipeline.stop().then(() => {
          console.log("Stopped.");
          resolve();
        });
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return 0;
  },
};
