/**
 * The compiled mappings (graph build WASM) run through the runtime's harness on the fixtures in
 * ./fixtures (written by fixtures/generate.ts; byte-exact logs encoded by viem).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { encodeAbiParameters, type Hex, parseEther } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSubgraph } from "../manifests/index.ts";
import { createHarness, type EthCallRequest, type Fixture, type Harness } from "../runtime/harness/index.ts";
import { DEVNET_FIXTURE_OUT, FIXTURE_DEPLOYMENT } from "./paths.ts";

const deployment = JSON.parse(readFileSync(FIXTURE_DEPLOYMENT, "utf8"));
const FOXES = deployment.contracts.collections[0].address as string;
const FEE = deployment.actors.marketplaceFeeRecipient as string;
const [ROYALTY_A, ROYALTY_B] = deployment.actors.royaltyRecipients as string[];
const SELLER = "0x5e11e70000000000000000000000000000000001";
const BUYER = "0xb0e7000000000000000000000000000000000002";
const ZERO = "0x0000000000000000000000000000000000000000";
const MAINNET_WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";
const MOONBIRDS = "0x23581767a106ae21c074b2276d25e5c3e136a68b";
const OPENSEA_FEE_2022 = "0x8de9c5a032463c561423387a9648c5c7bcc5bc90";

const manifests = { devnet: "", mainnet: "" };
beforeAll(async () => {
  manifests.devnet = (
    await buildSubgraph({ network: "devnet", deploymentFile: FIXTURE_DEPLOYMENT, outDir: DEVNET_FIXTURE_OUT })
  ).manifestPath;
  manifests.mainnet = (await buildSubgraph({ network: "mainnet" })).manifestPath;
}, 300_000);

type NamedFixture = Fixture & { manifest: "devnet" | "mainnet"; description: string };
const load = (name: string): NamedFixture => JSON.parse(readFileSync(join(import.meta.dirname, "fixtures", `${name}.json`), "utf8"));

/** Collections answer name/symbol/tokenURI; anything else reverts (as a contract without the function). */
function answerCall(call: EthCallRequest): Hex | null {
  const str = (s: string) => encodeAbiParameters([{ type: "string" }], [s]);
  if (call.functionName === "name") return str(call.address.toLowerCase() === FOXES ? "Pixel Foxes" : "Moonbirds");
  if (call.functionName === "symbol") return str(call.address.toLowerCase() === FOXES ? "FOX" : "MOONBIRD");
  if (call.functionName === "tokenURI") return str(`ipfs://meta/${String(call.args[0])}`);
  return null;
}

async function run(name: string): Promise<{ h: Harness; fx: NamedFixture }> {
  const fx = load(name);
  const h = createHarness({ manifest: manifests[fx.manifest], calls: answerCall });
  await h.processFixture(fx);
  return { h, fx };
}

const fees = (h: Harness, saleId: string) =>
  h
    .all("SaleFee")
    .filter((f) => f.sale === saleId)
    .map((f) => ({ kind: f.kind, recipient: f.recipient, amountWei: f.amountWei }))
    .sort((a, b) => String(a.recipient).localeCompare(String(b.recipient)));

