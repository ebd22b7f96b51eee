/**
 * The subgraph's schema served by the runtime's graph-node-compatible GraphQL API: entities written by
 * the compiled mappings (through the harness) are committed to the SQLite store and queried back the way
 * analytics will query them — collections, sales with fee legs and gas, mints with gas, price points.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeAbiParameters, type Hex, parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSubgraph } from "../manifests/index.ts";
import { startGraphqlServer } from "../runtime/graphql/index.ts";
import { createHarness, type Fixture } from "../runtime/harness/index.ts";
import { openSqliteStore } from "../runtime/store/index.ts";
import { DEVNET_FIXTURE_OUT, FIXTURE_DEPLOYMENT } from "./paths.ts";

const FIXTURES = ["mint-price-split", "listing-two-royalties", "price-point"];
const dbDir = mkdtempSync(join(tmpdir(), "hashfloor-subgraph-gql-"));
let server: { endpoint: string; close(): Promise<void> };
let store: ReturnType<typeof openSqliteStore>;

beforeAll(async () => {
  const { manifestPath } = await buildSubgraph({ network: "devnet", deploymentFile: FIXTURE_DEPLOYMENT, outDir: DEVNET_FIXTURE_OUT });
  const str = (s: string) => encodeAbiParameters([{ type: "string" }], [s]);
  const h = createHarness({
    manifest: manifestPath,
    calls: (call) => (call.functionName === "name" ? str("Pixel Foxes") : call.functionName === "tokenURI" ? str("ipfs://x") : null),
  });
  const schemaSdl = readFileSync(join(DEVNET_FIXTURE_OUT, "schema.graphql"), "utf8");
  store = openSqliteStore({ dir: dbDir, name: "hashfloor", schemaSdl, deploymentId: "test" });
  for (const name of FIXTURES) {
    const fx: Fixture = JSON.parse(readFileSync(join(import.meta.dirname, "fixtures", `${name}.json`), "utf8"));
    const changes = await h.processFixture(fx);
    const b = fx.block as unknown as { number: Hex; hash: Hex; parentHash: Hex; timestamp: Hex };
    // Fixtures are independent one-block chains; the store wants ascending blocks, which their numbers are.
    store.commit([
      { block: { number: Number(b.number), hash: b.hash, parentHash: b.parentHash, timestamp: Number(b.timestamp) }, changes },
    ]);
  }
  server = await startGraphqlServer({ store, schemaSdl, name: "hashfloor", deploymentId: "test", port: 0, host: "127.0.0.1" });
}, 300_000);

afterAll(async () => {
  await server?.close();
  store?.close();
  rmSync(dbDir, { recursive: true, force: true });
});

// biome-ignore lint/suspicious/noExplicitAny: GraphQL results are asserted field by field below.
type Data = Record<string, any>;

async function query(q: string): Promise<Data> {
  const response = await fetch(server.endpoint, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: q }),
  });
  const body = (await response.json()) as { data?: Data; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data ?? {};
}

describe("GraphQL over the indexed fixtures", () => {
  it("answers sales with fee legs and the transaction's gas", async () => {
    const data = await query(`{
      sales(first: 10, orderBy: blockNumber) {
        grossPriceWei sellerProceedsWei marketplaceFeeWei royaltyFeeWei kind marketplace
        collection { id name }
        fees(orderBy: amountWei, orderDirection: desc) { kind recipient amountWei }
        transaction { gasUsed gasPriceWei blockBaseFeePerGasWei gasCostWei }
      }
    }`);
    expect(data.sales).toHaveLength(1);
    const [sale] = data.sales;
    expect(sale).toMatchObject({ grossPriceWei: parseEther("1").toString(), kind: "LISTING", collection: { name: "Pixel Foxes" } });
    expect(sale.fees.map((f: { amountWei: string }) => f.amountWei)).toEqual([
      "30000000000000000",
      "25000000000000000",
      "20000000000000000",
    ]);
    expect(sale.transaction).toMatchObject({
      gasUsed: "132000",
      gasPriceWei: "12000000000",
      gasCostWei: (132_000n * 12_000_000_000n).toString(),
    });
  });

  it("answers mints with their share of gas, collections and price points", async () => {
    const data = await query(`{
      mints(orderBy: logIndex) { priceWei gasCostWei tokensMintedInTransaction token { tokenId tokenURI } }
      collections { id mintCount saleCount cumulativeVolumeWei }
      pricePoints { pair answer decimals roundId }
    }`);
    expect(data.mints).toHaveLength(3);
    expect(data.mints[0]).toMatchObject({
      priceWei: parseEther("0.1").toString(),
      tokensMintedInTransaction: 3,
      token: { tokenURI: "ipfs://x" },
    });
    expect(data.collections[0]).toMatchObject({ mintCount: "3", saleCount: "1", cumulativeVolumeWei: parseEther("1").toString() });
    expect(data.pricePoints).toEqual([{ pair: "ETH/USD", answer: "301234567890", decimals: 8, roundId: "42" }]);
  });
});
