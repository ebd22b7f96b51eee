/**
 * Subgraph store and GraphQL API: commit throughput (entity versions/s into the versioned SQLite
 * store) and query latency, in process and over HTTP (autocannon), on a synthetic NFT-like subgraph.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { buildApiModel, executeRequest, startGraphqlServer } from "../subgraph/runtime/graphql/index.ts";
import { openSqliteStore } from "../subgraph/runtime/store/index.ts";
import type { EntityChange } from "../subgraph/runtime/store/types.ts";
import { type Measurement, measure, report } from "./lib/measure.ts";

const schemaSdl = `
type Collection @entity { id: Bytes! name: String! tokens: [Token!]! @derivedFrom(field: "collection") }
type Token @entity { id: ID! collection: Collection! owner: Bytes! tokenId: BigInt! lastPriceWei: BigInt sales: [Sale!]! @derivedFrom(field: "token") }
type Sale @entity(immutable: true) { id: Bytes! token: Token! priceWei: BigInt! priceEth: BigDecimal! timestamp: Timestamp! }
`;

const BLOCKS = 200;
const SALES_PER_BLOCK = 100;
const TOKENS = 5000;
const hex = (n: number, bytes: number) => `0x${n.toString(16).padStart(bytes * 2, "0")}`;

const dir = mkdtempSync(join(tmpdir(), "hashfloor-bench-gql-"));
const store = openSqliteStore({ dir, name: "bench", schemaSdl, deploymentId: "QmBench" });
const rows: Measurement[] = [];
try {
  const batches = Array.from({ length: BLOCKS }, (_, b) => {
    const changes: EntityChange[] =
      b === 0
        ? Array.from({ length: 10 }, (_, c) => ({
            kind: "set",
            entityType: "Collection",
            id: hex(c + 1, 20),
            data: { name: `Collection ${c}` },
          }))
        : [];
    for (let i = 0; i < SALES_PER_BLOCK; i++) {
      const n = b * SALES_PER_BLOCK + i;
      const tokenId = (n * 7919) % TOKENS;
      const priceWei = BigInt(1 + ((n * 104729) % 100000)) * 10n ** 15n;
      changes.push({
        kind: "set",
        entityType: "Token",
        id: `t${tokenId}`,
        data: { collection: hex((tokenId % 10) + 1, 20), owner: hex(n % 997, 20), tokenId: BigInt(tokenId), lastPriceWei: priceWei },
      });
      changes.push({
        kind: "set",
        entityType: "Sale",
        id: hex(n + 1, 32),
        data: {
          token: `t${tokenId}`,
          priceWei,
          priceEth: `${priceWei / 10n ** 15n}e-3`,
          timestamp: BigInt(1_700_000_000 + b * 12) * 1_000_000n,
        },
      });
    }
    return { block: { number: b, hash: hex(b + 1, 32), parentHash: hex(b, 32), timestamp: 1_700_000_000 + b * 12 }, changes };
  });
  const versions = batches.reduce((sum, b) => sum + b.changes.length, 0);
  const commit = await measure("commit 200 blocks, 10 per batch", () => {
    for (let i = 0; i < batches.length; i += 10) store.commit(batches.slice(i, i + 10));
  });
  rows.push({ ...commit, extra: { "entity versions": versions, "versions/s": Math.round(versions / (commit.ms / 1000)) } });

  const model = buildApiModel(store.schema);
  const queries: Array<[string, string]> = [
    [
      "tokens first 1000 by price + collection",
      "{ tokens(first: 1000, orderBy: lastPriceWei, orderDirection: desc) { id lastPriceWei collection { name } } }",
    ],
    [
      "sales filtered, block 100, first 100",
      '{ sales(first: 100, block: { number: 100 }, where: { priceWei_gt: "50000000000000000000", token_: { tokenId_lt: "2500" } }, orderBy: timestamp) { id priceEth token { id owner } } }',
    ],
    ["collections with derived tokens (first 100)", "{ collections { name tokens(orderBy: tokenId) { id } } }"],
  ];
  for (const [label, query] of queries) {
    const REPEAT = 20;
    const m = await measure(
      `${label} (×${REPEAT})`,
      () => {
        for (let i = 0; i < REPEAT; i++) {
          const response = executeRequest({ store, model }, { query });
          if (response.errors) throw new Error(JSON.stringify(response.errors));
        }
      },
      { warmup: 1 },
    );
    rows.push({ ...m, extra: { "ms/query": (m.ms / REPEAT).toFixed(2) } });
  }
  report("subgraph store + GraphQL (in process)", rows);

  const server = await startGraphqlServer({ store, schemaSdl, name: "bench", deploymentId: "QmBench", port: 0 });
  try {
    const result = await autocannon({
      url: server.endpoint,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "{ tokens(first: 100, orderBy: lastPriceWei, orderDirection: desc) { id lastPriceWei owner collection { name } } }",
      }),
      connections: 10,
      duration: 5,
    });
    report("GraphQL over HTTP (autocannon, 10 connections, 5 s)", [
      {
        label: "POST tokens(first: 100) + collection",
        ms: result.latency.p50,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        extra: {
          "p50 ms": result.latency.p50,
          "p99 ms": result.latency.p99,
          "req/s": Math.round(result.requests.average),
          non2xx: result.non2xx,
        },
      },
    ]);
  } finally {
    await server.close();
  }
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
