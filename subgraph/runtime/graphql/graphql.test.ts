import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStore, type QueryableStore } from "../store/index.ts";
import type { BlockInfo, EntityChange } from "../store/types.ts";
import { executeRequest, startGraphqlServer, writeApiSchema } from "./index.ts";
import { buildApiModel } from "./model.ts";

const schemaSdl = `
enum Kind { Mint Sale }
type Collection @entity {
  id: Bytes!
  name: String!
  tokens: [Token!]! @derivedFrom(field: "collection")
}
type Token @entity {
  id: ID!
  collection: Collection!
  tokenId: BigInt!
  priceEth: BigDecimal
  kind: Kind!
  listed: Boolean!
  traits: [String!]!
  updatedAt: Timestamp!
  rank: Int8
  count: Int
}
`;

const hash = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;
const block = (n: number): BlockInfo => ({ number: n, hash: hash(n + 100), parentHash: hash(n + 99), timestamp: 1_700_000_000 + n * 12 });
const c1 = "0x00000000000000000000000000000000000000c1";
const c2 = "0x00000000000000000000000000000000000000c2";
const token = (
  id: string,
  collection: string,
  tokenId: bigint,
  priceEth: string | null,
  kind: string,
  listed: boolean,
  traits: string[],
  count: number,
): EntityChange => ({
  kind: "set",
  entityType: "Token",
  id,
  data: { collection, tokenId, priceEth, kind, listed, traits, updatedAt: 1_700_000_000_000_000n + tokenId, rank: tokenId * 2n, count },
});

let dir: string;
let store: QueryableStore;
const model = () => buildApiModel(store.schema);
const run = (query: string, variables?: Record<string, unknown>) => executeRequest({ store, model: model() }, { query, variables });
const ids = (query: string) => (run(query).data?.tokens as Array<{ id: string }> | undefined)?.map((t) => t.id);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hashfloor-gql-"));
  store = openSqliteStore({ dir, name: "test", schemaSdl, deploymentId: "QmLocal" });
  store.commit([
    {
      block: block(1),
      changes: [
        { kind: "set", entityType: "Collection", id: c1, data: { name: "Cool Cats" } },
        { kind: "set", entityType: "Collection", id: c2, data: { name: "Bored Apes" } },
        token("a", c1, 1n, "0.5", "Mint", true, ["hat", "Blue"], 3),
        token("b", c1, 20n, "12.25", "Sale", false, ["hat"], 1),
        token("c", c2, 300n, null, "Sale", true, [], 2),
      ],
    },
    { block: block(2), changes: [token("d", c2, 4000n, "-1", "Mint", false, ["red"], 5)] },
    { block: block(3), changes: [token("a", c1, 1n, "7", "Sale", true, ["hat", "Blue"], 3)] },
  ]);
});

afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("where filters", () => {
  it.each([
    ['id: "b"', ["b"]],
    ['id_not: "b"', ["a", "c", "d"]],
    ['tokenId_gt: "20"', ["c", "d"]],
    ['tokenId_gte: "20"', ["b", "c", "d"]],
    ['tokenId_lt: "300"', ["a", "b"]],
    ['tokenId_lte: "300"', ["a", "b", "c"]],
    ['tokenId_in: ["1", "4000"]', ["a", "d"]],
    ['tokenId_not_in: ["1", "4000"]', ["b", "c"]],
    ['priceEth_gt: "6.99"', ["a", "b"]],
    ["priceEth: null", ["c"]],
    ["kind: Mint", ["d"]],
    ["kind_in: [Mint, Sale]", ["a", "b", "c", "d"]],
    ["listed: false", ["b", "d"]],
    ['rank_gte: "600"', ["c", "d"]],
    ["count_lt: 3", ["b", "c"]],
    ['updatedAt_gt: "1700000000000300"', ["d"]],
    ['collection: "0x00000000000000000000000000000000000000C1"', ["a", "b"]],
    ['collection_: { name_starts_with: "Bored" }', ["c", "d"]],
    ['collection_: { name_contains_nocase: "cool" }', ["a", "b"]],
    ['collection_: { name_not_ends_with: "Apes" }', ["a", "b"]],
    ['collection_: { name_ends_with_nocase: "APES" }', ["c", "d"]],
    ['collection_: { name_not_contains: "Cats" }', ["c", "d"]],
    ['collection_: { name_not_starts_with_nocase: "bored" }', ["a", "b"]],
    ['traits: ["hat"]', ["b"]],
    ['traits_contains: ["hat"]', ["a", "b"]],
    ['traits_not_contains: ["hat"]', ["c", "d"]],
    ['traits_contains_nocase: ["BLUE", "RED"]', ["a", "d"]],
    ['or: [{ tokenId: "1" }, { kind: Mint }]', ["a", "d"]],
    ["and: [{ listed: true }, { kind: Sale }]", ["a", "c"]],
  ])("%s", (where, expected) => {
    expect(ids(`{ tokens(where: { ${where} }) { id } }`)).toEqual(expected);
  });

  it("filters a parent by its derived children and Bytes by substring", () => {
    const data = run(
      '{ collections(where: { tokens_: { tokenId_gt: "1000" } }) { name } all: collections(where: { id_contains: "00c1" }) { name } }',
    ).data;
    expect(data).toEqual({ collections: [{ name: "Bored Apes" }], all: [{ name: "Cool Cats" }] });
  });
});

