/**
 * `npm run subgraph:build -- --network devnet|mainnet [--deployment data/devnet/deployment.json] [--out DIR]`
 */
import { parseArgs } from "node:util";
import { buildSubgraph } from "./index.ts";

const USAGE = "usage: npm run subgraph:build -- --network mainnet | --network devnet --deployment data/devnet/deployment.json [--out DIR]";

const { values } = parseArgs({
  options: { network: { type: "string" }, deployment: { type: "string" }, out: { type: "string" } },
  strict: true,
});
if (values.network !== "devnet" && values.network !== "mainnet") {
  console.error(`--network must be devnet or mainnet (e.g. --network mainnet)\n${USAGE}`);
  process.exit(2);
}
if (values.network === "devnet" && !values.deployment) {
  console.error(`--deployment is required for the devnet (e.g. --deployment data/devnet/deployment.json)\n${USAGE}`);
  process.exit(2);
}
const started = Date.now();
try {
  const result = await buildSubgraph({ network: values.network, deploymentFile: values.deployment, outDir: values.out });
  console.log(`${result.rebuilt ? "built" : "up to date"}: ${result.manifestPath} (${Date.now() - started} ms)`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