describe("Seaport OrderFulfilled", () => {
  it("a listing with a 2.5% fee and two royalty recipients keeps every leg", async () => {
    const { h, fx } = await run("listing-two-royalties");
    const sales = h.all("Sale");
    expect(sales).toHaveLength(1);
    const sale = sales[0];
    expect(sale).toMatchObject({
      kind: "LISTING",
      buyer: BUYER,
      seller: SELLER,
      currency: ZERO,
      grossPriceWei: parseEther("1"),
      sellerProceedsWei: parseEther("0.925"),
      marketplaceFeeWei: parseEther("0.025"),
      royaltyFeeWei: parseEther("0.05"),
      isBundle: false,
      priceIsEstimated: false,
      protocol: "Seaport",
      protocolVersion: "1.6",
      marketplace: "Hashfloor devnet market",
      collection: FOXES,
      tokenId: 7n,
      logIndex: 1n,
    });
    expect(((sale.marketplaceFeeWei as bigint) * 1000n) / (sale.grossPriceWei as bigint)).toBe(25n);
    expect(fees(h, String(sale.id))).toEqual(
      [
        { kind: "MARKETPLACE", recipient: FEE, amountWei: parseEther("0.025") },
        { kind: "ROYALTY", recipient: ROYALTY_A, amountWei: parseEther("0.03") },
        { kind: "ROYALTY", recipient: ROYALTY_B, amountWei: parseEther("0.02") },
      ].sort((a, b) => a.recipient.localeCompare(b.recipient)),
    );
    // Gas of the sale's transaction: effective price 12 gwei over a 10 gwei base fee.
    const tx = h.get("Transaction", String(sale.transaction));
    expect(tx).toMatchObject({
      id: fx.transaction.hash,
      gasUsed: 132_000n,
      gasPriceWei: 12_000_000_000n,
      blockBaseFeePerGasWei: 10_000_000_000n,
      priorityFeePerGasWei: 2_000_000_000n,
      gasCostWei: 132_000n * 12_000_000_000n,
      burnedFeeWei: 132_000n * 10_000_000_000n,
    });
    expect(h.get("Token", `${FOXES}-7`)).toMatchObject({
      owner: BUYER,
      lastSale: sale.id,
      lastSalePriceWei: parseEther("1"),
      saleCount: 1n,
    });
    expect(h.get("Collection", FOXES)).toMatchObject({
      name: "Pixel Foxes",
      saleCount: 1n,
      cumulativeVolumeWei: parseEther("1"),
      cumulativeRoyaltyWei: parseEther("0.05"),
    });
    const [snapshot] = h.all("CollectionDailySnapshot");
    expect(snapshot).toMatchObject({
      saleCount: 1,
      volumeWei: parseEther("1"),
      minSalePriceWei: parseEther("1"),
      uniqueBuyerCount: 1,
      uniqueSellerCount: 1,
    });
    expect(h.all("Transfer")).toHaveLength(1);
  });

  it("a real Seaport 1.4 listing (tx 0x42ace258…fc3c, block 17173049) re-encoded byte-exact", async () => {
    const { h } = await run("real-seaport-1-4-listing");
    const sales = h.all("Sale");
    expect(sales).toHaveLength(1);
    expect(sales[0]).toMatchObject({
      kind: "LISTING",
      protocolVersion: "1.4",
      marketplace: "OpenSea",
      buyer: "0x31c0b8dbacaf08da902e3117c346afc0128d2ed7",
      seller: "0xacccd6093da4357049158e84c62f13bb95a3db34",
      collection: "0x4e3f914246f55fc4f55ee2882bf70c72a8f427cf",
      tokenId: 733n,
      grossPriceWei: parseEther("0.37"),
      sellerProceedsWei: parseEther("0.34225"),
      marketplaceFeeWei: parseEther("0.00925"),
      royaltyFeeWei: parseEther("0.0185"),
      logIndex: 205n,
    });
    expect(h.get("Transaction", "0x42ace258a44863bdbe83eb5dad6f999e5b6ab775b38529db5a3af4753970fc3c")).toMatchObject({
      gasUsed: 149_202n,
      gasPriceWei: 80_969_370_967n,
      priorityFeePerGasWei: 100_000_000n,
    });
  });

  it("an accepted WETH offer (Moonbirds, Dune spellbook #1510) is 11.8 gross, never 12.685", async () => {
    const { h } = await run("accepted-weth-offer");
    const sales = h.all("Sale");
    expect(sales).toHaveLength(1);
    expect(sales[0]).toMatchObject({
      kind: "OFFER",
      buyer: BUYER,
      seller: SELLER,
      currency: MAINNET_WETH,
      grossPriceWei: parseEther("11.8"),
      marketplaceFeeWei: parseEther("0.295"),
      royaltyFeeWei: parseEther("0.59"),
      sellerProceedsWei: parseEther("10.915"),
      marketplace: "OpenSea",
      protocolVersion: "1.1",
      collection: MOONBIRDS,
    });
    expect(sales[0].grossPriceWei).not.toBe(parseEther("12.685"));
    expect(fees(h, String(sales[0].id)).find((f) => f.recipient === OPENSEA_FEE_2022)).toMatchObject({ kind: "MARKETPLACE" });
    // WETH sales count toward ETH volume; the WETH Transfer logs (3 topics) are not NFT transfers.
    expect(h.get("Collection", MOONBIRDS)).toMatchObject({ cumulativeVolumeWei: parseEther("11.8"), otherCurrencySaleCount: 0n });
    expect(h.all("Transfer")).toHaveLength(1);
  });

  it("a bundle of three gives three rows at price / 3, flagged as estimated", async () => {
    const { h } = await run("bundle");
    const sales = h.all("Sale").sort((a, b) => Number(a.bundleIndex) - Number(b.bundleIndex));
    expect(sales.map((s) => s.tokenId)).toEqual([1n, 2n, 3n]);
    for (const sale of sales) {
      expect(sale).toMatchObject({
        bundleSize: 3,
        isBundle: true,
        priceIsEstimated: true,
        grossPriceWei: parseEther("1"),
        marketplaceFeeWei: parseEther("0.025"),
        royaltyFeeWei: parseEther("0.05"),
        sellerProceedsWei: parseEther("0.925"),
      });
    }
    expect(sales.reduce((sum, s) => sum + (s.grossPriceWei as bigint), 0n)).toBe(parseEther("3"));
    expect(h.all("SaleFee")).toHaveLength(6);
    expect(h.get("Account", BUYER)).toMatchObject({ buyCount: 3n });
  });

  for (const name of ["match-orders", "match-orders-reversed"]) {
    it(`a matchOrders pair gives exactly one sale (${name})`, async () => {
      const { h } = await run(name);
      const sales = h.all("Sale");
      expect(sales).toHaveLength(1);
      expect(sales[0]).toMatchObject({
        kind: "LISTING",
        buyer: BUYER,
        seller: SELLER,
        tokenId: 9n,
        grossPriceWei: parseEther("0.5"),
        marketplaceFeeWei: parseEther("0.0125"),
        royaltyFeeWei: parseEther("0.025"),
        sellerProceedsWei: parseEther("0.4625"),
      });
      expect(h.logs.some((l) => l.message.includes("mirror order of a matchOrders pair"))).toBe(true);
    });
  }

  it("a collection offer accepted through matchAdvancedOrders counts the offer side once", async () => {
    const { h } = await run("match-accepted-offer");
    const sales = h.all("Sale");
    expect(sales).toHaveLength(1);
    expect(sales[0]).toMatchObject({
      kind: "OFFER",
      buyer: BUYER,
      seller: SELLER,
      tokenId: 12n,
      currency: deployment.contracts.weth.address,
      grossPriceWei: parseEther("2"),
      marketplaceFeeWei: parseEther("0.05"),
      royaltyFeeWei: parseEther("0.1"),
      sellerProceedsWei: parseEther("1.85"),
    });
  });

  it("an NFT-for-NFT swap is not a sale: skipped with a warning", async () => {
    const { h, fx } = await run("nft-swap");
    expect(h.all("Sale")).toHaveLength(0);
    expect(h.logs.find((l) => l.message.includes("swap"))?.message).toContain(fx.transaction.hash);
  });

  it("a mixed-currency fill is skipped with a logged reason naming tx and log index", async () => {
    const { h, fx } = await run("mixed-currency");
    expect(h.all("Sale")).toHaveLength(0);
    const warning = h.logs.find((l) => l.message.includes("mixed currencies"));
    expect(warning?.message).toContain(fx.transaction.hash);
    expect(warning?.message).toContain("log 0");
  });
});

