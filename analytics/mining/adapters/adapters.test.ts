import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createBitcoinMock } from "../../../test/mocks/bitcoin.ts";
import { createEtcRpcMock } from "../../../test/mocks/etc-rpc.ts";
import { createChainlinkRpcMock, createCoingeckoMock } from "../../../test/mocks/prices.ts";
import { resolveNetwork } from "../network.ts";
import { bitcoinCoreClient } from "./bitcoin-core.ts";
import { etcRpcClient } from "./etc-rpc.ts";
import { NetworkDataError } from "./http.ts";
import { mempoolClient } from "./mempool.ts";
import { chainlinkClient, coingeckoClient } from "./prices.ts";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const mempoolUrl = "http://mempool.test";
const bitcoindUrl = "http://rpc.test:8332/";
const feesSat = (h: number) => (h % 2 === 0 ? 20_000_000 : 10_000_000);

describe("mempool.space-compatible adapter", () => {
  it("reads tip, difficulty and mean fees over the last 144 blocks, paging 15 at a time", async () => {
    const mock = createBitcoinMock({ mempoolUrl, tipHeight: 850_000, difficulty: 8e13, feesSat });
    server.use(...mock.handlers);
    const state = await mempoolClient({ baseUrl: mempoolUrl }).networkState();
    expect(state).toMatchObject({ height: 850_000, difficulty: 8e13, feeBlocks: 144 });
    expect(state.feesPerBlockBtc).toBeCloseTo(0.15, 12);
    expect(mock.state.requests).toHaveLength(10);
  });

  it("reads difficulty adjustments oldest first", async () => {
    server.use(...createBitcoinMock({ mempoolUrl }).handlers);
    const adjustments = await mempoolClient({ baseUrl: mempoolUrl }).difficultyAdjustments("3m");
    expect(adjustments.map((a) => a.height)).toEqual([...adjustments.map((a) => a.height)].sort((a, b) => a - b));
    expect(adjustments.at(-1)?.difficulty).toBeCloseTo(86_388_558_925_171.02, 2);
  });

  it("rejects an answer of the wrong shape, naming where", async () => {
    const mock = createBitcoinMock({ mempoolUrl });
    mock.state.fault = "bad-shape";
    server.use(...mock.handlers);
    await expect(mempoolClient({ baseUrl: mempoolUrl }).blocks()).rejects.toThrow(/unexpected answer at 0\.height/);
  });

  it("gives up after its timeout", async () => {
    const mock = createBitcoinMock({ mempoolUrl });
    mock.state.fault = "hang";
    server.use(...mock.handlers);
    await expect(mempoolClient({ baseUrl: mempoolUrl, timeoutMs: 50 }).blocks()).rejects.toThrow(
      new NetworkDataError(`${mempoolUrl}/api/v1/blocks: no answer within 50 ms`),
    );
  });
});

describe("Bitcoin Core JSON-RPC adapter", () => {
  it("uses getblockchaininfo and one batch of getblockstats, with basic auth from the URL", async () => {
    const mock = createBitcoinMock({ bitcoindUrl, tipHeight: 850_001, difficulty: 8e13, feesSat, rpcAuth: "alice:s3cret" });
    server.use(...mock.handlers);
    const state = await bitcoinCoreClient({ baseUrl: "http://alice:s3cret@rpc.test:8332/" }).networkState({ feeBlocks: 10 });
    expect(state).toMatchObject({ height: 850_001, difficulty: 8e13, feeBlocks: 10 });
    expect(state.feesPerBlockBtc).toBeCloseTo(0.15, 12);
  });

  it("does not leak credentials into error messages", async () => {
    server.use(...createBitcoinMock({ bitcoindUrl, rpcAuth: "alice:s3cret" }).handlers);
    const error = await bitcoinCoreClient({ baseUrl: "http://alice:wrong@rpc.test:8332/" })
      .blockchainInfo()
      .catch((e: Error) => e);
    expect(String(error)).toContain("HTTP 401");
    expect(String(error)).not.toContain("wrong");
  });
});

