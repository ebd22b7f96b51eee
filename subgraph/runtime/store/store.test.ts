import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore, type QueryableStore, StoreOpenError, StoreWriteError } from "./index.ts";
import type { BlockInfo, EntityChange } from "./types.ts";

const schemaSdl = `
type Account @entity {
  id: Bytes!
  tokens: [Token!]! @derivedFrom(field: "owner")
}
type Token @entity {
  id: ID!
  owner: Account!
  priceWei: BigInt
  priceEth: BigDecimal
  tags: [String!]
  mintedAt: Timestamp
  score: Int8
}
type Sale @entity(immutable: true) {
  id: Bytes!
  token: Token!
  amountWei: BigInt!
}
`;

const alice = "0x00000000000000000000000000000000000000a1";
const bob = "0x00000000000000000000000000000000000000b0";

function block(n: number): BlockInfo {
  const hash = (k: number) => `0x${k.toString(16).padStart(64, "0")}`;
  return { number: n, hash: hash(n + 1000), parentHash: hash(n + 999), timestamp: 1_700_000_000 + n * 12 };
}

const setToken = (id: string, owner: string, priceWei: bigint): EntityChange => ({
  kind: "set",
  entityType: "Token",
  id,
  data: { id, owner, priceWei, priceEth: "1.50", tags: ["a", "b"], mintedAt: 1_700_000_000_000_000n, score: 2n ** 60n },
});

let dirs: string[] = [];
let stores: QueryableStore[] = [];
afterEach(() => {
  for (const s of stores) s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
  stores = [];
});

function open(dir = mkdtempSync(join(tmpdir(), "hashfloor-store-")), sdl = schemaSdl): QueryableStore {
  if (!dirs.includes(dir)) dirs.push(dir);
  const store = openSqliteStore({ dir, name: "test", schemaSdl: sdl, deploymentId: "QmTest" });
  stores.push(store);
  return store;
}

const ids = (store: QueryableStore, typeName: string, at: number) =>
  store.query({ typeName, block: at, first: 100, skip: 0 }).map((e) => e.entity.id);

