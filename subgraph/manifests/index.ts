/**
 * Public entry of the subgraph build: `buildSubgraph({ network })` produces a compiled subgraph
 * (graph codegen + graph build) for the devnet or mainnet and returns its manifest path.
 */
import { join, resolve } from "node:path";
import { type BuildResult, buildNetwork, SUBGRAPH_DIR } from "./build.ts";
import { readDevnetConfig, readMainnetConfig } from "./config.ts";

export type { BuildResult } from "./build.ts";
export { SubgraphBuildError } from "./build.ts";

export interface BuildSubgraphOptions {
  network: "devnet" | "mainnet";
  /** The devnet's deployment.json (chain/deployment.ts); required for "devnet". */
  deploymentFile?: string;
  /** Output folder; defaults to subgraph/build/<network>. */
  outDir?: string;
}

/**
 * Builds the subgraph for `network` into `outDir` and returns the compiled manifest path
 * (`<outDir>/subgraph.yaml`, wasm and ABIs beside it; the sources it came from in `<outDir>/source`). Skips graph-cli when nothing changed
 * since the last build there (hash of schema, ABIs, mappings, config and graph-cli version).
 */
export async function buildSubgraph(options: BuildSubgraphOptions): Promise<BuildResult> {
  const outDir = resolve(options.outDir ?? join(SUBGRAPH_DIR, "build", options.network));
  if (options.network === "mainnet") {
    return buildNetwork(readMainnetConfig(), "subgraph/manifests/mainnet.json", outDir);
  }
  if (!options.deploymentFile) throw new Error("buildSubgraph: the devnet build needs deploymentFile (the devnet's deployment.json)");
  return buildNetwork(readDevnetConfig(options.deploymentFile), options.deploymentFile, outDir);
}
