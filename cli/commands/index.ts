import { getEnv } from "../../config/env.ts";
import { intFlag, parseFlags } from "../args.ts";
import { UserError } from "../errors.ts";
import type { Command } from "../registry.ts";

const usage =
  "Usage: hashfloor index [--manifest subgraph/build/devnet/subgraph.yaml] [--name hashfloor] (--rpc URL | --etl PATH...) [--db DIR] [--port 8000] [--host 127.0.0.1] [--once] [--confirmations N] [--batch 5000]";

export const command: Command = {
  name: "index",
  summary: "index a built subgraph from JSON-RPC or ethereum-etl files and serve its GraphQL API",
  usage,
  async run(argv) {
    const env = getEnv();
    const { values } = parseFlags(
      argv,
      {
        manifest: { type: "string" },
        name: { type: "string" },
        rpc: { type: "string" },
        etl: { type: "string", multiple: true },
        db: { type: "string" },
        port: { type: "string" },
        host: { type: "string" },
        once: { type: "boolean" },
        confirmations: { type: "string" },
        batch: { type: "string" },
      },
      usage,
    );
    const rpcUrl = values.rpc ?? env.HASHFLOOR_RPC_URL;
    if (rpcUrl !== undefined && !/^https?:\/\/\S+$/.test(rpcUrl))
      throw new UserError(`--rpc must be an http(s) URL, e.g. --rpc http://127.0.0.1:8545`);
    if (!rpcUrl && !values.etl)
      throw new UserError(`give a source: --rpc http://127.0.0.1:8545 or --etl data/etl/ (or set HASHFLOOR_RPC_URL)\n${usage}`);
    const name = values.name ?? "hashfloor";
    if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)?$/.test(name))
      throw new UserError(`--name must be letters, digits, - or _ (optionally one /), e.g. --name hashfloor`);
    const { runIndexCommand } = await import("../../subgraph/runtime/indexer/command.ts");
    return runIndexCommand({
      manifestPath: values.manifest ?? "subgraph/build/devnet/subgraph.yaml",
      name,
      rpcUrl,
      etlPaths: values.etl,
      dbDir: values.db ?? `${env.HASHFLOOR_DATA_DIR}/subgraph`,
      port: intFlag("port", values.port, env.HASHFLOOR_GRAPHQL_PORT, 0, 65535),
      host: values.host ?? env.HASHFLOOR_HOST,
      once: values.once ?? false,
      confirmations: intFlag("confirmations", values.confirmations, 0, 0, 10_000),
      batchBlocks: intFlag("batch", values.batch, 5000, 1, 1_000_000),
    });
  },
};
