/**
 * `hashfloor index`: opens the SQLite store, serves the GraphQL API while indexing (unless --once),
 * and runs the indexing loop against JSON-RPC or ethereum-etl files, printing progress. With both
 * --etl and --rpc, the files are the source and the RPC answers `ethereum.call`, `getBalance` and `hasCode`.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { UserError } from "../../../cli/errors.ts";
import { rpcCallFetcher } from "../chain/eth-call.ts";
import { ManifestError, UnsupportedImportError } from "../host/errors.ts";
import { loadManifest, type Manifest } from "../manifest/manifest.ts";
import { type CallFetcher, NoCallSourceError } from "../process/runner.ts";
import { EtlFormatError } from "../sources/etl-files.ts";
import { EtlSource } from "../sources/etl-source.ts";
import { rpcChainReader, rpcRequester } from "../sources/rpc-client.ts";
import { RpcSource } from "../sources/rpc-source.ts";
import { type ChainSource, logFilter } from "../sources/source.ts";
import { DynamicSourceFile } from "./dynamic-sources.ts";
import { Indexer } from "./indexer.ts";
import { formatProgress } from "./progress.ts";

export interface IndexCommandOptions {
  manifestPath: string;
  name: string;
  rpcUrl?: string;
  etlPaths?: string[];
  dbDir: string;
  port: number;
  host: string;
  once: boolean;
  confirmations: number;
  batchBlocks: number;
}

/** A stable id for the built subgraph (graph-node uses the IPFS hash; any stable id will do locally). */
export function deploymentIdOf(manifest: Manifest): string {
  const hash = createHash("sha256").update(readFileSync(manifest.path)).update(manifest.schema.sdl);
  for (const file of new Set([...manifest.dataSources, ...manifest.templates].map((d) => d.mapping.file))) hash.update(readFileSync(file));
  return `local-${hash.digest("hex").slice(0, 40)}`;
}

/**
 * What answers `ethereum.call`, `getBalance` and `hasCode` over JSON-RPC. The chain reader rides on
 * the call fetcher, which the Indexer hands to the runner as it is.
 */
export function rpcAnswerers(rpcUrl: string): CallFetcher {
  const rpc = rpcRequester(rpcUrl);
  return Object.assign(rpcCallFetcher(rpc), { chainReader: rpcChainReader(rpc) });
}

function load(path: string): Manifest {
  if (!existsSync(path))
    throw new UserError(
      `--manifest ${path} does not exist; build the subgraph first (npx graph build) or pass --manifest subgraph/build/devnet/subgraph.yaml`,
    );
  try {
    return loadManifest(path);
  } catch (error) {
    if (error instanceof ManifestError || error instanceof UnsupportedImportError) throw new UserError(error.message);
    throw error;
  }
}

export async function runIndexCommand(o: IndexCommandOptions): Promise<number> {
  const manifest = load(o.manifestPath);
  const filter = logFilter(manifest);
  let source: ChainSource;
  try {
    source = o.etlPaths
      ? await EtlSource.open(o.etlPaths, filter)
      : new RpcSource(o.rpcUrl as string, filter, { confirmations: o.confirmations });
  } catch (error) {
    if (error instanceof EtlFormatError || (error as NodeJS.ErrnoException).code === "ENOENT")
      throw new UserError(`--etl: ${(error as Error).message}`);
    throw error;
  }
  const callFetcher = o.rpcUrl ? rpcAnswerers(o.rpcUrl) : undefined;
  const { openSqliteStore } = await import("../store/index.ts");
  const deploymentId = deploymentIdOf(manifest);
  const store = openSqliteStore({ dir: o.dbDir, name: o.name, schemaSdl: manifest.schema.sdl, deploymentId });
  let server: { endpoint: string; close(): Promise<void> } | undefined;
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    if (!o.once) {
      const { startGraphqlServer } = await import("../graphql/index.ts");
      server = await startGraphqlServer({
        store,
        schemaSdl: manifest.schema.sdl,
        name: o.name,
        deploymentId,
        port: o.port,
        host: o.host,
      }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "EADDRINUSE")
          throw new UserError(`port ${o.port} is already in use; pass --port 8001 or set HASHFLOOR_GRAPHQL_PORT`);
        throw error;
      });
      console.log(`GraphQL: ${server.endpoint}`);
    }
    const indexer = new Indexer({
      manifest,
      store,
      source,
      callFetcher,
      once: o.once,
      batchBlocks: o.batchBlocks,
      dynamicSources: new DynamicSourceFile(o.dbDir, o.name),
      signal: controller.signal,
      onProgress: (p) => console.error(formatProgress(p)),
      onLog: (log, where) => {
        if (log.level === "error" || log.level === "warning")
          console.error(`[${log.level}] block ${where.block} ${where.handler}: ${log.message}`);
      },
      onReorg: (from, to) => console.error(`reorg: block ${from.number} left the chain; reverted to ${to.number} and re-indexing`),
    });
    const result = await indexer.run().catch((error: Error) => {
      if (error instanceof NoCallSourceError) {
        throw new UserError(
          `${error.message}; pass --rpc http://127.0.0.1:8545 to answer ethereum.call / getBalance / hasCode (with --etl the files stay the source)`,
        );
      }
      throw error;
    });
    const at = result.cursor ? `block ${result.cursor.number}` : "no block";
    if (result.status === "failed") {
      console.error(`indexing failed at block ${result.block.number}: ${result.message}`);
      return 1;
    }
    console.error(`indexed to ${at} (${result.events} events)`);
    if (server && result.status === "caught-up" && !controller.signal.aborted) {
      // Files end but the API keeps serving until interrupted.
      await new Promise<void>((resolve) => controller.signal.addEventListener("abort", () => resolve()));
    }
    return 0;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    await server?.close();
    await source.close();
    store.close();
  }
}
