import { defaultWarehousePath } from "../../analytics/sync/paths.ts";
import { getEnv } from "../../config/env.ts";
import { intFlag, parseFlags } from "../args.ts";
import { UserError } from "../errors.ts";
import type { Command } from "../registry.ts";

const usage =
  "Usage: hashfloor sync [--subgraph URL] [--rpc URL | --etl PATH...] [--db FILE] [--from-block N] [--no-metadata] [--ipfs-gateway URL]\n" +
  "  each source is optional (defaults: HASHFLOOR_SUBGRAPH_URL, HASHFLOOR_RPC_URL); --etl blocks.csv alone imports headers";

/** Error classes a sync source throws for bad input or a failing upstream: printed as one line. */
const userFacing = new Set(["SubgraphError", "HeaderSourceError", "EtlImportError", "WarehouseError", "GraphClientBuildError", "CsvError"]);

export const command: Command = {
  name: "sync",
  summary: "sync the subgraph, block headers (RPC or ethereum-etl files) and token metadata into the warehouse",
  usage,
  async run(argv) {
    const env = getEnv();
    const { values, positionals } = parseFlags(
      argv,
      {
        subgraph: { type: "string" },
        rpc: { type: "string" },
        etl: { type: "string", multiple: true },
        db: { type: "string" },
        "from-block": { type: "string" },
        "no-metadata": { type: "boolean" },
        "ipfs-gateway": { type: "string" },
      },
      usage,
    );
    const etlPaths = [...(values.etl ?? []), ...(values.etl ? positionals : [])];
    if (positionals.length && !values.etl) throw new UserError(`unexpected argument "${positionals[0]}"\n${usage}`);
    if (values.rpc && etlPaths.length) throw new UserError("pass either --rpc URL or --etl PATH for block headers, not both");
    const subgraphUrl = values.subgraph ?? env.HASHFLOOR_SUBGRAPH_URL;
    const rpcUrl = values.rpc ?? (etlPaths.length ? undefined : env.HASHFLOOR_RPC_URL);
    if (!subgraphUrl && !rpcUrl && !etlPaths.length) {
      throw new UserError("nothing to sync: pass --subgraph http://127.0.0.1:8000/subgraphs/name/hashfloor, --rpc URL or --etl blocks.csv");
    }
    const fromBlock = values["from-block"] === undefined ? undefined : intFlag("from-block", values["from-block"], 0, 0);
    if (values["ipfs-gateway"] !== undefined && !/^https?:\/\/\S+$/.test(values["ipfs-gateway"])) {
      throw new UserError(`--ipfs-gateway must be an http(s) URL, e.g. --ipfs-gateway https://ipfs.io/ipfs/`);
    }
    const dbPath = values.db ?? defaultWarehousePath(env);
    const { syncOnce } = await import("../../analytics/sync/index.ts");
    const started = Date.now();
    try {
      const result = await syncOnce({
        subgraphUrl,
        rpcUrl,
        etlPaths,
        dbPath,
        rpcFromBlock: fromBlock,
        metadata: values["no-metadata"] ? false : subgraphUrl ? { ipfsGateway: values["ipfs-gateway"] } : false,
        onProgress: (p) => console.error(`[${p.stage}] ${p.message}`),
      });
      const parts = [
        result.subgraph
          ? `subgraph through block ${result.subgraph.doneThroughBlock ?? "-"} (${Object.values(result.subgraph.fetched).reduce((a, b) => a + b, 0)} entities)`
          : "",
        result.blocks ? `${result.blocks.imported} block headers` : "",
        result.firstFunding ? `${result.firstFunding.imported} first-funding rows` : "",
        result.metadata ? `${result.metadata.fetched} token metadata (${result.metadata.failed} failed)` : "",
      ].filter(Boolean);
      console.log(`synced ${parts.join(", ")} into ${dbPath} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return 0;
    } catch (error) {
      if (error instanceof Error && userFacing.has(error.name)) throw new UserError(`${error.message.split("\n")[0]}`, 1);
      throw error;
    }
  },
};
