/**
 * Ground truth: the devnet simulates a market (real Seaport 1.6, EIP-712-signed orders: basic, order,
 * offer, bundle, match) and writes what it built to truth/sales.csv and truth/mints.csv. The subgraph
 * built from that devnet's deployment.json, indexed by the runtime over JSON-RPC, must hold every sale
 * with the same gross price, fee, royalties and proceeds — and nothing else — and every mint at its
 * price. HASHFLOOR_TRUTH_DAYS sets the history length (default 3 days; the 90-day check is
 * `HASHFLOOR_TRUTH_DAYS=90 npx vitest run subgraph/tests/devnet-truth.test.ts`).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Devnet, startDevnet } from "../../chain/index.ts";
import { buildSubgraph } from "../manifests/index.ts";
import { rpcCallFetcher } from "../runtime/chain/eth-call.ts";
import { MemoryStore } from "../runtime/harness/memory-store.ts";
import { Indexer } from "../runtime/indexer/indexer.ts";
import { loadManifest } from "../runtime/manifest/manifest.ts";
import { rpcRequester } from "../runtime/sources/rpc-client.ts";
import { RpcSource } from "../runtime/sources/rpc-source.ts";
import { logFilter } from "../runtime/sources/source.ts";
import type { Entity } from "../runtime/store/types.ts";

const DAYS = Number(process.env.HASHFLOOR_TRUTH_DAYS ?? 3);
const dir = mkdtempSync(join(tmpdir(), "hashfloor-truth-"));
let devnet: Devnet;
const store = new MemoryStore();

function csv(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(file, "utf8").trim().split("\n");
  const columns = head.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [columns[i], v])));
}

beforeAll(async () => {
  devnet = await startDevnet({ seed: 11, days: DAYS, out: join(dir, "devnet"), port: 0 });
  const { manifestPath } = await buildSubgraph({
    network: "devnet",
    deploymentFile: join(dir, "devnet", "deployment.json"),
    outDir: join(dir, "subgraph"),
  });
  const manifest = loadManifest(manifestPath);
  const result = await new Indexer({
    manifest,
    store,
    source: new RpcSource(devnet.rpcUrl, logFilter(manifest)),
    callFetcher: rpcCallFetcher(rpcRequester(devnet.rpcUrl)),
    once: true,
  }).run();
  expect(result.status).toBe("caught-up");
}, 900_000);

afterAll(async () => {
  await devnet?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A sale row's key: transaction, OrderFulfilled log index, token. */
const key = (tx: string, logIndex: string | bigint, collection: string, tokenId: string | bigint) =>
  `${tx}:${logIndex}:${collection}:${tokenId}`;

describe(`subgraph vs the devnet's ground truth (${DAYS} days)`, () => {
  it("holds every simulated sale with the same price, fee, royalties and proceeds, and nothing else", () => {
    const truth = csv(join(devnet.truthDir, "sales.csv"));
    expect(truth.length).toBeGreaterThan(0);
    const sales = new Map(
      store.all("Sale").map((s) => [key(String(s.transaction), s.logIndex as bigint, String(s.collection), s.tokenId as bigint), s]),
    );
    const fees = new Map<string, Entity[]>();
    for (const f of store.all("SaleFee")) fees.set(String(f.sale), [...(fees.get(String(f.sale)) ?? []), f]);
    const mismatches: string[] = [];
    for (const t of truth) {
      const k = key(t.tx_hash, t.log_index, t.collection, t.token_id);
      const s = sales.get(k);
      if (!s) {
        mismatches.push(`missing ${t.sale_kind} sale ${k}`);
        continue;
      }
      const royalties = (fees.get(String(s.id)) ?? []).filter((f) => f.kind === "ROYALTY");
      const want = {
        buyer: t.buyer,
        seller: t.seller,
        currency: t.currency_address,
        grossPriceWei: BigInt(t.gross_price_wei),
        marketplaceFeeWei: BigInt(t.marketplace_fee_wei),
        royaltyFeeWei: BigInt(t.royalty_wei_1 || "0") + BigInt(t.royalty_wei_2 || "0"),
        sellerProceedsWei: BigInt(t.seller_proceeds_wei),
        isBundle: t.is_bundle === "true",
        bundleSize: Number(t.bundle_size),
        royaltyRecipients: [t.royalty_recipient_1, t.royalty_recipient_2].filter(Boolean).sort().join(";"),
      };
      const got = {
        buyer: s.buyer,
        seller: s.seller,
        currency: s.currency,
        grossPriceWei: s.grossPriceWei,
        marketplaceFeeWei: s.marketplaceFeeWei,
        royaltyFeeWei: s.royaltyFeeWei,
        sellerProceedsWei: s.sellerProceedsWei,
        isBundle: s.isBundle,
        bundleSize: s.bundleSize,
        royaltyRecipients: royalties
          .filter((f) => (f.amountWei as bigint) > 0n)
          .map((f) => String(f.recipient))
          .sort()
          .join(";"),
      };
      for (const field of Object.keys(want) as (keyof typeof want)[]) {
        if (want[field] !== got[field]) mismatches.push(`${t.sale_kind} ${k} ${field}: truth ${want[field]}, subgraph ${got[field]}`);
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(sales.size).toBe(truth.length);
    console.log(`devnet truth (${DAYS} days): ${truth.length} sale rows compared, ${sales.size} in the subgraph`);
    // Every sale kind the simulator makes was exercised.
    const kinds = new Set(truth.map((t) => t.sale_kind));
    if (DAYS >= 3) expect([...kinds].sort()).toEqual(["basic", "bundle", "match", "offer", "order"]);
  });

  it("holds every mint at its price, with the transaction's gas", () => {
    const truth = csv(join(devnet.truthDir, "mints.csv"));
    expect(truth.length).toBeGreaterThan(0);
    const mints = new Map(store.all("Mint").map((m) => [`${m.collection}:${(store.get("Token", String(m.token)) as Entity).tokenId}`, m]));
    const mismatches: string[] = [];
    for (const t of truth) {
      const m = mints.get(`${t.collection}:${t.token_id}`);
      if (!m) mismatches.push(`missing mint ${t.collection} #${t.token_id}`);
      else if (m.priceWei !== BigInt(t.price_wei))
        mismatches.push(`mint ${t.collection} #${t.token_id}: truth ${t.price_wei}, subgraph ${m.priceWei}`);
      else if (String(m.transaction) !== t.tx_hash)
        mismatches.push(`mint ${t.collection} #${t.token_id}: tx ${m.transaction} vs ${t.tx_hash}`);
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(mints.size).toBe(truth.length);
    console.log(`devnet truth (${DAYS} days): ${truth.length} mints compared`);
    const tx = store.get("Transaction", truth[0].tx_hash);
    expect((tx?.gasUsed as bigint) > 0n && (tx?.gasCostWei as bigint) > 0n).toBe(true);
  });

  it("records a price point for every feed update", () => {
    expect(store.all("PricePoint").length).toBeGreaterThan(0);
  });
});
