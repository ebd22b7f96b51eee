import { describe, expect, it } from "vitest";
import type { Warehouse } from "../../analytics/db.ts";
import { shareWarehouse } from "./shared-warehouse.ts";

function fakeWarehouse(log: string[]): Warehouse {
  const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
  return {
    path: ":memory:",
    readOnly: false,
    connection: undefined as never,
    all: async (sql) => {
      log.push(`start ${sql}`);
      await delay(20);
      log.push(`end ${sql}`);
      return [];
    },
    run: async () => {},
    transaction: async (work) => work(),
    close: () => {},
  };
}

describe("shareWarehouse", () => {
  it("never runs a read inside a sync pass, and a pass waits for running reads", async () => {
    const log: string[] = [];
    const shared = shareWarehouse(fakeWarehouse(log));
    const r1 = shared.reader.all("r1");
    const sync = shared.exclusive(async (w) => {
      log.push("sync start");
      await w.all("s");
      log.push("sync end");
    });
    await new Promise((r) => setTimeout(r, 1));
    const r2 = shared.reader.all("r2");
    await Promise.all([r1, sync, r2]);
    expect(log).toEqual(["start r1", "end r1", "sync start", "start s", "end s", "sync end", "start r2", "end r2"]);
  });
});