describe("ERC-721 Transfer", () => {
  it("splits a mint transaction's value and gas across the tokens it minted", async () => {
    const { h, fx } = await run("mint-price-split");
    const mints = h.all("Mint");
    expect(mints).toHaveLength(3);
    for (const mint of mints) {
      expect(mint).toMatchObject({
        priceWei: parseEther("0.1"),
        tokensMintedInTransaction: 3,
        gasUsedShare: 100_000n,
        gasCostWei: (300_000n * 12_000_000_000n) / 3n,
        minter: BUYER,
        transaction: fx.transaction.hash,
      });
    }
    expect(h.get("Transaction", fx.transaction.hash)).toMatchObject({ valueWei: parseEther("0.3"), gasUsed: 300_000n });
    expect(h.get("Token", `${FOXES}-101`)).toMatchObject({ owner: BUYER, tokenURI: "ipfs://meta/101", burned: false });
    expect(h.get("Collection", FOXES)).toMatchObject({ mintCount: 3n, supply: 3n, cumulativeMintRevenueWei: parseEther("0.3") });
    expect(h.all("CollectionDailySnapshot")[0]).toMatchObject({ mintCount: 3, mintRevenueWei: parseEther("0.3") });
  });

  it("skips an ERC-20 Transfer sharing topic0 silently and indexes the ERC-721 one beside it", async () => {
    const { h } = await run("erc20-transfer");
    const transfers = h.all("Transfer");
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ from: BUYER, to: SELLER, isMint: false, isBurn: false });
    expect(h.get("Token", `${FOXES}-7`)).toMatchObject({ owner: SELLER });
    expect(h.logs.filter((l) => l.level === "error" || l.level === "critical")).toEqual([]);
  });
});

describe("Chainlink AnswerUpdated", () => {
  it("stores a price point with its pair and decimals", async () => {
    const { h } = await run("price-point");
    expect(h.all("PricePoint")).toEqual([
      expect.objectContaining({
        pair: "ETH/USD",
        answer: 301_234_567_890n,
        decimals: 8,
        roundId: 42n,
        updatedAtSec: 1_750_000_000n,
        feed: deployment.contracts.ethUsdFeed.address,
      }),
    ]);
  });
});
