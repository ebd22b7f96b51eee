/**
 * `npm start`: devnet → subgraph build → subgraph runtime → sync loop → web server, in one process
 * tree with a progress display. The web server comes up first (it says which stages failed),
 * the warehouse is shared with the sync loop (shared-warehouse.ts), and `stop()` ends everything
 * in reverse order. Each stage's module is imported when the stage starts, so a run that skips the
 * devnet never loads Hardhat.
 */
import { join, resolve } from "node:path";
import type { Warehouse } from "../../analytics/db.ts";
import { ensureBuilt } from "../../app/server/build.ts";
import { type StartedServer, startHttpServer } from "../../app/server/http.ts";
import { shareWarehouse } from "../../app/server/shared-warehouse.ts";
import { type Child, spawnHashfloor } from "./children.ts";
import { StatusBoard } from "./status.ts";

export interface PipelineOptions {
  port: number;
  host: string;
  dataDir: string;
  seed: number;
  days: number;
  devnetPort: number;
  graphqlPort: number;
  rpcUrl?: string;
  subgraphUrl?: string;
  /** Seconds between sync passes. */
  syncIntervalS?: number;
  out?: NodeJS.WriteStream;
}

export interface Pipeline {
  url: string;
  board: StatusBoard;
  stop(): Promise<void>;
}

const STAGES = ["web app", "warehouse", "devnet", "subgraph build", "subgraph runtime", "sync", "web server"];

