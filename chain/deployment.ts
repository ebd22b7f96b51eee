/**
 * The devnet's `deployment.json`: the contract between the chain stage and the subgraph stage
 * (the devnet manifest is generated from it). Written by `hashfloor devnet`, read by subgraph tooling.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte hex address");
const deployed = z.object({ address, startBlock: z.number().int().nonnegative() });

export const collectionSchema = deployed.extend({
  name: z.string(),
  symbol: z.string(),
  /** How it sells at mint: "batch" (ERC721A-style batch mints), "public-gas-war", "standard". */
  mintStyle: z.string(),
  maxSupply: z.number().int().positive(),
});

export const deploymentSchema = z.object({
  chainId: z.number().int().positive(),
  /** The network name the devnet manifest uses (graph-cli requires one). */
  network: z.string(),
  rpcUrl: z.string().url(),
  seed: z.number().int().nonnegative(),
  days: z.number().positive(),
  /** First block with any deployed contract; the lowest startBlock any data source needs. */
  startBlock: z.number().int().nonnegative(),
  /** Last block of simulated history (live mode keeps mining after it). */
  historyEndBlock: z.number().int().nonnegative(),
  contracts: z.object({
    seaport: deployed.extend({ version: z.literal("1.6") }),
    conduitController: deployed,
    weth: deployed,
    ethUsdFeed: deployed.extend({ decimals: z.number().int() }),
    btcUsdFeed: deployed.extend({ decimals: z.number().int() }),
    collections: z.array(collectionSchema).min(1),
    /** Devnet only: the contract the background traffic calls to fill blocks (exclude it from per-sale gas stats). */
    blockFiller: deployed.optional(),
  }),
  /** Well-known actor addresses (marketplace fee recipient, royalty recipients) for readers and tests. */
  actors: z.object({ marketplaceFeeRecipient: address }).catchall(z.union([address, z.array(address)])),
});

export type Deployment = z.infer<typeof deploymentSchema>;
export type DeployedCollection = z.infer<typeof collectionSchema>;

export function readDeployment(path: string): Deployment {
  return deploymentSchema.parse(JSON.parse(readFileSync(path, "utf8")));
}
