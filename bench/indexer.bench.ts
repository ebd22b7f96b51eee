/**
 * Subgraph runtime indexing throughput (events/s = Transfer logs handled per second of wall time,
 * reading included), with the benchmark subgraph (subgraph/runtime/testdata/bench.yaml: one
 * Transfer handler writing an immutable row and upserting a token, no calls, no receipts):
 *   (a) ethereum-etl files, JSON lines and CSV, into the in-memory store and the SQLite store;
 *   (b) the devnet over JSON-RPC, dense (~200 events/block) and sparse (1 event/block), side by side
 *       with Ponder 0.17 indexing the same chain with the same handler (installed here in a temp
 *       folder with the `@ponder/utils@0.2.18` override, never a project dependency; its figure is
 *       the time between its "Started backfill indexing" and "Completed backfill indexing" log lines).
 * Sizes: BENCH_ETL_EVENTS, BENCH_RPC_EVENTS; BENCH_PONDER=0 skips Ponder. Prints figures; never
 * asserts on time.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RpcBlockData, writeEtlFiles } from "../chain/etl-export.ts";
import { MemoryStore } from "../subgraph/runtime/harness/memory-store.ts";
import { Indexer } from "../subgraph/runtime/indexer/indexer.ts";
import { loadManifest } from "../subgraph/runtime/manifest/manifest.ts";
import { EtlSource } from "../subgraph/runtime/sources/etl-source.ts";
import { RpcSource } from "../subgraph/runtime/sources/rpc-source.ts";
import { type ChainSource, logFilter } from "../subgraph/runtime/sources/source.ts";
import type { SubgraphStore } from "../subgraph/runtime/store/types.ts";
import { buildTestSubgraph } from "../subgraph/runtime/testdata/build.ts";
import { startTestChain } from "../subgraph/runtime/testdata/devnet.ts";
import { block, transferLog, tx } from "../subgraph/runtime/testdata/fixtures.ts";
import { type Measurement, measure, report } from "./lib/measure.ts";

const ETL_EVENTS = Number(process.env.BENCH_ETL_EVENTS ?? 60_000);
const RPC_EVENTS = Number(process.env.BENCH_RPC_EVENTS ?? 4_000);
const PONDER = process.env.BENCH_PONDER !== "0";
const holders = ["0x00000000000000000000000000000000000a11ce", "0x0000000000000000000000000000000000000b0b"];

function* syntheticBlocks(blocks: number, perBlock: number): Generator<RpcBlockData> {
  for (let n = 1; n <= blocks; n++) {
    const logs = Array.from({ length: perBlock }, (_, i) =>
      transferLog(holders[(n + i) % 2], holders[(n + i + 1) % 2], ((n * perBlock + i) % 5000) + 1),
    );
    const t = tx(n, 0, logs);
    yield { block: block(n), transactions: [t.transaction], receipts: [t.receipt] };
  }
}

const PONDER_FILES: Record<string, string> = {
  "package.json": JSON.stringify({
    name: "ponder-bench",
    private: true,
    type: "module",
    dependencies: { ponder: "0.17", viem: "2", hono: "4" },
    overrides: { "@ponder/utils": "0.2.18" },
  }),
  "ponder.config.ts": `import { createConfig } from "ponder";
import { parseAbi } from "viem";
export default createConfig({
  chains: { devnet: { id: 31337, rpc: process.env.PONDER_RPC_URL_31337, disableCache: true } },
  contracts: { Nft: { chain: "devnet", abi: parseAbi(["event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)"]),
    address: "0x5fbdb2315678afecb367f032d93f642f64180aa3", startBlock: 1, endBlock: Number(process.env.PONDER_END_BLOCK) } },
});`,
  "ponder.schema.ts": `import { onchainTable } from "ponder";
export const benchTransfer = onchainTable("bench_transfer", (t) => ({ id: t.text().primaryKey(), from: t.hex().notNull(), to: t.hex().notNull(), tokenId: t.bigint().notNull(), blockNumber: t.bigint().notNull() }));
export const benchToken = onchainTable("bench_token", (t) => ({ id: t.text().primaryKey(), owner: t.hex().notNull(), transfers: t.integer().notNull() }));`,
  // The same work as handleTransferLean: insert the transfer, upsert the token's owner and count.
  "src/index.ts": `import { ponder } from "ponder:registry";
import { benchToken, benchTransfer } from "ponder:schema";
ponder.on("Nft:Transfer", async ({ event, context }) => {
  await context.db.insert(benchTransfer).values({ id: \`\${event.transaction.hash}-\${event.log.logIndex}\`, from: event.args.from, to: event.args.to, tokenId: event.args.tokenId, blockNumber: event.block.number });
  await context.db.insert(benchToken).values({ id: event.args.tokenId.toString(), owner: event.args.to, transfers: 1 }).onConflictDoUpdate((row) => ({ owner: event.args.to, transfers: row.transfers + 1 }));
});`,
  "src/api/index.ts": `import { Hono } from "hono";\nexport default new Hono();`,
};

/** Installs Ponder once into a temp folder (reused across runs); null if npm cannot. */
function ponderProject(): string | null {
  const dir = join(tmpdir(), "hashfloor-bench-ponder-0.17");
  for (const [file, text] of Object.entries(PONDER_FILES)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  if (!existsSync(join(dir, "node_modules/ponder/package.json"))) {
    console.log("installing ponder 0.17 into", dir, "(about a minute)");
    const r = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: dir, stdio: "ignore" });
    if (r.status !== 0) return null;
  }
  return dir;
}