export async function runPipeline(o: PipelineOptions): Promise<Pipeline> {
  const board = new StatusBoard(STAGES, o.out);
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const stop = async () => {
    stopping = true;
    for (const s of stops.reverse()) await s().catch((e: Error) => board.set("web server", "failed", `while stopping: ${e.message}`));
  };
  try {
    board.set("web app", "running", "building when sources changed");
    ensureBuilt({ quiet: true });
    board.set("web app", "ready");

    const dbPath = resolve(o.dataDir, "warehouse.duckdb");
    board.set("warehouse", "running", dbPath);
    const { openWarehouse } = await import("../../analytics/db.ts");
    const warehouse: Warehouse = await openWarehouse({ path: dbPath });
    stops.push(async () => warehouse.close());
    const shared = shareWarehouse(warehouse);
    board.set("warehouse", "ready", dbPath);

    board.set("web server", "running");
    const server: StartedServer = await startHttpServer({
      port: o.port,
      host: o.host,
      warehouse: async () => shared.reader,
      pipelineNotes: () => board.notes(),
    });
    stops.push(() => server.close());
    board.set("web server", "ready", server.url);

    let rpcUrl = o.rpcUrl;
    let subgraphUrl = o.subgraphUrl;
    let deploymentFile: string | undefined;
    let devnetWethAddress: string | undefined;
    if (subgraphUrl || rpcUrl) {
      board.set("devnet", "skipped", subgraphUrl ? "HASHFLOOR_SUBGRAPH_URL is set" : "HASHFLOOR_RPC_URL is set");
    } else {
      const chain = await import("../../chain/index.ts");
      board.set("devnet", "running", "starting");
      const out = resolve(o.dataDir, "devnet");
      const devnet = await chain.startDevnet({
        seed: o.seed,
        days: o.days,
        port: o.devnetPort,
        out,
        live: true,
        onProgress: (p) =>
          p.phase !== "live" &&
          p.phase !== "ready" &&
          board.set("devnet", "running", `${p.phase}: ${p.message}${p.fraction !== undefined ? ` ${(p.fraction * 100).toFixed(0)}%` : ""}`),
      });
      stops.push(() => devnet.stop());
      rpcUrl = devnet.rpcUrl;
      deploymentFile = join(out, "deployment.json");
      devnetWethAddress = devnet.deployment.contracts.weth.address;
      board.set("devnet", "ready", `${devnet.rpcUrl}${devnet.fromCache ? " (history replayed from cache)" : ""}, live trading on`);
    }

    let manifestPath: string | undefined;
    if (subgraphUrl) board.set("subgraph build", "skipped", "using the hosted subgraph");
    else if (!rpcUrl) board.set("subgraph build", "skipped", "no chain to index");
    else {
      const manifests = await import("../../subgraph/manifests/index.ts");
      board.set("subgraph build", "running", "graph codegen + graph build when inputs changed");
      // Built under the data folder: the build belongs to this devnet's deployment addresses.
      const outDir = resolve(o.dataDir, "subgraph-build", deploymentFile ? "devnet" : "mainnet");
      const built = await manifests.buildSubgraph(
        deploymentFile ? { network: "devnet", deploymentFile, outDir } : { network: "mainnet", outDir },
      );
      manifestPath = built.manifestPath;
      board.set("subgraph build", "ready", built.rebuilt ? "built" : "up to date");
    }

    if (subgraphUrl) board.set("subgraph runtime", "skipped", subgraphUrl);
    else if (!manifestPath || !rpcUrl) board.set("subgraph runtime", "skipped", "nothing to index");
    else {
      board.set("subgraph runtime", "running", "starting");
      const child: Child = spawnHashfloor(
        [
          "index",
          "--manifest",
          manifestPath,
          "--rpc",
          rpcUrl,
          "--port",
          String(o.graphqlPort),
          "--host",
          "127.0.0.1",
          "--db",
          resolve(o.dataDir, "subgraph"),
        ],
        (line) => {
          const endpoint = /^GraphQL: (\S+)/.exec(line)?.[1];
          if (endpoint) subgraphUrl = endpoint;
          if (!stopping) board.set("subgraph runtime", "running", line);
        },
      );
      stops.push(() => child.stop());
      void child.exited.then((code) => !stopping && board.set("subgraph runtime", "failed", `exited with code ${code}`));
      const deadline = Date.now() + 120_000;
      while (!subgraphUrl && Date.now() < deadline && child.process.exitCode === null) await new Promise((r) => setTimeout(r, 200));
      if (!subgraphUrl) throw new Error("the subgraph runtime did not start its GraphQL server within 2 minutes");
    }

    const sync = await import("../../analytics/sync/index.ts");
    if (!subgraphUrl && !rpcUrl) board.set("sync", "skipped", "no source");
    else stops.push(startSyncLoop({ board, shared, sync, subgraphUrl, rpcUrl, devnetWethAddress, intervalS: o.syncIntervalS ?? 3 }));
    return { url: server.url, board, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function startSyncLoop(o: {
  board: StatusBoard;
  shared: ReturnType<typeof shareWarehouse>;
  sync: typeof import("../../analytics/sync/index.ts");
  subgraphUrl?: string;
  rpcUrl?: string;
  /** The devnet's own WETH: registered as priced 1:1 with ETH so its sales get ETH prices. */
  devnetWethAddress?: string;
  intervalS: number;
}): () => Promise<void> {
  let running = true;
  let wake: () => void = () => {};
  const loop = (async () => {
    const models = await import("../../analytics/models/refresh.ts");
    let passes = 0;
    while (running) {
      try {
        o.board.set("sync", "running", passes ? `pass ${passes + 1}` : "first pass (copies the whole history)");
        const result = await o.shared.exclusive(async (warehouse) => {
          if (o.devnetWethAddress && passes === 0) {
            const { registerEthCurrency } = await import("../../analytics/models/eth-currencies.ts");
            await registerEthCurrency({ warehouse, address: o.devnetWethAddress, note: "WETH (devnet deployment.json)" });
          }
          const r = await o.sync.syncOnce({
            subgraphUrl: o.subgraphUrl,
            rpcUrl: o.rpcUrl,
            warehouse,
            onProgress: (p) => o.board.set("sync", "running", p.message),
          });
          await models.refreshModels({ warehouse });
          return r;
        });
        passes++;
        const through = result.subgraph?.doneThroughBlock ?? result.blocks?.lastBlock ?? null;
        o.board.set(
          "sync",
          "ready",
          `pass ${passes} done${through !== null ? `, through block ${through}` : ""}; next in ${o.intervalS} s`,
        );
      } catch (error) {
        const message = (error as Error).message.split("\n")[0];
        // Until the runtime has indexed its first block the subgraph answers "has not started": not a failure.
        if (/has not start|ECONNREFUSED/.test(message) && passes === 0) o.board.set("sync", "waiting", `for the subgraph: ${message}`);
        else o.board.set("sync", "failed", `${message} (retrying in ${o.intervalS} s)`);
      }
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, o.intervalS * 1000);
      });
    }
  })();
  return async () => {
    running = false;
    wake();
    await loop;
  };
}