describe("ordering, paging and blocks", () => {
  it("orders by BigInt, BigDecimal (nulls last when ascending) and a child field, then pages", () => {
    expect(ids("{ tokens(orderBy: tokenId, orderDirection: desc) { id } }")).toEqual(["d", "c", "b", "a"]);
    expect(ids("{ tokens(orderBy: priceEth) { id } }")).toEqual(["d", "a", "b", "c"]);
    expect(ids("{ tokens(orderBy: collection__name, orderDirection: asc) { id } }")).toEqual(["c", "d", "a", "b"]);
    expect(ids("{ tokens(first: 2, skip: 1, orderBy: id) { id } }")).toEqual(["b", "c"]);
  });

  it("reads the state at a past block, by number or hash", () => {
    expect(run('{ token(id: "a", block: { number: 2 }) { kind priceEth } }').data).toEqual({ token: { kind: "Mint", priceEth: "0.5" } });
    expect(ids(`{ tokens(block: { hash: "${hash(101)}" }) { id } }`)).toEqual(["a", "b", "c"]);
    expect(run("{ tokens(block: { number_gte: 9 }) { id } }").errors?.[0].message).toContain(
      "has only indexed up to block number 3 and data for block number 9",
    );
  });

  it("serialises scalars like graph-node and resolves references and derived lists", () => {
    const data = run(
      '{ token(id: "d") { tokenId priceEth rank updatedAt count listed traits collection { id name tokens(orderBy: tokenId) { id } } } }',
    ).data;
    expect(data).toEqual({
      token: {
        tokenId: "4000",
        priceEth: "-1",
        rank: "8000",
        updatedAt: "1700000000004000",
        count: 5,
        listed: false,
        traits: ["red"],
        collection: { id: c2, name: "Bored Apes", tokens: [{ id: "c" }, { id: "d" }] },
      },
    });
  });

  it("pages derived lists per parent when resolving many parents at once", () => {
    const data = run("{ collections { tokens(first: 1, skip: 1, orderBy: tokenId, orderDirection: desc) { id } } }").data;
    expect(data).toEqual({ collections: [{ tokens: [{ id: "a" }] }, { tokens: [{ id: "c" }] }] });
    const filtered = run("{ collections { tokens(where: { kind: Mint }) { id } } }").data;
    expect(filtered).toEqual({ collections: [{ tokens: [] }, { tokens: [{ id: "d" }] }] });
  });

  it("normalises Bytes ids in singular lookups and rejects ids that cannot be one", () => {
    expect(run(`{ collection(id: "${c1.toUpperCase().replace("0X", "0x")}") { name } }`).data).toEqual({
      collection: { name: "Cool Cats" },
    });
    expect(run('{ collection(id: "not-hex") { name } }').errors?.[0].message).toContain("Invalid value provided for argument `id`");
  });

  it("answers _meta with the head block", () => {
    expect(run("{ _meta { deployment hasIndexingErrors block { number hash timestamp } } }").data).toEqual({
      _meta: { deployment: "QmLocal", hasIndexingErrors: false, block: { number: 3, hash: hash(103), timestamp: 1_700_000_036 } },
    });
  });
});

