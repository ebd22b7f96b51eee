/** Builds the shared simulator context, for a fresh history or for live mode after one. */
import type { Abi } from "viem";
import type { Cast } from "../actors.ts";
import type { Artifact } from "../compile.ts";
import type { Contracts } from "../deploy.ts";
import { Rng } from "../prng.ts";
import { TruthRecorder } from "../truth.ts";
import type { ChainWriter } from "../writer.ts";
import { COLLECTIONS } from "./collections.ts";
import { lower, type SimContext } from "./context.ts";
import { mintSchedule } from "./mints.ts";
import { MarketModel } from "./model.ts";
import { MarketState } from "./state.ts";

export function buildContext(o: {
  seed: number;
  days: number;
  chainId: number;
  genesisTimestamp: number;
  writer: ChainWriter;
  cast: Cast;
  contracts: Contracts;
  artifacts: Record<string, Artifact>;
  rngStream: string;
}): SimContext {
  const abi = (name: string) => o.artifacts[name].abi as Abi;
  const schedule = mintSchedule(
    { days: o.days },
    COLLECTIONS.map((s) => s.mintStyle),
  );
  return {
    seed: o.seed,
    days: o.days,
    chainId: o.chainId,
    genesisTimestamp: o.genesisTimestamp,
    writer: o.writer,
    cast: o.cast,
    contracts: o.contracts,
    artifacts: o.artifacts,
    abis: { seaport: abi("Seaport"), nft: abi("GenerativeArt721"), weth: abi("WETH9"), feed: abi("PriceFeed"), filler: abi("BlockFiller") },
    model: new MarketModel(
      o.seed,
      COLLECTIONS,
      schedule.hours.map((h) => h[0]),
    ),
    state: new MarketState(o.contracts.collections.map((c) => lower(c.address))),
    truth: new TruthRecorder(),
    rng: Rng.stream(o.seed, o.rngStream),
    inflight: [],
    hourOf: (ts) => Math.floor((ts - o.genesisTimestamp) / 3600),
    traders: [...o.cast.traders, ...o.cast.flippers].map((a) => lower(a.address)),
    flippers: new Set(o.cast.flippers.map((a) => lower(a.address))),
  };
}
