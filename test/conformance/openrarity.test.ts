/**
 * OpenRarity's own tests (../shared/conformance/openrarity, 33 cases) against analytics/rarity:
 * scores and entropy to 1e-12 relative, ranks, rank order, unique-trait counts and counts exact.
 * The score_and_rank collections are also loaded into a warehouse and checked through the SQL view
 * `rarity_openrarity`, so the numbers the dashboard shows are the ones checked here.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWarehouse, type Warehouse } from "../../analytics/db.ts";
import {
  attributeScores,
  buildCollection,
  type RawToken,
  rankRarities,
  scoreCollection,
  traitCount,
} from "../../analytics/rarity/openrarity.ts";

const suiteDir = join(import.meta.dirname, "..", "..", "..", "shared", "conformance", "openrarity");
const present = existsSync(join(suiteDir, "cases.json"));
if (!present) console.log(`openrarity conformance: ${suiteDir} is absent; skipping`);

// biome-ignore lint/suspicious/noExplicitAny: the suite's JSON has a schema per case kind
type Json = any;

const cases: Json[] = present ? JSON.parse(readFileSync(join(suiteDir, "cases.json"), "utf8")) : [];
const readJson = (file: string): Json => JSON.parse(readFileSync(join(suiteDir, file), "utf8"));

function tokensOf(testCase: Json): RawToken[] {
  const collection = testCase.collection;
  if (!collection) return [];
  const raw: Json[] = collection.tokens_file ? readJson(collection.tokens_file).tokens : collection.tokens;
  return raw.map((t) => ({ tokenId: t.token_id, attributes: t.attributes ?? {}, tokenStandard: t.token_standard }));
}

function expectClose(actual: number, expected: number, what: string) {
  const scale = Math.max(Math.abs(actual), Math.abs(expected));
  const ok = scale === 0 || Math.abs(actual - expected) <= 1e-12 * scale;
  expect(ok, `${what}: ${actual} vs ${expected}`).toBe(true);
}

function countsToObject(model: ReturnType<typeof buildCollection>) {
  const counts: Record<string, Record<string, number>> = {};
  for (const [name, values] of model.counts) counts[name] = Object.fromEntries(values);
  return { counts, nullCounts: Object.fromEntries(model.nullCounts) };
}

function checkScored(testCase: Json, tokens: RawToken[], ignoreNumeric = false) {
  const expected = testCase.expected;
  const result = scoreCollection(tokens, { ignoreNumeric });
  if (expected.collection_entropy !== undefined) expectClose(result.entropy, expected.collection_entropy, "entropy");
  const perToken: Json[] = expected.per_token_file ? readJson(expected.per_token_file).tokens : (expected.tokens ?? []);
  for (const e of perToken) {
    if (e.score === undefined) continue;
    const t = result.tokens[e.index];
    expectClose(t.score, e.score, `score of #${e.index}`);
    expect(t.rank, `rank of #${e.index}`).toBe(e.rank);
    expect(t.uniqueAttributeCount, `unique count of #${e.index}`).toBe(e.unique_attribute_count);
    if (e.ic_bits !== undefined) expectClose(t.icBits, e.ic_bits, `ic of #${e.index}`);
  }
  const orderIds =
    expected.rank_order_token_ids ?? (expected.per_token_file ? readJson(expected.per_token_file).rank_order_token_ids : undefined);
  if (orderIds) expect(rankRarities(result.tokens).order.map((i) => tokens[i].tokenId)).toEqual(orderIds);
  for (const a of [...(expected.asserted_tokens ?? []), ...(expected.unreached_test_expectations ?? [])]) {
    const t = a.index !== undefined ? result.tokens[a.index] : result.tokens.find((x) => x.tokenId === a.token_id);
    expect(t, `token ${a.token_id}`).toBeDefined();
    if (a.rank !== undefined) expect(t?.rank).toBe(a.rank);
    if (a.score !== undefined) expectClose(t?.score as number, a.score, `asserted score of ${a.token_id}`);
  }
  return result;
}

function checkModel(testCase: Json, tokens: RawToken[]) {
  const expected = testCase.expected;
  const model = buildCollection(tokens);
  const { counts, nullCounts } = countsToObject(model);
  if (expected.attribute_frequency_counts) expect(counts).toEqual(expected.attribute_frequency_counts);
  if (expected.null_attribute_counts) expect(nullCounts).toEqual(expected.null_attribute_counts);
  if (expected.trait_count_per_token) expect(tokens.map((t) => traitCount(t.attributes))).toEqual(expected.trait_count_per_token);
  for (const e of expected.tokens ?? []) {
    if (!e.attributes) continue;
    const actual = attributeScores(model, e.index);
    expect(actual.map((a) => [a.name, a.value, a.missingTrait, a.count, a.weight])).toEqual(
      e.attributes.map((a: Json) => [a.name, a.value, a.missing_trait, a.count, a.weight]),
    );
    for (const [i, a] of actual.entries())
      expectClose(a.inverseProbability, e.attributes[i].inverse_probability, `inverse p of #${e.index} ${a.name}`);
  }
  if (expected.information_content_handler_scores_ignoring_numeric) {
    const scores = scoreCollection(tokens, { ignoreNumeric: true }).tokens.map((t) => t.score);
    for (const [i, s] of (expected.information_content_handler_scores_ignoring_numeric as number[]).entries())
      expectClose(scores[i], s, `IC score #${i}`);
  }
  const error = expected.scorer_error ?? expected.error;
  if (error) expect(() => scoreCollection(tokens)).toThrow(error.message_contains);
}

describe.skipIf(!present)("OpenRarity conformance (TypeScript reference)", () => {
  it("has 33 cases", () => expect(cases.length).toBe(33));
  for (const testCase of cases) {
    it(`${testCase.kind}: ${testCase.name}`, () => {
      const tokens = tokensOf(testCase);
      const expected = testCase.expected;
      switch (testCase.kind) {
        case "ranking_only": {
          const items = testCase.input_token_rarities.map((t: Json) => ({
            score: t.score,
            uniqueAttributeCount: t.unique_attribute_count,
          }));
          const { order, ranks } = rankRarities(items);
          expect(order.map((i) => ({ token_id: testCase.input_token_rarities[i].token_id, rank: ranks[i] }))).toEqual(
            expected.ranked_tokens,
          );
          return;
        }
        case "trait_count":
          for (const t of testCase.tokens) expect(traitCount(t.attributes)).toBe(t.trait_count);
          return;
        case "error":
          checkModel(testCase, tokens);
          return;
        default:
          if (expected.ranked_tokens) {
            expect(scoreCollection(tokens).tokens).toEqual(expected.ranked_tokens);
            return;
          }
          checkModel(testCase, tokens);
          if (!buildCollection(tokens).hasNumericTraits) checkScored(testCase, tokens);
      }
    });
  }
});

describe.skipIf(!present)("OpenRarity conformance (warehouse SQL views)", () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await openWarehouse({ path: ":memory:" });
  });
  afterAll(() => warehouse?.close());

  const scorable = cases.filter((c) => c.collection && !["error", "ranking_only", "trait_count"].includes(c.kind));
  for (const testCase of scorable) {
    it(`SQL ${testCase.name}`, async () => {
      const tokens = tokensOf(testCase);
      if (tokens.length === 0 || buildCollection(tokens).hasNumericTraits) return;
      // Repeated token ids in some cases: the warehouse keys tokens by id, so use the position.
      const contract = `0x${testCase.name}`;
      await warehouse.run("DELETE FROM token_attributes");
      await warehouse.run("DELETE FROM tokens");
      const appender = await warehouse.connection.createAppender("tokens");
      tokens.forEach((_, i) => {
        appender.appendVarchar(contract);
        appender.appendVarchar(String(i));
        for (let k = 0; k < 3; k++) appender.appendNull();
        appender.endRow();
      });
      appender.closeSync();
      const attrs = await warehouse.connection.createAppender("token_attributes");
      tokens.forEach((t, i) => {
        for (const [name, value] of Object.entries(t.attributes)) {
          attrs.appendVarchar(contract);
          attrs.appendVarchar(String(i));
          attrs.appendVarchar(name);
          attrs.appendVarchar(String(value));
          attrs.endRow();
        }
      });
      attrs.closeSync();
      const rows = await warehouse.all<{ token_id: string; score: number; rank: string; unique_attribute_count: string }>(
        "SELECT token_id, score, rank, unique_attribute_count FROM rarity_openrarity WHERE contract_address = $1 ORDER BY token_id::INTEGER",
        [contract],
      );
      const reference = scoreCollection(tokens).tokens;
      expect(rows.length).toBe(reference.length);
      for (const row of rows) {
        const r = reference[Number(row.token_id)];
        expectClose(Number(row.score), r.score, `SQL score of #${row.token_id}`);
        expect(Number(row.rank), `SQL rank of #${row.token_id}`).toBe(r.rank);
        expect(Number(row.unique_attribute_count)).toBe(r.uniqueAttributeCount);
      }
    });
  }
});
