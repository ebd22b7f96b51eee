/**
 * The devnet's programmatic API: start a local EVM (Hardhat 3 EDR), deploy the contracts, simulate
 * `days` of market history (or replay a cached one), write DIR/deployment.json and DIR/truth/, and
 * serve JSON-RPC on 127.0.0.1. Other stages' tests use this; `hashfloor devnet` wraps it.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildCast, genesisAccounts } from "./actors.ts";
import { type Artifact, compileAll } from "./compile.ts";
import type { Contracts } from "./deploy.ts";
import { type Deployment, deploymentSchema, readDeployment } from "./deployment.ts";
import { CHAIN_ID, type EdrChain, NETWORK_NAME, startEdr } from "./edr.ts";
import { historyKey, readHistory, writeHistory } from "./history-cache.ts";
import { type RequestProvider, type RpcServer, startRpcServer } from "./rpc-server.ts";
import { COLLECTIONS, supplyFor, traitSaltFor } from "./sim/collections.ts";
import { startLive } from "./sim/live.ts";
import { simulate } from "./sim/simulate.ts";
import { replay } from "./writer.ts";

export type { Deployment } from "./deployment.ts";
export { PortInUseError } from "./rpc-server.ts";

/** 2026-01-01T00:00:00Z: the genesis block's time; history runs `days` from here. */
export const DEFAULT_GENESIS_TIMESTAMP = 1_767_225_600;

export type DevnetPhase = "compile" | "start" | "simulate" | "replay" | "write" | "ready" | "live";

export interface DevnetProgress {
  phase: DevnetPhase;
  message: string;
  /** 0–1 within the phase, when known. */
  fraction?: number;
  block?: number;
  sales?: number;
}

export interface StartDevnetOptions {
  seed: number;
  days: number;
  /** JSON-RPC port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  host?: string;
  /** Output folder for deployment.json, truth/ and the cached history. */
  out: string;
  live?: boolean;
  /** Live mode: wall-clock ms between blocks. */
  liveIntervalMs?: number;
  genesisTimestamp?: number;
  onProgress?: (p: DevnetProgress) => void;
}

export interface Devnet {
  rpcUrl: string;
  deployment: Deployment;
  truthDir: string;
  /** True when the history came from DIR's cache (replayed) rather than simulated. */
  fromCache: boolean;
  stop(): Promise<void>;
}

function buildDeployment(o: {
  seed: number;
  days: number;
  rpcUrl: string;
  contracts: Contracts;
  historyEndBlock: number;
  cast: ReturnType<typeof buildCast>;
}): Deployment {
  const c = o.contracts;
  return deploymentSchema.parse({
    chainId: CHAIN_ID,
    network: NETWORK_NAME,
    rpcUrl: o.rpcUrl,
    seed: o.seed,
    days: o.days,
    startBlock: c.conduitController.startBlock,
    historyEndBlock: o.historyEndBlock,
    contracts: {
      seaport: { ...c.seaport, version: "1.6" },
      conduitController: c.conduitController,
      weth: c.weth,
      ethUsdFeed: { ...c.ethUsdFeed, decimals: 8 },
      btcUsdFeed: { ...c.btcUsdFeed, decimals: 8 },
      collections: c.collections.map((col) => ({
        address: col.address,
        startBlock: col.startBlock,
        name: col.spec.name,
        symbol: col.spec.symbol,
        mintStyle: col.spec.mintStyle,
        maxSupply: col.maxSupply,
      })),
      blockFiller: c.filler,
    },
    actors: {
      marketplaceFeeRecipient: o.cast.marketplaceFeeRecipient,
      royaltyRecipients: o.cast.creators,
      backgroundTraffic: o.cast.background.address,
      oracle: o.cast.oracle.address,
      exchanges: o.cast.exchanges.map((a) => a.address),
      washFunders: o.cast.washRings.map((r) => r.funder.address),
    },
  });
}

/** Rebuilds the Contracts description from a deployment.json written by an earlier run. */
function contractsFrom(d: Deployment, seed: number, days: number, genesisTimestamp: number): Contracts {
  const c = d.contracts;
  const addr = (x: { address: string; startBlock: number }) => ({ address: x.address as `0x${string}`, startBlock: x.startBlock });
  if (!c.blockFiller) throw new Error("deployment.json has no blockFiller: simulate again");
  return {
    conduitController: addr(c.conduitController),
    seaport: addr(c.seaport),
    weth: addr(c.weth),
    ethUsdFeed: addr(c.ethUsdFeed),
    btcUsdFeed: addr(c.btcUsdFeed),
    filler: addr(c.blockFiller),
    collections: c.collections.map((col, i) => ({
      ...addr(col),
      spec: COLLECTIONS[i],
      maxSupply: supplyFor(COLLECTIONS[i], days),
      traitSalt: traitSaltFor(seed, COLLECTIONS[i]),
      saleStart: genesisTimestamp,
    })),
  };
}

