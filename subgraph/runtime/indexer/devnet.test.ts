/**
 * The indexer against a real EVM (in-process Hardhat 3 EDR over HTTP): RPC and ethereum-etl
 * exports of the same chain index to the same entities, and a reorg (snapshot, mine, revert,
 * mine another branch) is rolled back and re-indexed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeFunctionData } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportEthereumEtl } from "../../../chain/etl-export.ts";
import { rpcCallFetcher } from "../chain/eth-call.ts";
import { MemoryStore } from "../harness/memory-store.ts";
import { loadManifest } from "../manifest/manifest.ts";
import { EtlSource } from "../sources/etl-source.ts";
import { rpcRequester } from "../sources/rpc-client.ts";
import { RpcSource } from "../sources/rpc-source.ts";
import { type ChainSource, logFilter } from "../sources/source.ts";
import { openSqliteStore, type QueryableStore } from "../store/index.ts";
import type { SubgraphStore } from "../store/types.ts";
import { buildTestSubgraph } from "../testdata/build.ts";
import { TEST_ENTITY_TYPES } from "../testdata/chain.ts";
import { nftAbi, startTestChain, type TestChain } from "../testdata/devnet.ts";
import { Indexer } from "./indexer.ts";

const ZERO = "0x0000000000000000000000000000000000000000";
let chain: TestChain;
let manifestPath: string;
let dir: string;

beforeAll(async () => {
  manifestPath = buildTestSubgraph();
  dir = mkdtempSync(join(tmpdir(), "hashfloor-devnet-"));
  chain = await startTestChain();
  const nft = await chain.deployNft();
  const child = await chain.deployNft();
  const [a, b, c] = chain.accounts;
  await chain.emitTransfers(nft, ZERO, a, 1, 5);
  await chain.mine();
  await chain.send(nft, encodeFunctionData({ abi: nftAbi, functionName: "spawn", args: [child] }));
  await chain.emitTransfers(child, ZERO, b, 100, 2);
  await chain.mine();
  for (let i = 0; i < 6; i++) {
    await chain.emitTransfers(nft, i % 2 ? a : b, i % 2 ? b : c, 1 + i, 2);
    await chain.emitTransfers(child, b, c, 100, 1);
    await chain.mine();
  }
}, 180_000);

afterAll(async () => {
  await chain?.close();
  rmSync(dir, { recursive: true, force: true });
});

const dump = (store: MemoryStore) => Object.fromEntries(TEST_ENTITY_TYPES.map((t) => [t, store.all(t)]));
/** Every entity as of the store's cursor, by type, ordered by id, from either store. */
const dumpAny = (store: SubgraphStore) =>
  store instanceof MemoryStore
    ? dump(store)
    : Object.fromEntries(
        TEST_ENTITY_TYPES.map((t) => [
          t,
          (store as QueryableStore).query({ typeName: t, block: store.cursor()?.number ?? 0, first: 1000, skip: 0 }).map((e) => e.entity),
        ]),
      );
const sqliteStore = () =>
  openSqliteStore({
    dir: mkdtempSync(join(dir, "db-")),
    name: "reorg",
    schemaSdl: loadManifest(manifestPath).schema.sdl,
    deploymentId: "reorg",
  });

async function index<S extends SubgraphStore = MemoryStore>(
  source: ChainSource,
  store: S = new MemoryStore() as unknown as S,
  onReorg?: () => void,
): Promise<S> {
  const manifest = loadManifest(manifestPath);
  const callFetcher = rpcCallFetcher(rpcRequester(chain.url));
  const result = await new Indexer({ manifest, store, source, once: true, batchBlocks: 4, callFetcher, onReorg }).run();
  expect(result.status).toBe("caught-up");
  return store;
}

describe("indexing a devnet", () => {
  it("indexes the same entities from JSON-RPC and from an ethereum-etl export of the chain", async () => {
    const filter = logFilter(loadManifest(manifestPath));
    const viaRpc = await index(new RpcSource(chain.url, filter));
    const head = await chain.blockNumber();
    expect(viaRpc.cursor()?.number).toBe(head);
    expect(viaRpc.get("Token", "1")).toMatchObject({ contractName: "Devnet Test" });
    expect(viaRpc.get("Stats", "all")).toMatchObject({ childTransfers: 8 });
    await exportEthereumEtl({ rpcUrl: chain.url, fromBlock: 0, toBlock: head, dir: join(dir, "etl") });
    const viaEtl = await index(await EtlSource.open([join(dir, "etl")], filter));
    expect(dump(viaEtl)).toEqual(dump(viaRpc));
    // Child-contract transfers go to the template handler, which only counts them.
    expect(viaRpc.all("Transfer").length).toBe(5 + 6 * 2);
  });

  it.each(["memory", "SQLite"] as const)(
    "rolls back a reorg (snapshot, mine, revert, mine another branch) and re-indexes the new branch (%s store)",
    async (kind) => {
      const filter = logFilter(loadManifest(manifestPath));
      const nft = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
      const [a, b, , d] = chain.accounts;
      // The SQLite store commits on its writer thread; the revert runs on the main connection.
      const store = await index(new RpcSource(chain.url, filter), kind === "memory" ? new MemoryStore() : sqliteStore());
      const snap = await chain.snapshot();
      for (let i = 0; i < 3; i++) {
        await chain.emitTransfers(nft, a, d, 1, 1);
        await chain.mine();
      }
      await index(new RpcSource(chain.url, filter), store);
      expect(store.get("Token", "1")).toMatchObject({ owner: d.toLowerCase() });
      await chain.revert(snap);
      for (let i = 0; i < 4; i++) {
        await chain.emitTransfers(nft, a, b, 50 + i, 1);
        await chain.mine();
      }
      let reorgs = 0;
      await index(new RpcSource(chain.url, filter), store, () => reorgs++);
      expect(reorgs).toBe(1);
      const fresh = await index(new RpcSource(chain.url, filter));
      expect(dumpAny(store)).toEqual(dump(fresh));
      expect(store.get("Token", "1")?.owner).not.toBe(d.toLowerCase());
      expect(store.get("Token", "53")).toMatchObject({ owner: b.toLowerCase() });
    },
  );
});
