/**
 * What a manifest is built from: one `NetworkConfig` per network. Mainnet reads `mainnet.json` (beside
 * this file); the devnet is derived from the devnet's deployment.json (chain/deployment.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { type Deployment, readDeployment } from "../../chain/deployment.ts";

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte hex address");
const startBlock = z.number().int().nonnegative();
/** Data source names become graph-cli identifiers and folder names. */
const name = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "letters, digits and _ (e.g. Azuki)");

export const networkConfigSchema = z.object({
  network: z.string().min(1),
  weth: address,
  seaport: z.array(z.object({ version: z.string(), address, startBlock, startBlockSource: z.string().optional() })).min(1),
  marketplaceFeeRecipients: z.array(z.object({ address, marketplace: z.string() })),
  collections: z.array(z.object({ name, address, startBlock, startBlockSource: z.string().optional() })),
  priceFeeds: z.array(
    z.object({ name, pair: z.string(), address, decimals: z.number().int(), startBlock, startBlockSource: z.string().optional() }),
  ),
});

export type NetworkConfig = z.infer<typeof networkConfigSchema>;

export const MAINNET_CONFIG_PATH = join(import.meta.dirname, "mainnet.json");

export function readMainnetConfig(path = MAINNET_CONFIG_PATH): NetworkConfig {
  return networkConfigSchema.parse(JSON.parse(readFileSync(path, "utf8")));
}

/** A collection's display name made into a data source identifier ("Pixel Foxes #2" → "PixelFoxes2"). */
function identifier(text: string, fallback: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_]/g, "");
  return /^[A-Za-z]/.test(cleaned) ? cleaned : fallback;
}

export function devnetConfig(deployment: Deployment): NetworkConfig {
  const { contracts } = deployment;
  const used = new Set<string>();
  const collections = contracts.collections.map((c, i) => {
    let dsName = identifier(c.name, `Collection${i}`);
    while (used.has(dsName)) dsName = `${dsName}_${i}`;
    used.add(dsName);
    return { name: dsName, address: c.address, startBlock: c.startBlock };
  });
  return networkConfigSchema.parse({
    network: deployment.network,
    weth: contracts.weth.address,
    seaport: [{ version: contracts.seaport.version, address: contracts.seaport.address, startBlock: contracts.seaport.startBlock }],
    marketplaceFeeRecipients: [{ address: deployment.actors.marketplaceFeeRecipient, marketplace: "Hashfloor devnet market" }],
    collections,
    priceFeeds: [
      {
        name: "ETH_USD",
        pair: "ETH/USD",
        address: contracts.ethUsdFeed.address,
        decimals: contracts.ethUsdFeed.decimals,
        startBlock: contracts.ethUsdFeed.startBlock,
      },
      {
        name: "BTC_USD",
        pair: "BTC/USD",
        address: contracts.btcUsdFeed.address,
        decimals: contracts.btcUsdFeed.decimals,
        startBlock: contracts.btcUsdFeed.startBlock,
      },
    ],
  });
}

export function readDevnetConfig(deploymentFile: string): NetworkConfig {
  return devnetConfig(readDeployment(deploymentFile));
}