describe("openSqliteStore", () => {
  it("keeps a version per block so past blocks can be read, and get() sees the latest", () => {
    const store = open();
    store.commit([
      { block: block(1), changes: [{ kind: "set", entityType: "Account", id: alice, data: { id: alice } }, setToken("t1", alice, 10n)] },
      { block: block(2), changes: [] },
      { block: block(3), changes: [setToken("t1", bob, 20n)] },
      { block: block(4), changes: [{ kind: "remove", entityType: "Token", id: "t1" }] },
    ]);
    const at = (n: number) => store.query({ typeName: "Token", block: n, first: 10, skip: 0 })[0]?.entity ?? null;
    expect(at(0)).toBeNull();
    expect(at(2)).toMatchObject({ owner: alice, priceWei: 10n, priceEth: "1.5", tags: ["a", "b"], score: 2n ** 60n });
    expect(at(3)).toMatchObject({ owner: bob, priceWei: 20n });
    expect(at(4)).toBeNull();
    expect(store.get("Token", "t1")).toBeNull();
    expect(store.cursor()).toEqual({ number: 4, hash: block(4).hash });
    expect(store.blockHash(3)).toBe(block(3).hash);
  });

  it("replaces a version written twice in the same block", () => {
    const store = open();
    store.commit([{ block: block(1), changes: [setToken("t1", alice, 1n), setToken("t1", alice, 2n)] }]);
    expect(store.query({ typeName: "Token", block: 1, first: 10, skip: 0 }).map((e) => e.entity.priceWei)).toEqual([2n]);
  });

  it("refuses to rewrite an immutable entity in a later block, but allows it within its block", () => {
    const store = open();
    const sale = (amountWei: bigint): EntityChange => ({ kind: "set", entityType: "Sale", id: "0x01", data: { token: "t1", amountWei } });
    store.commit([{ block: block(1), changes: [sale(1n), sale(2n)] }]);
    expect(store.get("Sale", "0x01")).toMatchObject({ amountWei: 2n });
    expect(() => store.commit([{ block: block(2), changes: [sale(3n)] }])).toThrow(StoreWriteError);
    expect(store.get("Sale", "0x01")).toMatchObject({ amountWei: 2n });
  });

  it("ignores later writes to an immutable entity declared with skipDuplicates", () => {
    const store = open(undefined, schemaSdl.replace("@entity(immutable: true)", "@entity(immutable: true, skipDuplicates: true)"));
    const sale = (amountWei: bigint): EntityChange => ({ kind: "set", entityType: "Sale", id: "0x01", data: { token: "t1", amountWei } });
    store.commit([{ block: block(1), changes: [sale(1n)] }]);
    store.commit([{ block: block(2), changes: [sale(5n)] }]);
    expect(store.get("Sale", "0x01")).toMatchObject({ amountWei: 1n });
  });

  it("commits atomically: a batch that throws leaves no entity, block or cursor behind", () => {
    const store = open();
    store.commit([{ block: block(1), changes: [setToken("t0", alice, 1n)] }]);
    const bad: EntityChange = { kind: "set", entityType: "Nope", id: "x", data: {} };
    expect(() =>
      store.commit([
        { block: block(2), changes: [setToken("t1", alice, 5n)] },
        { block: block(3), changes: [setToken("t2", alice, 6n), bad] },
      ]),
    ).toThrow(StoreWriteError);
    expect(store.cursor()?.number).toBe(1);
    expect(store.get("Token", "t1")).toBeNull();
    expect(store.get("Token", "t2")).toBeNull();
    expect(store.blockByNumber(2)).toBeNull();
    expect(ids(store, "Token", 1)).toEqual(["t0"]);
  });

  it("rejects blocks that do not follow the cursor", () => {
    const store = open();
    store.commit([{ block: block(5), changes: [] }]);
    expect(() => store.commit([{ block: block(5), changes: [] }])).toThrow(/does not follow the cursor/);
  });

  it("reverts every change after a block and moves the cursor back", () => {
    const store = open();
    store.commit([
      { block: block(1), changes: [setToken("t1", alice, 1n)] },
      { block: block(2), changes: [setToken("t1", bob, 2n), setToken("t2", bob, 3n)] },
      { block: block(3), changes: [{ kind: "remove", entityType: "Token", id: "t1" }] },
    ]);
    store.revertTo({ number: 1, hash: block(1).hash });
    expect(store.cursor()).toEqual({ number: 1, hash: block(1).hash });
    expect(store.get("Token", "t1")).toMatchObject({ owner: alice, priceWei: 1n });
    expect(store.get("Token", "t2")).toBeNull();
    expect(store.blockHash(2)).toBeNull();
    store.commit([{ block: block(2), changes: [setToken("t3", alice, 9n)] }]);
    expect(ids(store, "Token", 2)).toEqual(["t1", "t3"]);
    expect(() => store.revertTo({ number: 5, hash: block(5).hash })).toThrow(StoreWriteError);
    store.revertTo({ number: -1, hash: "0x" });
    expect(store.cursor()).toBeNull();
    expect(ids(store, "Token", 2)).toEqual([]);
  });

  it("answers getDerived from the latest versions", () => {
    const store = open();
    store.commit([{ block: block(1), changes: [setToken("t1", alice, 1n), setToken("t2", bob, 1n), setToken("t3", alice, 1n)] }]);
    store.commit([{ block: block(2), changes: [setToken("t3", bob, 1n)] }]);
    expect(store.getDerived("Token", "owner", alice).map((e) => e.id)).toEqual(["t1"]);
    expect(store.getDerived("Token", "owner", bob).map((e) => e.id)).toEqual(["t2", "t3"]);
  });

  it("persists entities, cursor and the fatal error across reopening", () => {
    const dir = mkdtempSync(join(tmpdir(), "hashfloor-store-"));
    const first = open(dir);
    first.commit([{ block: block(7), changes: [setToken("t1", alice, 123n)] }]);
    first.setFatalError("Mapping aborted at x.ts", { number: 8, hash: block(8).hash });
    first.close();
    stores = stores.filter((s) => s !== first);
    const again = open(dir);
    expect(again.cursor()?.number).toBe(7);
    expect(again.get("Token", "t1")).toMatchObject({ priceWei: 123n });
    expect(again.fatalError()).toEqual({ message: "Mapping aborted at x.ts", block: { number: 8, hash: block(8).hash } });
  });

  it("refuses to open a store created from another schema", () => {
    const dir = mkdtempSync(join(tmpdir(), "hashfloor-store-"));
    open(dir).close();
    stores = [];
    expect(() => open(dir, `${schemaSdl}\ntype Extra @entity { id: ID! }`)).toThrow(StoreOpenError);
  });

  it("orders BigInt and BigDecimal numerically, negatives and long values included", () => {
    const store = open();
    const prices = [5n, -3n, 10n ** 30n, 0n, -(10n ** 25n), 42n];
    store.commit([
      {
        block: block(1),
        changes: prices.map((p, i) => ({ ...setToken(`t${i}`, alice, p), data: { owner: alice, priceWei: p, priceEth: `${p}.25` } })),
      },
    ]);
    const sorted = (field: string) =>
      store.query({ typeName: "Token", block: 1, first: 10, skip: 0, orderBy: { field } }).map((e) => e.entity[field]);
    expect(sorted("priceWei")).toEqual([...prices].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(sorted("priceEth")).toEqual([
      "-10000000000000000000000000.25",
      "-3.25",
      "0.25",
      "5.25",
      "42.25",
      "1000000000000000000000000000000.25",
    ]);
  });
});
