import { describe, expect, it } from "vitest";
import { openWarehouse } from "../db.ts";
import { type RawToken, rankRarities, scoreCollection, traitCount } from "./openrarity.ts";

// Three tokens: bottom is common to all, hat "2" is unique. Hand-computed: H = −(2/3·log2 2/3 +
// 1/3·log2 1/3) = 0.918295834; IC(token 2) = log2 3, IC(tokens 0, 1) = log2 1.5.
const tokens: RawToken[] = [
  { tokenId: "0", attributes: { Bottom: "1", Hat: " 1 " } },
  { tokenId: "1", attributes: { bottom: "1", hat: "1" } },
  { tokenId: "2", attributes: { bottom: "1", hat: "2" } },
];
const golden = [
  { tokenId: "0", score: Math.log2(1.5) / 0.9182958340544896, rank: 2, unique: 0 },
  { tokenId: "1", score: Math.log2(1.5) / 0.9182958340544896, rank: 2, unique: 0 },
  { tokenId: "2", score: Math.log2(3) / 0.9182958340544896, rank: 1, unique: 1 },
];

describe("OpenRarity", () => {
  it("scores and ranks a small collection (TypeScript)", () => {
    const result = scoreCollection(tokens);
    expect(result.entropy).toBeCloseTo(0.9182958340544896, 14);
    for (const g of golden) {
      const t = result.tokens.find((x) => x.tokenId === g.tokenId);
      expect(t?.score).toBeCloseTo(g.score, 12);
      expect(t?.rank).toBe(g.rank);
      expect(t?.uniqueAttributeCount).toBe(g.unique);
    }
  });

  it("the SQL view gives the same rows", async () => {
    const warehouse = await openWarehouse({ path: ":memory:" });
    try {
      for (const t of tokens) {
        for (const [name, value] of Object.entries(t.attributes)) {
          await warehouse.run("INSERT INTO token_attributes VALUES ('0xc', $1, $2, $3)", [t.tokenId, name, value]);
        }
      }
      const rows = await warehouse.all<{
        token_id: string;
        score: number;
        rank: string;
        unique_attribute_count: string;
        trait_sum_score: number;
      }>("SELECT token_id, score, rank, unique_attribute_count, trait_sum_score FROM rarity_openrarity ORDER BY token_id");
      expect(rows.map((r) => [r.token_id, Number(r.rank), Number(r.unique_attribute_count)])).toEqual(
        golden.map((g) => [g.tokenId, g.rank, g.unique]),
      );
      for (const [i, r] of rows.entries()) expect(r.score).toBeCloseTo(golden[i].score, 12);
      // trait sum: bottom 1/1 + meta 1/1 + hat 3/2 (or 3/1 for the unique hat).
      expect(rows.map((r) => r.trait_sum_score)).toEqual([3.5, 3.5, 5]);
      const freq = await warehouse.all<{ trait_type: string; trait_value: string; token_count: string }>(
        "SELECT trait_type, trait_value, token_count FROM rarity_trait_frequencies WHERE trait_type = 'hat' ORDER BY trait_value",
      );
      expect(freq.map((f) => [f.trait_value, Number(f.token_count)])).toEqual([
        ["1", 2],
        ["2", 1],
      ]);
    } finally {
      warehouse.close();
    }
  });

  it("ranks ties like SQL RANK with math.isclose on the score only", () => {
    const { ranks } = rankRarities([
      { score: 1.5, uniqueAttributeCount: 1 },
      { score: 1.5, uniqueAttributeCount: 2 },
      { score: 0.2, uniqueAttributeCount: 3 },
      { score: 7, uniqueAttributeCount: 0 },
    ]);
    expect(ranks).toEqual([2, 2, 1, 4]);
  });

  it("trait_count leaves out 'none' and '' but counts numbers and 'null'", () => {
    expect(traitCount({ a: "x", b: "None ", c: "", d: 0, e: "null" })).toBe(3);
  });

  it("refuses numeric traits like OpenRarity's Scorer", () => {
    expect(() => scoreCollection([{ tokenId: 1, attributes: { level: 3 } }])).toThrow(/numeric or date traits/);
  });
});
