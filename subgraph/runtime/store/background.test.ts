import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore, type QueryableStore, StoreWriteError } from "./index.ts";
import type { BlockInfo, EntityChange } from "./types.ts";

const schemaSdl = `
type Token @entity { id: ID! owner: Bytes! transfers: Int! }
type Sale @entity(immutable: true) { id: Bytes! token: Token! }
`;
const owner = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
const block = (n: number): BlockInfo => ({
  number: n,
  hash: `0x${(n + 1000).toString(16).padStart(64, "0")}`,
  parentHash: `0x${(n + 999).toString(16).padStart(64, "0")}`,
  timestamp: 1_700_000_000 + n * 12,
});
const token = (id: string, n: number): EntityChange => ({
  kind: "set",
  entityType: "Token",
  id,
  data: { id, owner: owner(n), transfers: n },
});
const sale = (n: number): EntityChange => {
  const id = `0x${n.toString(16).padStart(8, "0")}`;
  return { kind: "set", entityType: "Sale", id, data: { id, token: "t1" } };
};

let dirs: string[] = [];
let stores: QueryableStore[] = [];
afterEach(() => {
  for (const s of stores) s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
  stores = [];
});
function open(): QueryableStore {
  const dir = mkdtempSync(join(tmpdir(), "hashfloor-bg-"));
  dirs.push(dir);
  const store = openSqliteStore({ dir, name: "bg", schemaSdl, deploymentId: "QmBg" });
  stores.push(store);
  return store;
}

describe("commitInBackground", () => {
  it("stores what a synchronous commit stores, versions included, and refuses other writes while in flight", async () => {
    const sync = open();
    const background = open();
    const batches = [1, 2, 3].map((b) =>
      [1, 2].map((i) => {
        const n = (b - 1) * 2 + i;
        return { block: block(n), changes: [token("t1", n), token(`t${n + 1}`, n), sale(n)] };
      }),
    );
    for (const batch of batches) sync.commit(batch);
    const pending = background.commitInBackground(batches[0]);
    expect(() => background.commit(batches[1])).toThrow(/background commit is still in flight/);
    await pending;
    await Promise.all([background.commitInBackground(batches[1]), background.commitInBackground(batches[2])]);
    expect(background.cursor()).toEqual(sync.cursor());
    for (const at of [1, 3, 6])
      for (const typeName of ["Token", "Sale"])
        expect(background.query({ typeName, block: at, first: 100, skip: 0 })).toEqual(
          sync.query({ typeName, block: at, first: 100, skip: 0 }),
        );
    expect(background.get("Token", "t1")).toEqual({ id: "t1", owner: owner(6), transfers: 6 });
  });

  it("answers get() of immutable entities from every commit path, including ids written after the id filter was built", async () => {
    const store = open();
    store.commit([{ block: block(1), changes: [sale(1)] }]);
    expect(store.get("Sale", "0x00000002")).toBeNull(); // builds the filter from the table
    expect(store.get("Sale", "0x00000001")).toEqual({ id: "0x00000001", token: "t1" });
    store.commit([{ block: block(2), changes: [sale(2)] }]);
    await store.commitInBackground([{ block: block(3), changes: [sale(3)] }]);
    for (const n of [1, 2, 3]) expect(store.get("Sale", `0x0000000${n}`)?.id).toBe(`0x0000000${n}`);
    expect(store.get("Sale", "0x00000004")).toBeNull();
    // Upper-case hex is the same Bytes id.
    expect(store.get("Sale", "0x0000000A")).toBeNull();
    await store.commitInBackground([{ block: block(4), changes: [sale(10)] }]);
    expect(store.get("Sale", "0x0000000A")?.id).toBe("0x0000000a");
  });

  it("rejects a batch that breaks a store rule with StoreWriteError and keeps none of it", async () => {
    const store = open();
    await store.commitInBackground([{ block: block(1), changes: [sale(1), token("t1", 1)] }]);
    const bad = store.commitInBackground([{ block: block(2), changes: [token("t1", 2), sale(1)] }]);
    await expect(bad).rejects.toBeInstanceOf(StoreWriteError);
    await expect(bad).rejects.toThrow(
      /Sale\[0x00000001\] is immutable; inserting it at block 2 is not possible as it was already inserted at block 1/,
    );
    expect(store.cursor()?.number).toBe(1);
    expect(store.get("Token", "t1")).toEqual({ id: "t1", owner: owner(1), transfers: 1 });
    // The store stays usable after the failed batch.
    await store.commitInBackground([{ block: block(2), changes: [token("t1", 2)] }]);
    expect(store.get("Token", "t1")?.transfers).toBe(2);
  });
});
