import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSubgraphMock, type SubgraphMock } from "../../test/mocks/subgraph.ts";
import { openWarehouse, type Warehouse } from "../db.ts";
import { createGraphClient, SubgraphError } from "../graphclient/client.ts";
import { syncSubgraph } from "./subgraph.ts";
import { seedMarket } from "./testing/market.ts";

const url = "http://subgraph.test/subgraphs/name/hashfloor";
let mock: SubgraphMock;
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function fresh(head = 0): SubgraphMock {
  mock = createSubgraphMock(url, { head });
  server.use(...mock.handlers);
  return mock;
}

const count = async (w: Warehouse, table: string) =>
  Number((await w.all<{ n: string }>(`SELECT count(*)::VARCHAR AS n FROM ${table}`))[0].n);
// Generous time limit: the machine is shared and busy; only the "hang" case waits it out.
const fastClient = (timeoutMs = 10_000) => createGraphClient({ url, retries: 1, backoffMs: 1, timeoutMs });

describe("syncSubgraph", () => {
  it("pages by id_gt with first 1000, pins every page to the head block, and maps entities to raw tables", async () => {
    const m = fresh();
    const counts = seedMarket(m, { collections: 3, tokensPerCollection: 400, sales: 1500 });
    m.head = counts.lastBlock;
    const w = await openWarehouse({ path: ":memory:" });
    const result = await syncSubgraph({ warehouse: w, client: await fastClient() });
    expect(result.doneThroughBlock).toBe(counts.lastBlock);
    expect(await count(w, "sales")).toBe(1500);
    expect(await count(w, "sale_fees")).toBe(4500);
    expect(await count(w, "mints")).toBe(1200);
    expect(await count(w, "transfers")).toBe(2700);
    expect(await count(w, "tokens")).toBe(1200);
    expect(await count(w, "collections")).toBe(3);
    expect(await count(w, "transactions")).toBe(counts.transactions);
    expect(await count(w, "price_points")).toBe(counts.pricePoints);
    const pages = m.requests.filter((r) => r.operation !== "Meta");
    expect(new Set(pages.map((r) => r.variables.block))).toEqual(new Set([counts.lastBlock]));
    // 2,700 transfers take three pages, the third one short; the cursor is the previous page's last id.
    const transferPages = pages.filter((r) => r.operation === "TransfersPage");
    expect(transferPages).toHaveLength(3);
    expect(transferPages[1].variables.afterId).not.toBe("0x");
    const [sale] = await w.all(
      "SELECT price_wei::VARCHAR AS p, marketplace_fee_wei::VARCHAR AS f, block_time::VARCHAR AS t FROM sales ORDER BY block_number LIMIT 1",
    );
    expect(sale).toEqual({
      p: "100000000000000000",
      f: "2500000000000000",
      t: new Date((1_700_000_000 + 1201 * 12) * 1000).toISOString().replace("T", " ").slice(0, 19),
    });
    const [owner] = await w.all<{ owner: string }>(
      "SELECT owner FROM tokens WHERE token_id = '0' AND contract_address = '0x0000000000000000000000000000000000c00000'",
    );
    expect(owner.owner).toMatch(/^0x0{36}a0/);
    w.close();
  });

  it("is incremental: a second run fetches nothing, a later one only what changed", async () => {
    const m = fresh();
    const counts = seedMarket(m, { collections: 1, tokensPerCollection: 50, sales: 30 });
    m.head = counts.lastBlock;
    const w = await openWarehouse({ path: ":memory:" });
    const client = await fastClient();
    await syncSubgraph({ warehouse: w, client });
    m.requests.length = 0;
    const again = await syncSubgraph({ warehouse: w, client });
    expect(again.pages).toBe(0);
    expect(m.requests.map((r) => r.operation)).toEqual(["Meta"]);
    const next = counts.lastBlock + 1;
    m.put("pricePoints", next, {
      id: "0xffff",
      feed: "0xfeed",
      pair: "BTC/USD",
      answer: "6000000000000",
      decimals: 8,
      roundId: "9",
      blockNumber: String(next),
      timestampSec: "1800000000",
    });
    m.head = next;
    const third = await syncSubgraph({ warehouse: w, client });
    expect(third.fetched).toMatchObject({ price_points: 1, sales: 0 });
    expect(m.requests.filter((r) => r.operation === "SalesPage").at(-1)?.variables.fromBlock).toBe(counts.lastBlock + 1);
    expect(await count(w, "price_points")).toBe(counts.pricePoints + 1);
    w.close();
  });

  it("a run killed halfway leaves whole pages and a cursor; the next run completes the window", async () => {
    const m = fresh();
    const counts = seedMarket(m, { collections: 2, tokensPerCollection: 600, sales: 2500 });
    m.head = counts.lastBlock;
    const w = await openWarehouse({ path: ":memory:" });
    m.failFrom(10, "http500"); // 9 pages cover collections, tokens, transactions, mints; then one of transfers
    await expect(syncSubgraph({ warehouse: w, client: await fastClient() })).rejects.toThrow(/failed .*Page 2 times.*resume/);
    const partial = await count(w, "transfers");
    expect(partial % 1000).toBe(0);
    expect(partial).toBeGreaterThan(0);
    const [state] = await w.all<{ cursor: string }>("SELECT cursor FROM sync_state WHERE source = 'subgraph'");
    expect(JSON.parse(state.cursor).window).toEqual({ from: 0, to: counts.lastBlock });
    m.heal();
    m.head = counts.lastBlock + 50; // the head moved on meanwhile: the resumed window stays pinned
    m.requests.length = 0;
    await syncSubgraph({ warehouse: w, client: await fastClient() });
    const firstPage = m.requests.find((r) => r.operation !== "Meta");
    expect(firstPage?.variables.block).toBe(counts.lastBlock);
    expect(await count(w, "transfers")).toBe(counts.transfers);
    expect(await count(w, "sales")).toBe(2500);
    expect(await count(w, "sale_fees")).toBe(7500);
    w.close();
  });

  it.each([
    ["graphql-error", /failed TokensPage 2 times \(last: Store error: database unavailable\)/],
    ["hang", /timed out after 2500 ms/],
    ["bad-json", /failed .* 2 times/],
  ] as const)("an endpoint that answers %s mid-sync gives a clear message and a resumable warehouse", async (fault, message) => {
    const m = fresh();
    const counts = seedMarket(m, { collections: 1, tokensPerCollection: 1500, sales: 10 });
    m.head = counts.lastBlock;
    const w = await openWarehouse({ path: ":memory:" });
    m.failFrom(2, fault);
    const error = await syncSubgraph({ warehouse: w, client: await fastClient(fault === "hang" ? 2500 : undefined) }).catch((e) => e);
    expect(error).toBeInstanceOf(SubgraphError);
    expect(error.message).toMatch(message);
    expect(error.message.split("\n")).toHaveLength(1);
    m.heal();
    await syncSubgraph({ warehouse: w, client: await fastClient() });
    expect(await count(w, "mints")).toBe(1500);
    w.close();
  });

  it("rejects a malformed URL and a subgraph with indexing errors with one-line messages", async () => {
    await expect(createGraphClient({ url: "localhost:8000/subgraphs" })).rejects.toThrow(/must be http\(s\), e\.g\. http:\/\//);
    await expect(createGraphClient({ url: "not a url" })).rejects.toThrow(/is not a URL/);
    const m = fresh(10);
    m.hasIndexingErrors = true;
    const w = await openWarehouse({ path: ":memory:" });
    await expect(syncSubgraph({ warehouse: w, client: await fastClient() })).rejects.toThrow(/indexing errors/);
    w.close();
  });

  it("rejects a malformed entity at the boundary, naming entity and field", async () => {
    const m = fresh(5);
    m.put("collections", 1, { id: "0x01", name: "A", symbol: "A", supply: "many" });
    const w = await openWarehouse({ path: ":memory:" });
    await expect(syncSubgraph({ warehouse: w, client: await fastClient() })).rejects.toThrow(
      /malformed collections entity \(0x01\): supply must be a decimal/,
    );
    expect(await count(w, "collections")).toBe(0);
    w.close();
  });
});
