/**
 * Subgraph runtime indexing throughput (events/s = Transfer logs handled per second of wall time,
 * reading included), with the benchmark subgraph (subgraph/runtime/testdata/bench.yaml: one
 * Transfer handler writing an immutable row and upserting a token, no calls, no receipts):
 *   (a) ethereum-etl files, JSON lines and CSV, into the in-memory store and the SQLite store;
 *   (b) the devnet over JSON-RPC, dense (~200 events/block) and sparse (1 event/block).
 * Ponder is not run here (see subgraph/runtime/README.md, "Benchmarks"). Sizes: BENCH_ETL_EVENTS,
 * BENCH_RPC_EVENTS. Prints figures; never asserts on time.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryStore } from "../subgraph/runtime/harness/memory-store.ts";
import { Indexer } from "../subgraph/runtime/indexer/indexer.ts";
import { loadManifest } from "../subgraph/runtime/manifest/manifest.ts";
import { type RpcBlockData, writeEtlFiles } from "../subgraph/runtime/sources/etl-export.ts";
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
      const source = async () => new RpcSource(chain.url, filter);
      rpcRows.push(
        await run(
          `rpc ${label} (${perBlockRpc}/block, ${blockCount} blocks) -> SQLite`,
          manifestPath,
          source,
          () => openSqlite(mkdtempSync(join(dir, "db-")), sdl),
          2000,
        ),
      );
    } finally {
      await chain.close();
    }
  }
  report("(b) devnet over JSON-RPC (in-process EDR behind HTTP); Ponder side not run", rpcRows);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
