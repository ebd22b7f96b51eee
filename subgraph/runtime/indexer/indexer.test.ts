import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeAbiParameters } from "viem";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { writeEtlFiles } from "../../../chain/etl-export.ts";
import type { Hex } from "../chain/types.ts";
import { createHarness } from "../harness/index.ts";
import { MemoryStore } from "../harness/memory-store.ts";
import { loadManifest } from "../manifest/manifest.ts";
import { EtlSource } from "../sources/etl-source.ts";
import { logFilter } from "../sources/source.ts";
import { buildTestSubgraph } from "../testdata/build.ts";
import { syntheticChain, TEST_ENTITY_TYPES } from "../testdata/chain.ts";
import { DynamicSourceFile } from "./dynamic-sources.ts";
import { Indexer } from "./indexer.ts";

const NAME_RESULT = encodeAbiParameters([{ type: "string" }], ["Synthetic"]) as Hex;
const callFetcher = async () => NAME_RESULT;

let manifestPath: string;
let dir: string;
beforeAll(() => {
  manifestPath = buildTestSubgraph();
  dir = mkdtempSync(join(tmpdir(), "hashfloor-indexer-"));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const snapshot = (get: (type: string) => unknown[]) => Object.fromEntries(TEST_ENTITY_TYPES.map((t) => [t, get(t)]));

async function reference(chain: ReturnType<typeof syntheticChain>) {
  const h = createHarness({ manifest: manifestPath, calls: () => NAME_RESULT });
  for (const b of chain) await h.processBlock(b);
  return snapshot((t) => h.all(t));
}

async function indexEtl(paths: string[], batchBlocks: number) {
  const manifest = loadManifest(manifestPath);
  const store = new MemoryStore();
  const source = await EtlSource.open(paths, logFilter(manifest));
  const indexer = new Indexer({
    manifest,
    store,
    source,
    batchBlocks,
    callFetcher,
    dynamicSources: new DynamicSourceFile(mkdtempSync(join(dir, "dyn-")), "t"),
  });
  const result = await indexer.run();
  return { result, store };
}

describe("indexing ethereum-etl files", () => {
  it("JSON lines and CSV exports index to the same entities as the harness, block by block", async () => {
    const chain = syntheticChain(30);
    const expected = await reference(chain);
    await writeEtlFiles(join(dir, "jsonl"), chain, "jsonl");
    await writeEtlFiles(join(dir, "csv"), chain, "csv");
    for (const [path, batch] of [
      [join(dir, "jsonl"), 7],
      [join(dir, "csv"), 1000],
    ] as const) {
      const { result, store } = await indexEtl([path], batch);
      expect(result.status).toBe("caught-up");
      expect(store.cursor()?.number).toBe(30);
      expect(snapshot((t) => store.all(t))).toEqual(expected);
    }
    expect((expected.Stats as Array<{ childTransfers: number }>)[0].childTransfers).toBeGreaterThan(0);
  });

  it("into SQLite, committing each batch on the writer thread while the next runs, ends as the harness does", async () => {
    const chain = syntheticChain(30);
    const expected = await reference(chain);
    await writeEtlFiles(join(dir, "pipelined"), chain, "jsonl");
    const manifest = loadManifest(manifestPath);
    const { openSqliteStore } = await import("../store/index.ts");
    const store = openSqliteStore({ dir: mkdtempSync(join(dir, "db-")), name: "t", schemaSdl: manifest.schema.sdl, deploymentId: "t" });
    const background = vi.spyOn(store, "commitInBackground");
    try {
      // Batches of 3 blocks: handlers of one batch read entities the previous batch is still committing.
      const source = await EtlSource.open([join(dir, "pipelined")], logFilter(manifest));
      const result = await new Indexer({ manifest, store, source, batchBlocks: 3, callFetcher }).run();
      expect(result.status).toBe("caught-up");
      expect(background.mock.calls.length).toBeGreaterThanOrEqual(9);
      expect(store.cursor()?.number).toBe(30);
      for (const type of TEST_ENTITY_TYPES) {
        const stored = store.query({ typeName: type, block: 30, first: 1000, skip: 0 }).map((e) => e.entity);
        expect(stored).toHaveLength(expected[type].length);
        for (const entity of expected[type] as Array<{ id: unknown }>) expect(store.get(type, String(entity.id))).toEqual(entity);
      }
    } finally {
      store.close();
    }
  });

  it("resumes from the cursor in a new process, with the template data sources created before it", async () => {
    const chain = syntheticChain(30);
    const expected = await reference(chain);
    await writeEtlFiles(join(dir, "first"), chain.slice(0, 6), "jsonl");
    await writeEtlFiles(join(dir, "all"), chain, "jsonl");
    const manifest = loadManifest(manifestPath);
    const store = new MemoryStore();
    const dynDir = mkdtempSync(join(dir, "dyn-"));
    const first = await new Indexer({
      manifest,
      store,
      source: await EtlSource.open([join(dir, "first")], logFilter(manifest)),
      callFetcher,
      dynamicSources: new DynamicSourceFile(dynDir, "t"),
    }).run();
    expect(first.cursor?.number).toBe(6);
    // A new Indexer (as after a restart) loads the child data source spawned at block 3 from the file.
    const second = new Indexer({
      manifest,
      store,
      source: await EtlSource.open([join(dir, "all")], logFilter(manifest)),
      callFetcher,
      dynamicSources: new DynamicSourceFile(dynDir, "t"),
      batchBlocks: 4,
    });
    expect(second.runner.dataSources.records()).toHaveLength(1);
    expect((await second.run()).cursor?.number).toBe(30);
    expect(snapshot((t) => store.all(t))).toEqual(expected);
  });

  it("keeps template data sources in the SQLite store's transaction, so a reopened store resumes with them", async () => {
    const chain = syntheticChain(30);
    const expected = await reference(chain);
    await writeEtlFiles(join(dir, "sq-first"), chain.slice(0, 6), "jsonl");
    await writeEtlFiles(join(dir, "sq-all"), chain, "jsonl");
    const manifest = loadManifest(manifestPath);
    const { openSqliteStore } = await import("../store/index.ts");
    const db = mkdtempSync(join(dir, "db-"));
    const open = () => openSqliteStore({ dir: db, name: "t", schemaSdl: manifest.schema.sdl, deploymentId: "t" });
    const first = open();
    const source = await EtlSource.open([join(dir, "sq-first")], logFilter(manifest));
    expect((await new Indexer({ manifest, store: first, source, callFetcher }).run()).cursor?.number).toBe(6);
    expect(JSON.parse(first.dataSources() ?? "[]")).toHaveLength(1);
    first.close();
    const store = open();
    try {
      const all = await EtlSource.open([join(dir, "sq-all")], logFilter(manifest));
      const second = new Indexer({ manifest, store, source: all, callFetcher, batchBlocks: 4 });
      expect(second.runner.dataSources.records()).toHaveLength(1);
      expect((await second.run()).cursor?.number).toBe(30);
      for (const type of TEST_ENTITY_TYPES)
        for (const entity of expected[type] as Array<{ id: unknown }>) expect(store.get(type, String(entity.id))).toEqual(entity);
      expect(readdirSync(db).filter((f) => f.includes("datasources"))).toEqual([]);
    } finally {
      store.close();
    }
  });

  it("jumps from the manifest's startBlock to the first block the files hold and over gaps between them", async () => {
    // startBlock is 1; the files hold 10,000,000.. and 10,500,000..: walking the numbers between
    // them (or looping on a batch with no block in it) never finishes in time.
    const chain = [...syntheticChain(12, { from: 10_000_000 }), ...syntheticChain(12, { from: 10_500_000 })];
    const expected = await reference(chain);
    await writeEtlFiles(join(dir, "far"), chain, "jsonl");
    const started = performance.now();
    const { result, store } = await indexEtl([join(dir, "far")], 5000);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.status).toBe("caught-up");
    expect(store.cursor()?.number).toBe(10_500_011);
    expect(snapshot((t) => store.all(t))).toEqual(expected);
    expect(store.all("Transfer").length).toBeGreaterThan(20);
  }, 30_000);

  it("stops at a deterministic handler failure, keeps earlier blocks and records the error", async () => {
    const chain = syntheticChain(20, { failAt: 12 });
    await writeEtlFiles(join(dir, "fail"), chain, "jsonl");
    const { result, store } = await indexEtl([join(dir, "fail")], 5);
    expect(result.status).toBe("failed");
    expect(store.cursor()?.number).toBe(11);
    expect(store.fatalError()?.block.number).toBe(12);
    expect(store.fatalError()?.message).toMatch(/token 666 is forbidden.*handleTransfer/);
    expect(store.all("Transfer").every((t) => Number(t.blockNumber) <= 11)).toBe(true);
  });
});
