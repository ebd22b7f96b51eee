import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore, type QueryableStore } from "./index.ts";
import type { BlockInfo, EntityChange } from "./types.ts";

const schemaSdl = `
type Trade @entity(timeseries: true) {
  id: Int8!
  timestamp: Timestamp!
  collection: String!
  priceEth: BigDecimal!
  amountWei: BigInt!
}
type CollectionStats @aggregation(intervals: ["hour", "day"], source: "Trade") {
  id: Int8!
  timestamp: Timestamp!
  collection: String!
  volumeEth: BigDecimal! @aggregate(fn: "sum", arg: "priceEth")
  maxWei: BigInt! @aggregate(fn: "max", arg: "amountWei")
  minWei: BigInt! @aggregate(fn: "min", arg: "amountWei")
  firstEth: BigDecimal! @aggregate(fn: "first", arg: "priceEth")
  lastEth: BigDecimal! @aggregate(fn: "last", arg: "priceEth")
  trades: Int8! @aggregate(fn: "count")
}
`;

const block = (n: number, seconds: number): BlockInfo => ({
  number: n,
  hash: `0x${(n + 1).toString(16).padStart(64, "0")}`,
  parentHash: `0x${n.toString(16).padStart(64, "0")}`,
  timestamp: seconds,
});
let nextId = 1;
const trade = (seconds: number, collection: string, priceEth: string, amountWei: bigint): EntityChange => {
  const id = String(nextId++);
  return { kind: "set", entityType: "Trade", id, data: { timestamp: BigInt(seconds) * 1_000_000n, collection, priceEth, amountWei } };
};

let dir: string;
let store: QueryableStore;
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("@aggregation rollups", () => {
  it("rolls finished buckets up per dimension when a block enters a new bucket, and reverts them", () => {
    dir = mkdtempSync(join(tmpdir(), "hashfloor-agg-"));
    store = openSqliteStore({ dir, name: "agg", schemaSdl, deploymentId: "QmAgg" });
    store.commit([
      { block: block(1, 100), changes: [trade(100, "cats", "1.5", 5n), trade(100, "apes", "10", 7n)] },
      { block: block(2, 200), changes: [trade(200, "cats", "0.25", 9n), trade(200, "cats", "2", 1n)] },
      { block: block(3, 3700), changes: [trade(3700, "cats", "4", 4n)] },
    ]);
    const hourly = () =>
      store
        .query({ typeName: "CollectionStats:hour", block: 10, first: 10, skip: 0, orderBy: { field: "collection" } })
        .map((e) => e.entity);
    expect(hourly()).toEqual([
      { id: 2n, timestamp: 0n, collection: "apes", volumeEth: "10", maxWei: 7n, minWei: 7n, firstEth: "10", lastEth: "10", trades: 1n },
      { id: 4n, timestamp: 0n, collection: "cats", volumeEth: "3.75", maxWei: 9n, minWei: 1n, firstEth: "1.5", lastEth: "2", trades: 3n },
    ]);
    // The day bucket is still open, and the rollup is visible only from the block that made it.
    expect(store.query({ typeName: "CollectionStats:day", block: 10, first: 10, skip: 0 })).toEqual([]);
    expect(store.query({ typeName: "CollectionStats:hour", block: 2, first: 10, skip: 0 })).toEqual([]);
    store.revertTo({ number: 2, hash: block(2, 200).hash });
    expect(hourly()).toEqual([]);
  });
});
