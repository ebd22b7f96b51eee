import { describe, expect, it } from "vitest";
import { IdFilter } from "./id-filter.ts";

describe("IdFilter", () => {
  it("never forgets an id it was given, across growth, and rules out most others", () => {
    const filter = new IdFilter(0);
    const ids = Array.from({ length: 20_000 }, (_, i) => `0x${i.toString(16).padStart(64, "0")}01000000`);
    for (const id of ids) filter.add(id);
    expect(ids.every((id) => filter.mayHold(id))).toBe(true);
    const strangers = Array.from({ length: 20_000 }, (_, i) => `0x${(i + 1_000_000).toString(16).padStart(64, "0")}01000000`);
    const falsePositives = strangers.filter((id) => filter.mayHold(id)).length;
    // Grown from 1,024 slots in four-fold steps: a few percent at most, never most of them.
    expect(falsePositives / strangers.length).toBeLessThan(0.05);
  });
});
