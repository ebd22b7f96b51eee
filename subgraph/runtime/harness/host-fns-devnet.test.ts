/**
 * `ethereum.getBalance` / `hasCode` against a real EVM (in-process Hardhat EDR over HTTP): through
 * the harness's `rpcUrl` and through the indexer with `hashfloor index`'s RPC answerers, each read
 * pinned to the block being processed (the account's balance changes in later blocks). Without an
 * RPC, `hashfloor index --etl` stops with a setup error naming --rpc.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportEthereumEtl } from "../../../chain/etl-export.ts";
import { command } from "../../../cli/commands/index.ts";
import type { RpcBlock, RpcReceipt, RpcTransaction } from "../chain/rpc-json.ts";
import { rpcAnswerers } from "../indexer/command.ts";
import { Indexer } from "../indexer/indexer.ts";
import { loadManifest } from "../manifest/manifest.ts";
import { RpcSource } from "../sources/rpc-source.ts";
import { logFilter } from "../sources/source.ts";
import { buildTestSubgraph } from "../testdata/build.ts";
import { startTestChain, type TestChain } from "../testdata/devnet.ts";
import { createHarness } from "./index.ts";
import { MemoryStore } from "./memory-store.ts";

const ZERO = "0x0000000000000000000000000000000000000000";
const BOB = "0x0000000000000000000000000000000000000b0b";
let chain: TestChain;
let manifestPath: string;
let dir: string;
/** Blocks whose transaction emits the probing Transfer (tokenId 1 = getBalance/hasCode). */
const probeTxs: `0x${string}`[] = [];

async function pay(to: string, wei: bigint) {
  await chain.provider.request({
    method: "eth_sendTransaction",
    params: [{ from: chain.accounts[0], to, value: `0x${wei.toString(16)}` }],
  });
}

beforeAll(async () => {
  manifestPath = buildTestSubgraph("host-fns.yaml");
  dir = mkdtempSync(join(tmpdir(), "hashfloor-host-fns-"));
  chain = await startTestChain();
  const nft = await chain.deployNft();
  probeTxs.push(await chain.emitTransfers(nft, ZERO, BOB, 1, 1));
  await chain.mine();
  await pay(BOB, 12_345n);
  probeTxs.push(await chain.emitTransfers(nft, ZERO, BOB, 1, 1));
  await chain.mine();
  // Later state the reads must not see.
  await pay(BOB, 1_000n);
  await chain.mine();
}, 120_000);

afterAll(async () => {
  await chain?.close();
  rmSync(dir, { recursive: true, force: true });
});

const rpc = <T>(method: string, params: unknown[]) => chain.provider.request({ method, params }) as Promise<T>;

const expected = [
  { blockNumber: 2n, subject: BOB, subjectBalance: 0n, subjectHasCode: false, contractBalance: 0n, contractHasCode: true },
  { blockNumber: 3n, subject: BOB, subjectBalance: 12_345n, subjectHasCode: false, contractBalance: 0n, contractHasCode: true },
];
const byBlock = (rows: Array<Record<string, unknown>>) => [...rows].sort((a, b) => Number(a.blockNumber) - Number(b.blockNumber));

describe("ethereum.getBalance / hasCode on the devnet", () => {
  it("reads the state of the block being processed, through the harness's rpcUrl", async () => {
    expect(BigInt(await rpc<string>("eth_getBalance", [BOB, "latest"]))).toBe(13_345n);
    const h = createHarness({ manifest: manifestPath, rpcUrl: chain.url });
    for (const hash of probeTxs) {
      const transaction = await rpc<RpcTransaction>("eth_getTransactionByHash", [hash]);
      const receipt = await rpc<RpcReceipt>("eth_getTransactionReceipt", [hash]);
      const block = await rpc<RpcBlock>("eth_getBlockByNumber", [transaction.blockNumber, false]);
      await h.processFixture({ block, transaction, receipt });
    }
    expect(byBlock(h.all("ChainProbe"))).toEqual(expected.map((e) => expect.objectContaining(e)));
  });

  it("reads them through the indexer with hashfloor index's RPC answerers, and refuses --etl without --rpc", async () => {
    const manifest = loadManifest(manifestPath);
    const store = new MemoryStore();
    const source = new RpcSource(chain.url, logFilter(manifest));
    const result = await new Indexer({ manifest, store, source, once: true, callFetcher: rpcAnswerers(chain.url) }).run();
    expect(result.status).toBe("caught-up");
    expect(byBlock(store.all("ChainProbe"))).toEqual(expected.map((e) => expect.objectContaining(e)));

    await exportEthereumEtl({ rpcUrl: chain.url, fromBlock: 0, toBlock: await chain.blockNumber(), dir: join(dir, "etl") });
    const args = ["--manifest", manifestPath, "--etl", join(dir, "etl"), "--db", join(dir, "db"), "--once"];
    await expect(command.run(args)).rejects.toThrow(
      /^ethereum\.getBalance\(0x0+b0b\) at block 2 has no mock and no RPC to answer it .*; pass --rpc http:\/\/127\.0\.0\.1:8545 to answer ethereum\.call \/ getBalance \/ hasCode/,
    );
  });
});
