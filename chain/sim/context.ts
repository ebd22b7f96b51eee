/** What every part of the simulator shares: the chain writer, the cast, contracts, model and state. */
import type { Abi } from "viem";
import type { Cast } from "../actors.ts";
import type { Artifact } from "../compile.ts";
import type { Contracts } from "../deploy.ts";
import type { Rng } from "../prng.ts";
import type { SaleKind, TruthRecorder } from "../truth.ts";
import type { ChainWriter, Hex } from "../writer.ts";
import type { MarketModel } from "./model.ts";
import type { MarketState } from "./state.ts";

export interface WashIntent {
  rules: number[];
  pattern: string;
  episode: number;
}

/** A sale to make: who sells which token(s) to whom, for how much, and how it is filled. */
export interface SalePlan {
  kind: SaleKind;
  c: number;
  tokenIds: number[];
  seller: Hex;
  buyer: Hex;
  grossWei: bigint;
  /** No marketplace fee and no royalty (private or wash deals). */
  zeroFee?: boolean;
  wash?: WashIntent;
}

/** A sale sent and waiting for its block, with the money split it was built with. */
export interface InflightSale {
  hash: Hex;
  plan: SalePlan;
  feeWei: bigint;
  royalties: { recipient: Hex; amountWei: bigint }[];
  proceedsWei: bigint;
  hour: number;
}

export interface SimContext {
  seed: number;
  days: number;
  chainId: number;
  genesisTimestamp: number;
  writer: ChainWriter;
  cast: Cast;
  contracts: Contracts;
  artifacts: Record<string, Artifact>;
  abis: { seaport: Abi; nft: Abi; weth: Abi; feed: Abi; filler: Abi };
  model: MarketModel;
  state: MarketState;
  truth: TruthRecorder;
  rng: Rng;
  inflight: InflightSale[];
  /** Hour index (from genesis) of a timestamp. */
  hourOf(timestamp: number): number;
  /** Lower-case addresses of actors who trade normally (traders and flippers). */
  traders: Hex[];
  flippers: Set<Hex>;
}

export const MARKETPLACE_FEE_BPS = 250n;
export const lower = (a: string) => a.toLowerCase() as Hex;