const logTime = (line: string) => {
  const m = /^(\d\d):(\d\d):(\d\d)\.(\d{3})/.exec(line);
  return m ? ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]) : Number.NaN;
};

/** Runs Ponder over the chain to `endBlock`; returns its backfill indexing time in ms. */
async function runPonder(dir: string, rpcUrl: string, endBlock: number): Promise<number> {
  rmSync(join(dir, ".ponder"), { recursive: true, force: true });
  const child = spawn(
    process.execPath,
    ["node_modules/ponder/dist/esm/bin/ponder.js", "start", "--port", "0", "--schema", `bench${Date.now()}`],
    {
      cwd: dir,
      env: { ...process.env, PONDER_RPC_URL_31337: rpcUrl, PONDER_END_BLOCK: String(endBlock) },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`ponder did not finish within 10 min:\n${out.slice(-2000)}`));
    }, 600_000);
    const onData = (d: Buffer) => {
      out += String(d);
      const start = out.split("\n").find((l) => l.includes("Started backfill indexing"));
      const done = out.split("\n").find((l) => l.includes("Completed backfill indexing"));
      if (start && done) {
        clearTimeout(timer);
        child.kill("SIGTERM");
        resolve(logTime(done) - logTime(start));
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (!/Completed backfill indexing/.test(out)) reject(new Error(`ponder exited (${code}):\n${out.slice(-2000)}`));
    });
  });
}

async function openSqlite(dir: string, sdl: string): Promise<SubgraphStore> {
  const { openSqliteStore } = await import("../subgraph/runtime/store/index.ts");
  return openSqliteStore({ dir, name: "bench", schemaSdl: sdl, deploymentId: "bench" });
}

async function run(
  label: string,
  manifestPath: string,
  source: () => Promise<ChainSource>,
  store: () => Promise<SubgraphStore>,
  batchBlocks: number,
): Promise<Measurement> {
  const manifest = loadManifest(manifestPath);
  const cpuBefore = process.cpuUsage();
  const m = await measure(label, async () => {
    const s = await store();
    const result = await new Indexer({ manifest, store: s, source: await source(), once: true, batchBlocks }).run();
    s.close();
    return result;
  });
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const events = m.result.events;
  // CPU time too: on a shared machine wall time mostly measures the neighbours.
  return { ...m, extra: { events, "events/s": Math.round(events / (m.ms / 1000)), "events/cpu-s": Math.round(events / cpuSeconds) } };
}

const manifestPath = buildTestSubgraph("bench.yaml");
const sdl = loadManifest(manifestPath).schema.sdl;
const filter = logFilter(loadManifest(manifestPath));
const dir = mkdtempSync(join(tmpdir(), "hashfloor-bench-indexer-"));
try {
  const perBlock = 5;
  const blocks = Math.ceil(ETL_EVENTS / perBlock);
  await writeEtlFiles(join(dir, "jsonl"), syntheticBlocks(blocks, perBlock), "jsonl");
  await writeEtlFiles(join(dir, "csv"), syntheticBlocks(blocks, perBlock), "csv");
  const rows: Measurement[] = [];
  for (const format of ["jsonl", "csv"] as const) {
    const source = () => EtlSource.open([join(dir, format)], filter);
    rows.push(await run(`etl ${format} -> memory store`, manifestPath, source, async () => new MemoryStore(), 2000));
    rows.push(await run(`etl ${format} -> SQLite store`, manifestPath, source, () => openSqlite(mkdtempSync(join(dir, "db-")), sdl), 2000));
  }
  report(`(a) ethereum-etl files, ${ETL_EVENTS} Transfer events in ${blocks} blocks (goal >= 20,000 events/s)`, rows);

  const rpcRows: Measurement[] = [];
  const ponderDir = PONDER ? ponderProject() : null;
  for (const [label, perBlockRpc] of [
    ["dense", 200],
    ["sparse", 1],
  ] as const) {
    const chain = await startTestChain();
    try {
      const nft = await chain.deployNft();
      const blockCount = Math.max(1, Math.round(RPC_EVENTS / perBlockRpc / (label === "sparse" ? 4 : 1)));
      for (let n = 0; n < blockCount; n++) {
        await chain.emitTransfers(nft, holders[n % 2], holders[(n + 1) % 2], (n * perBlockRpc) % 5000, perBlockRpc);
        await chain.mine();
      }
      const endBlock = await chain.blockNumber();
      // Ponder treats recent blocks as unfinalised (live, block by block): bury the data first.
      for (let i = 0; i < 200; i++) await chain.mine();
      const events = blockCount * perBlockRpc;
      const source = async () => new RpcSource(chain.url, filter);
      rpcRows.push(
        await run(
          `hashfloor ${label} (${perBlockRpc}/block, ${blockCount} blocks) -> SQLite`,
          manifestPath,
          source,
          () => openSqlite(mkdtempSync(join(dir, "db-")), sdl),
          2000,
        ),
      );
      if (ponderDir) {
        const ms = await runPonder(ponderDir, chain.url, endBlock).catch((error: Error) => {
          console.log(`ponder ${label}: ${error.message.split("\n")[0]}`);
          return Number.NaN;
        });
        rpcRows.push({
          label: `ponder 0.17 ${label} (same chain, same handler)`,
          ms,
          peakRssMb: Number.NaN,
          extra: { events, "events/s": Math.round(events / (ms / 1000)) },
        });
      }
    } finally {
      await chain.close();
    }
  }
  report("(b) devnet over JSON-RPC (in-process EDR behind HTTP); Ponder time = its backfill log lines, RSS not comparable", rpcRows);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