describe("ETC JSON-RPC adapter (viem)", () => {
  it("reads the latest block's height and difficulty", async () => {
    const url = "http://etc.test/";
    server.use(...createEtcRpcMock({ url, height: 20_000_001, difficulty: 2_500_000_000_000_000n, timestampS: 1_713_571_767 }).handlers);
    expect(await etcRpcClient({ baseUrl: url }).networkState()).toEqual({ height: 20_000_001, difficulty: 2.5e15, day: "2024-04-20" });
  });

  it("reports an RPC error as NetworkDataError", async () => {
    const url = "http://etc.test/";
    const mock = createEtcRpcMock({ url });
    mock.state.fault = "rpc-error";
    server.use(...mock.handlers);
    await expect(etcRpcClient({ baseUrl: url }).networkState()).rejects.toBeInstanceOf(NetworkDataError);
  });
});

describe("price adapters", () => {
  it("reads USD prices from a CoinGecko-compatible API", async () => {
    const url = "http://gecko.test";
    server.use(...createCoingeckoMock({ url, pricesUsd: { litecoin: 84.5, dogecoin: 0.16 } }).handlers);
    expect(await coingeckoClient({ baseUrl: url }).pricesUsd(["ltc", "doge"])).toEqual({ ltc: 84.5, doge: 0.16 });
    await expect(coingeckoClient({ baseUrl: url }).pricesUsd(["btc"])).rejects.toThrow(/no USD price for bitcoin/);
  });

  it("reads a Chainlink aggregator's latest answer scaled by its decimals", async () => {
    const url = "http://eth.test/";
    const feed = "0xF4030086522a5bEEa4988F8cA5B36dbC97BeE88c";
    server.use(
      ...createChainlinkRpcMock({
        url,
        feeds: { [feed.toLowerCase()]: { answer: 6_499_012_345_678n, decimals: 8, updatedAtS: 1_713_571_767 } },
      }).handlers,
    );
    expect(await chainlinkClient({ baseUrl: url }).priceUsd(feed)).toEqual({ priceUsd: 64_990.12345678, day: "2024-04-20" });
  });
});

describe("resolveNetwork", () => {
  it("prefers explicit inputs, then live sources, then the snapshot, and labels each", async () => {
    server.use(...createBitcoinMock({ mempoolUrl, tipHeight: 850_000, difficulty: 8e13, feesSat }).handlers);
    const live = await resolveNetwork({ coin: "btc", overrides: { coinPriceUsd: 70_000 }, sources: { mempoolUrl } });
    expect(live.legs[0]).toMatchObject({ height: 850_000, difficulty: 8e13, priceUsd: 70_000 });
    expect(live.legs[0].provenance).toEqual({ height: "live", difficulty: "live", priceUsd: "explicit", feesPerBlockCoin: "live" });
    expect(live.isSnapshot).toBe(false);
    expect(live.label).toBe("live data of 2024-04-20");

    const offline = await resolveNetwork({ coin: "ltc" });
    expect(offline.legs.map((l) => l.coin)).toEqual(["ltc", "doge"]);
    expect(offline.isSnapshot).toBe(true);
    expect(offline.label).toMatch(/^SNAPSHOT of 2024-04-20, not live data/);
  });
});

describe("hashfloor mining import from live sources", () => {
  it("loads difficulty adjustments from a mempool API and daily prices from CoinGecko into the warehouse", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { runMiningCli } = await import("../cli.ts");
    const { openWarehouse } = await import("../../db.ts");
    const gecko = "http://gecko.test";
    server.use(
      ...createBitcoinMock({ mempoolUrl }).handlers,
      ...createCoingeckoMock({ url: gecko, pricesUsd: { bitcoin: 64_990 } }).handlers,
    );
    const dir = mkdtempSync(join(tmpdir(), "hashfloor-mining-import-"));
    try {
      const db = join(dir, "w.duckdb");
      const out = await runMiningCli("import", { coin: "btc", mempool: mempoolUrl, coingecko: gecko, period: "3m", db });
      expect(out).toMatch(/6 difficulty adjustments; \d+ daily prices/);
      const w = await openWarehouse({ path: db, readOnly: true });
      try {
        const [last] = await w.all<{ day: string; difficulty: number; price_usd: number }>(
          "SELECT day::VARCHAR AS day, difficulty, price_usd FROM mining_history WHERE coin = 'btc' ORDER BY day DESC LIMIT 1",
        );
        expect(last).toEqual({ day: "2024-04-20", difficulty: 86_388_558_925_171.02, price_usd: 64_990 });
      } finally {
        w.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
