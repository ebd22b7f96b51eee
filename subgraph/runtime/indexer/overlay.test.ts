import { describe, expect, it } from "vitest";
import type { Entity, EntityChange } from "../store/types.ts";
import { PendingOverlay } from "./overlay.ts";

/** A store whose durable state the test moves forward by hand, as the writer thread would. */
function fakeStore() {
  const durable = new Map<string, Entity>();
  let reads = 0;
  return {
    durable,
    reads: () => reads,
    get: (_type: string, id: string) => {
      reads++;
      return durable.get(id) ?? null;
    },
    getDerived: (_type: string, field: string, id: string) => [...durable.values()].filter((e) => e[field] === id),
  };
}
const owns = (id: string, owner: string): EntityChange => ({ kind: "set", entityType: "Token", id, data: { id, owner } });
const ids = (entities: Entity[]) => entities.map((e) => e.id).sort();

describe("PendingOverlay", () => {
  it("keeps a queued batch visible until durable, and the next batch pending after it settles", () => {
    const store = fakeStore();
    store.durable.set("t0", { id: "t0", owner: "alice" });
    const overlay = new PendingOverlay(store);
    overlay.apply([owns("t0", "bob"), owns("t1", "bob")]);
    overlay.queue();
    // Batch 2 runs while batch 1 commits: the store still shows t0 with alice.
    expect(ids(overlay.getDerived("Token", "owner", "alice"))).toEqual([]);
    expect(ids(overlay.getDerived("Token", "owner", "bob"))).toEqual(["t0", "t1"]);
    overlay.apply([owns("t2", "bob")]);
    // Batch 1 is durable; batch 2 is not yet handed over.
    store.durable.set("t0", { id: "t0", owner: "bob" });
    store.durable.set("t1", { id: "t1", owner: "bob" });
    overlay.settled();
    expect(ids(overlay.getDerived("Token", "owner", "bob"))).toEqual(["t0", "t1", "t2"]);
    expect(overlay.get("Token", "t2")).toEqual({ id: "t2", owner: "bob" });
  });

  it("answers settled entities from its cache, and a removal as null, without reading the store", () => {
    const store = fakeStore();
    const overlay = new PendingOverlay(store);
    overlay.apply([owns("t1", "carol"), { kind: "remove", entityType: "Token", id: "t9" }]);
    overlay.queue();
    overlay.settled();
    expect(overlay.get("Token", "t1")).toEqual({ id: "t1", owner: "carol" });
    expect(overlay.get("Token", "t9")).toBeNull();
    expect(store.reads()).toBe(0);
    overlay.clear();
    expect(overlay.get("Token", "t1")).toBeNull();
    expect(store.reads()).toBe(1);
  });
});
