/**
 * The synthetic market (market.ts) as a fixture for the local subgraph runtime's store
 * (subgraph/runtime/store loadFixture), so sync can be tested and benchmarked against the real
 * GraphQL server over HTTP instead of a mock. Entities get every non-null field of
 * subgraph/schema.graphql that sync does not read, with plausible values.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FixtureData } from "../../../subgraph/runtime/store/fixtures.ts";
import type { MockEntity, SubgraphMock } from "../../../test/mocks/subgraph.ts";
import { type MarketCounts, type MarketOptions, seedMarket } from "./market.ts";

export const subgraphSchemaPath = join(import.meta.dirname, "..", "..", "..", "subgraph", "schema.graphql");
export const readSubgraphSchema = () => readFileSync(subgraphSchemaPath, "utf8");

const typeOf: Record<string, string> = {
  collections: "Collection",
  tokens: "Token",
  transactions: "Transaction",
  mints: "Mint",
  transfers: "Transfer",
  sales: "Sale",
  pricePoints: "PricePoint",
};

const zero = "0x0000000000000000000000000000000000000000";
const refId = (v: unknown) => (v && typeof v === "object" && "id" in v ? String((v as { id: unknown }).id) : v);

/** Fills the fields sync does not read so the entity satisfies the schema. */
function complete(type: string, e: MockEntity, block: number): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) flat[k] = k === "fees" ? undefined : refId(v);
  switch (type) {
    case "Collection":
      return {
        ...flat,
        mintCount: "0",
        burnCount: "0",
        transferCount: "0",
        saleCount: "0",
        cumulativeVolumeWei: "0",
        cumulativeMarketplaceFeeWei: "0",
        cumulativeRoyaltyWei: "0",
        otherCurrencySaleCount: "0",
        cumulativeMintRevenueWei: "0",
        firstSeenBlock: String(block),
      };
    case "Token":
      return { ...flat, mint: (e.mint as { id?: string } | null)?.id ?? null, burned: false, transferCount: "1", saleCount: "0" };
    case "Transaction":
      return { ...flat, gasLimit: "200000", gasCostWei: "0", priorityFeePerGasWei: "2000000000", burnedFeeWei: "0", transactionIndex: "0" };
    case "Mint":
      return {
        ...flat,
        token: `${refId(e.collection)}-${(e.token as { tokenId: string }).tokenId}`,
        tokensMintedInTransaction: 1,
        gasUsedShare: "120000",
      };
    case "Transfer":
      return {
        ...flat,
        token: `${refId(e.collection)}-${(e.token as { tokenId: string }).tokenId}`,
        isMint: e.from === zero,
        isBurn: e.to === zero,
      };
    case "Sale":
      return {
        ...flat,
        token: `${refId(e.collection)}-${e.tokenId}`,
        exchange: "0x0000000000000068f116a894984e2db1123eb395",
        kind: "LISTING",
        bundleSize: 1,
        amount: "1",
      };
    case "PricePoint":
      return { ...flat, updatedAtSec: e.timestampSec };
    default:
      return flat;
  }
}

/** Builds the market as store fixture data (all blocks committed up to `subgraphHead`, default the last). */
export function marketFixture(options: MarketOptions & { subgraphHead?: number }): {
  fixture: FixtureData;
  counts: MarketCounts;
  saleFees: number;
} {
  const entities: FixtureData["entities"] = {};
  let saleFees = 0;
  const accounts = new Set<string>();
  const push = (type: string, version: FixtureData["entities"][string][number]) => {
    entities[type] = entities[type] ?? [];
    entities[type].push(version);
  };
  const collector = {
    put(field: string, block: number, entity: MockEntity) {
      const type = typeOf[field];
      // References resolve only to existing entities: every account named gets an Account.
      for (const key of ["minter", "buyer", "seller", "owner"]) {
        const id = refId(entity[key]);
        if (typeof id === "string" && !accounts.has(id)) {
          accounts.add(id);
          push("Account", { block, op: "set", data: { id, mintCount: "0", buyCount: "0", sellCount: "0" } });
        }
      }
      push(type, { block, op: "set", data: complete(type, entity, block) });
      if (type === "Sale") {
        for (const [i, fee] of ((entity.fees as Array<Record<string, string>>) ?? []).entries()) {
          push("SaleFee", {
            block,
            op: "set",
            data: {
              id: `${entity.id}${i.toString(16).padStart(4, "0")}`,
              sale: entity.id,
              kind: fee.kind,
              recipient: fee.recipient,
              amountWei: fee.amountWei,
              currency: zero,
            },
          });
          saleFees++;
        }
      }
    },
  } as unknown as SubgraphMock;
  const counts = seedMarket(collector, options);
  const startBlock = options.startBlock ?? 100;
  const startTime = options.startTime ?? 1_700_000_000;
  const hash = (n: number) => `0x${(0xb10c0000 + n).toString(16).padStart(64, "0")}`;
  const blocks = Array.from({ length: counts.lastBlock - startBlock + 1 }, (_, i) => {
    const number = startBlock + i;
    return { number, hash: hash(number), parentHash: hash(number - 1), timestamp: startTime + i * 12 };
  });
  return { fixture: { blocks, subgraphHead: options.subgraphHead ?? counts.lastBlock, entities }, counts, saleFees };
}
