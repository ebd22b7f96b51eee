/**
 * Deploys the devnet's contracts from the deployer account, one block per heavy contract (Seaport's
 * creation alone is several million gas), and returns addresses with their first blocks.
 */
import { type Abi, encodeDeployData, getContractAddress } from "viem";
import type { Cast } from "./actors.ts";
import type { Artifact } from "./compile.ts";
import { type CollectionSpec, supplyFor, totalRoyaltyBps, traitSaltFor } from "./sim/collections.ts";
import type { ChainWriter, Hex } from "./writer.ts";

export interface DeployedContract {
  address: Hex;
  startBlock: number;
}

export interface DeployedCollection extends DeployedContract {
  spec: CollectionSpec;
  maxSupply: number;
  traitSalt: Hex;
  saleStart: number;
}

export interface Contracts {
  conduitController: DeployedContract;
  seaport: DeployedContract;
  weth: DeployedContract;
  ethUsdFeed: DeployedContract;
  btcUsdFeed: DeployedContract;
  filler: DeployedContract;
  collections: DeployedCollection[];
}

export const FEED_DECIMALS = 8;

export interface DeployOptions {
  seed: number;
  days: number;
  cast: Cast;
  artifacts: Record<string, Artifact>;
  specs: CollectionSpec[];
  /** Sale start per collection (seconds), from the schedule. */
  saleStarts: number[];
  /** Next block timestamp to use and the spacing between deploy blocks. */
  nextTimestamp: () => number;
}

/** Deploys everything; each contract is mined in its own block so start blocks are exact. */
export async function deployAll(writer: ChainWriter, o: DeployOptions): Promise<Contracts> {
  const from = o.cast.deployer.address;
  const deploy = async (name: string, args: unknown[], gas: bigint): Promise<DeployedContract> => {
    const art = o.artifacts[name];
    const address = getContractAddress({ from, nonce: BigInt(writer.nonceOf(from)) });
    const data = encodeDeployData({ abi: art.abi as Abi, bytecode: art.bytecode, args });
    await writer.send(from, { data, gas });
    const block = await writer.mine(o.nextTimestamp());
    return { address, startBlock: block.number };
  };
  const conduitController = await deploy("ConduitController", [], 6_000_000n);
  const seaport = await deploy("Seaport", [conduitController.address], 14_000_000n);
  const weth = await deploy("WETH9", [], 2_000_000n);
  const ethUsdFeed = await deploy("PriceFeed", [FEED_DECIMALS, "ETH / USD", o.cast.oracle.address], 2_000_000n);
  const btcUsdFeed = await deploy("PriceFeed", [FEED_DECIMALS, "BTC / USD", o.cast.oracle.address], 2_000_000n);
  const filler = await deploy("BlockFiller", [], 500_000n);
  const collections: DeployedCollection[] = [];
  for (const [i, spec] of o.specs.entries()) {
    const maxSupply = supplyFor(spec, o.days);
    const traitSalt = traitSaltFor(o.seed, spec);
    const config = {
      name: spec.name,
      symbol: spec.symbol,
      maxSupply: BigInt(maxSupply),
      mintPriceWei: spec.mintPriceWei,
      maxPerTx: BigInt(spec.maxPerTx),
      saleStart: BigInt(o.saleStarts[i]),
      traitSalt,
      batchMinting: spec.mintStyle === "batch",
      royaltyReceiver: o.cast.creators[spec.royalties[0].creator],
      royaltyBps: BigInt(totalRoyaltyBps(spec)),
    };
    const deployed = await deploy("GenerativeArt721", [config], 8_000_000n);
    collections.push({ ...deployed, spec, maxSupply, traitSalt, saleStart: o.saleStarts[i] });
  }
  return { conduitController, seaport, weth, ethUsdFeed, btcUsdFeed, filler, collections };
}