/**
 * Starts the devnet. Reuses DIR's cached history when the same seed, days and code made it
 * (replay: same blocks and hashes, several times faster than simulating).
 */
export async function startDevnet(o: StartDevnetOptions): Promise<Devnet> {
  const progress = o.onProgress ?? (() => {});
  const genesisTimestamp = o.genesisTimestamp ?? DEFAULT_GENESIS_TIMESTAMP;
  const truthDir = join(o.out, "truth");
  // Bind the port first, so a taken port fails in a second rather than after compiling.
  let provider: RequestProvider | undefined;
  const starting = Object.assign(new Error("the devnet is still starting; retry in a few seconds"), { code: -32002 });
  const server: RpcServer = await startRpcServer(
    { request: (args) => (provider ? provider.request(args) : Promise.reject(starting)) },
    { host: o.host ?? "127.0.0.1", port: o.port ?? 0 },
  );
  let chain: EdrChain | undefined;
  try {
    progress({ phase: "compile", message: "compiling contracts (cached when unchanged)" });
    const artifacts: Record<string, Artifact> = compileAll((job) =>
      progress({ phase: "compile", message: `compiling ${job.name} with solc-js 0.8.24 (about a minute for Seaport)` }),
    );
    const cast = buildCast(o.seed);
    progress({ phase: "start", message: "starting EDR" });
    chain = await startEdr({ genesisTimestamp, accounts: genesisAccounts(cast) });
    mkdirSync(o.out, { recursive: true });
    const key = historyKey({ seed: o.seed, days: o.days, genesisTimestamp, artifacts });
    const complete = existsSync(join(o.out, "deployment.json")) && existsSync(join(truthDir, "sales.csv"));
    const cached = complete ? readHistory(o.out, key) : undefined;
    let contracts: Contracts;
    let historyEndBlock: number;
    if (cached) {
      const blocks = cached.ops.filter((op) => "mine" in op).length;
      progress({ phase: "replay", message: `replaying cached history (${blocks} blocks)`, fraction: 0 });
      await replay(chain.provider, cached.ops, (mined) =>
        progress({ phase: "replay", message: "replaying", fraction: mined / blocks, block: mined }),
      );
      const head = (await chain.provider.request({ method: "eth_getBlockByNumber", params: ["latest", false] })) as { hash: string };
      if (head.hash !== cached.headHash)
        throw new Error(`replayed history ends at ${head.hash}, cache says ${cached.headHash}: delete ${o.out} and run again`);
      contracts = contractsFrom(readDeployment(join(o.out, "deployment.json")), o.seed, o.days, genesisTimestamp);
      historyEndBlock = cached.historyEndBlock;
    } else {
      const result = await simulate({
        seed: o.seed,
        days: o.days,
        chainId: CHAIN_ID,
        provider: chain.provider,
        cast,
        artifacts,
        genesisTimestamp,
        onProgress: (p) =>
          progress({ phase: "simulate", message: "simulating", fraction: p.hour / p.totalHours, block: p.block, sales: p.sales }),
      });
      progress({ phase: "write", message: "writing ground truth" });
      result.truth.write(truthDir);
      contracts = result.contracts;
      historyEndBlock = result.historyEndBlock;
      writeHistory(o.out, { key, headHash: result.writer.head.hash, historyEndBlock, ops: result.writer.ops });
    }
    // Readers see the chain only once its history is complete (and nobody else writes into it meanwhile).
    provider = chain.provider;
    const deployment = buildDeployment({ seed: o.seed, days: o.days, rpcUrl: server.url, contracts, historyEndBlock, cast });
    writeFileSync(join(o.out, "deployment.json"), `${JSON.stringify(deployment, null, 2)}\n`);
    progress({ phase: "ready", message: `JSON-RPC on ${server.url}`, block: historyEndBlock });
    const live = o.live
      ? await startLive({
          seed: o.seed,
          days: o.days,
          chainId: CHAIN_ID,
          genesisTimestamp,
          provider: chain.provider,
          cast,
          contracts,
          artifacts,
          truthDir,
          intervalMs: o.liveIntervalMs,
          onBlock: (b) => progress({ phase: "live", message: "live", block: b.number, sales: b.sales }),
        })
      : undefined;
    const edr = chain;
    let stopping: Promise<void> | undefined;
    return {
      rpcUrl: server.url,
      deployment,
      truthDir,
      fromCache: cached !== undefined,
      stop: () => {
        stopping ??= (async () => {
          await live?.stop();
          await server.close();
          await edr.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await server.close();
    await chain?.close();
    throw error;
  }
}