describe("errors", () => {
  it.each([
    ["{ tokens(first: 5000) { id } }", "The `first` argument must be between 0 and 1000, but is 5000"],
    ["{ tokens(first: 0) { id } }", "The `first` argument must be between 0 and 1000, but is 0"],
    ["{ tokens { id nope } }", "Type `Token` has no field `nope`"],
    ["{ nothing { id } }", "Type `Query` has no field `nothing`"],
    ['{ tokens(where: { tokenId_gt: "abc" }) { id } }', "Invalid value provided for argument `where`"],
    ["{ tokens(where: { nope: 1 }) { id } }", "Invalid value provided for argument `where`"],
    ["{ tokens(where: { kind: Mint, or: [{ listed: true }] }) { id } }", "Cannot mix column filters with 'or' operator"],
    ["{ tokens(orderBy: nope) { id } }", "Invalid value provided for argument `orderBy`"],
    ["{ tokens { id ", "Expected Name, found <EOF>"],
    ["query A { tokens { id } } query B { tokens { id } }", "Operation name required"],
    ["query($w: Token_filter!) { tokens(where: $w) { id } }", "No value provided for required variable `w`"],
    ["fragment A on Query { ...B } fragment B on Query { ...A } { ...A }", "query has fragment cycle including `A`"],
    ["{ ...Missing }", "fragment `Missing` is not defined"],
    ["mutation { tokens { id } }", "Not supported: mutations"],
  ])("%s", (query, message) => {
    const response = run(query);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0].message).toContain(message);
  });
});

describe("indexing errors", () => {
  it("hides data behind indexing_error unless subgraphError: allow, but still answers _meta alone", () => {
    const failedDir = mkdtempSync(join(tmpdir(), "hashfloor-gql-failed-"));
    const failed = openSqliteStore({ dir: failedDir, name: "failed", schemaSdl, deploymentId: "QmFailed" });
    try {
      failed.commit([{ block: block(1), changes: [token("a", c1, 1n, "1", "Mint", true, [], 1)] }]);
      failed.setFatalError("Mapping aborted", { number: 2, hash: hash(102) });
      const exec = (query: string) => executeRequest({ store: failed, model: buildApiModel(failed.schema) }, { query });
      expect(exec('{ token(id: "a") { id } }')).toEqual({ errors: [{ message: "indexing_error" }] });
      expect(exec('{ token(id: "a", subgraphError: allow) { id } }')).toEqual({
        data: { token: { id: "a" } },
        errors: [{ message: "indexing_error" }],
      });
      expect(exec("{ _meta { hasIndexingErrors } }")).toEqual({ data: { _meta: { hasIndexingErrors: true } } });
    } finally {
      failed.close();
      rmSync(failedDir, { recursive: true, force: true });
    }
  });
});

describe("before the first block", () => {
  it("says the subgraph has not started syncing", () => {
    const emptyDir = mkdtempSync(join(tmpdir(), "hashfloor-gql-empty-"));
    const empty = openSqliteStore({ dir: emptyDir, name: "empty", schemaSdl, deploymentId: "QmEmpty" });
    try {
      const response = executeRequest({ store: empty, model: buildApiModel(empty.schema) }, { query: "{ tokens { id } }" });
      expect(response).toEqual({ errors: [{ message: "Subgraph `QmEmpty` has not started syncing yet" }] });
    } finally {
      empty.close();
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });
});

describe("HTTP server and API schema", () => {
  it("serves POST and GET at the name and id paths, 404 elsewhere, 400 for a body that is not JSON", async () => {
    const server = await startGraphqlServer({ store, schemaSdl, name: "hashfloor", deploymentId: "QmLocal", port: 0 });
    try {
      const post = await fetch(server.endpoint, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ tokens(first: 1) { id } }" }),
      });
      expect(await post.json()).toEqual({ data: { tokens: [{ id: "a" }] } });
      const get = await fetch(`${server.url}/subgraphs/id/QmLocal?query=${encodeURIComponent("{ _meta { deployment } }")}`);
      expect(await get.json()).toEqual({ data: { _meta: { deployment: "QmLocal" } } });
      const suffixed = await fetch(`${server.endpoint}/graphql?query=${encodeURIComponent("{ tokens(first: 1) { id } }")}`);
      expect(await suffixed.json()).toEqual({ data: { tokens: [{ id: "a" }] } });
      expect((await fetch(`${server.url}/subgraphs/name/other`, { method: "POST", body: "{}" })).status).toBe(404);
      const bad = await fetch(server.endpoint, { method: "POST", body: "{not json" });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { errors: unknown[] }).errors).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("answers introspection and writes an API SDL that graphql-js can build", () => {
    const file = join(dir, "api.graphql");
    writeApiSchema({ schemaSdl, file });
    const api = buildSchema(readFileSync(file, "utf8"));
    expect(Object.keys(api.getQueryType()?.getFields() ?? {})).toEqual(["collection", "collections", "token", "tokens", "_meta"]);
    expect(Object.keys((api.getType("Token_filter") as import("graphql").GraphQLInputObjectType).getFields())).toContain("collection_");
    expect(run('{ __type(name: "Token") { name } }').data).toEqual({ __type: { name: "Token" } });
  });
});
