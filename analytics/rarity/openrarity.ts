/**
 * OpenRarity (information-content rarity), domain.md §5, as OpenRarity behaves at commit f2bc4d8:
 * names and string values lower-cased and trimmed; a `meta_trait:trait_count` string trait added to
 * every token; a missing trait is scored with its own "null" bucket; IC = Σ log2(N / count);
 * score = IC / H (H = collection entropy; a zero entropy divides by 1); rank by
 * (unique-trait count desc, score desc) with SQL-RANK ties decided by `math.isclose` on the score.
 *
 * This is the reference implementation the conformance suite checks; the warehouse views in
 * analytics/models/40_rarity_*.sql compute the same numbers in SQL and are tested against it.
 */

/** A trait value as metadata gives it: strings are string traits, numbers numeric traits. */
export type RawTraitValue = string | number;

export interface RawToken {
  tokenId: string | number;
  attributes: Record<string, RawTraitValue>;
  /** ERC721 unless stated; OpenRarity also accepts METAPLEX_NON_FUNGIBLE. */
  tokenStandard?: string;
}

export const metaTraitName = "meta_trait:trait_count";

/** The input cannot be scored by OpenRarity's Scorer (numeric traits or a fungible standard). */
export class OpenRarityInputError extends Error {
  override name = "OpenRarityInputError";
}

/** OpenRarity's normalisation (`str.lower().strip()`); inner whitespace is kept. */
export function normalise(text: string): string {
  return text.toLowerCase().trim();
}

/** trait_count: every attribute except string values that normalise to "none" or "" (and an existing meta trait). */
export function traitCount(attributes: Record<string, RawTraitValue>): number {
  let count = 0;
  for (const [name, value] of Object.entries(attributes)) {
    if (normalise(name) === metaTraitName) continue;
    if (typeof value === "string" && (normalise(value) === "none" || normalise(value) === "")) continue;
    count += 1;
  }
  return count;
}

export interface CollectionModel {
  supply: number;
  /** Per token: normalised string traits, meta trait included (numeric traits left out). */
  tokenTraits: Map<string, string>[];
  /** trait → value → number of tokens. */
  counts: Map<string, Map<string, number>>;
  /** trait → number of tokens without it (only traits with at least one such token). */
  nullCounts: Map<string, number>;
  hasNumericTraits: boolean;
}

/** Builds counts and null buckets from the tokens (OpenRarity's Collection). */
export function buildCollection(tokens: RawToken[]): CollectionModel {
  const tokenTraits: Map<string, string>[] = [];
  const counts = new Map<string, Map<string, number>>();
  let hasNumericTraits = false;
  for (const token of tokens) {
    const traits = new Map<string, string>();
    for (const [name, value] of Object.entries(token.attributes)) {
      const traitName = normalise(name);
      if (traitName === metaTraitName) continue;
      if (typeof value === "number") {
        hasNumericTraits = true;
        continue;
      }
      traits.set(traitName, normalise(value));
    }
    traits.set(metaTraitName, String(traitCount(token.attributes)));
    tokenTraits.push(traits);
    for (const [name, value] of traits) {
      const values = counts.get(name) ?? new Map<string, number>();
      values.set(value, (values.get(value) ?? 0) + 1);
      counts.set(name, values);
    }
  }
  const supply = tokens.length;
  const nullCounts = new Map<string, number>();
  for (const [name, values] of counts) {
    let present = 0;
    for (const c of values.values()) present += c;
    if (supply - present > 0) nullCounts.set(name, supply - present);
  }
  return { supply, tokenTraits, counts, nullCounts, hasNumericTraits };
}

/** H = −Σ p·log2 p over every (trait, value) pair and every null bucket; p = 1 adds 0. */
export function collectionEntropy(model: CollectionModel): number {
  let entropy = 0;
  const add = (count: number) => {
    const p = count / model.supply;
    if (p < 1) entropy -= p * Math.log2(p);
  };
  for (const [name, values] of model.counts) {
    for (const c of values.values()) add(c);
    const missing = model.nullCounts.get(name);
    if (missing !== undefined) add(missing);
  }
  return entropy;
}

export interface TokenRarity {
  index: number;
  tokenId: string | number;
  icBits: number;
  score: number;
  uniqueAttributeCount: number;
  rank: number;
}

/** Sorted trait names: the order OpenRarity walks a token's traits in. */
function scoredTraitNames(model: CollectionModel, traits: Map<string, string>): string[] {
  const names = new Set(traits.keys());
  for (const name of model.nullCounts.keys()) names.add(name);
  return [...names].sort();
}

/** Information content of token `index` in bits. */
export function informationContent(model: CollectionModel, index: number): number {
  const traits = model.tokenTraits[index];
  let bits = 0;
  for (const name of scoredTraitNames(model, traits)) {
    const value = traits.get(name);
    const count = value === undefined ? (model.nullCounts.get(name) as number) : (model.counts.get(name)?.get(value) as number);
    bits += Math.log2(model.supply / count);
  }
  return bits;
}

/** Number of the token's own string traits (meta included) held by no other token. */
export function uniqueAttributeCount(model: CollectionModel, index: number): number {
  let unique = 0;
  for (const [name, value] of model.tokenTraits[index]) if (model.counts.get(name)?.get(value) === 1) unique += 1;
  return unique;
}

/** Python's `math.isclose(a, b)` with its defaults (rel_tol 1e-9, abs_tol 0). */
export function isClose(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Ranks by (uniqueAttributeCount desc, score desc), stable; a score isclose to the previous token's
 * shares its rank (1, 2, 2, 4). Returns indices in rank order and the rank of each input position.
 */
export function rankRarities(items: { score: number; uniqueAttributeCount: number }[]): { order: number[]; ranks: number[] } {
  const order = items.map((_, i) => i);
  order.sort((a, b) => items[b].uniqueAttributeCount - items[a].uniqueAttributeCount || items[b].score - items[a].score);
  const ranks = new Array<number>(items.length);
  order.forEach((index, position) => {
    const previous = order[position - 1];
    ranks[index] = position > 0 && isClose(items[index].score, items[previous].score) ? ranks[previous] : position + 1;
  });
  return { order, ranks };
}

/**
 * Scores and ranks a collection as OpenRarity's RarityRanker does. Throws OpenRarityInputError
 * for numeric traits or a fungible standard unless `ignoreNumeric` (the bare IC handler's behaviour).
 */
export function scoreCollection(tokens: RawToken[], { ignoreNumeric = false } = {}): { entropy: number; tokens: TokenRarity[] } {
  for (const token of tokens) {
    const standard = token.tokenStandard ?? "ERC721";
    if (standard !== "ERC721" && standard !== "METAPLEX_NON_FUNGIBLE") {
      throw new OpenRarityInputError("OpenRarity currently only supports ERC721/Non-fungible standards");
    }
  }
  const model = buildCollection(tokens);
  if (model.hasNumericTraits && !ignoreNumeric) {
    throw new OpenRarityInputError("OpenRarity currently does not support collections with numeric or date traits");
  }
  const entropy = collectionEntropy(model);
  const divisor = entropy === 0 ? 1 : entropy;
  const scored = tokens.map((token, index) => {
    const icBits = informationContent(model, index);
    return {
      index,
      tokenId: token.tokenId,
      icBits,
      score: icBits / divisor,
      uniqueAttributeCount: uniqueAttributeCount(model, index),
      rank: 0,
    };
  });
  const { ranks } = rankRarities(scored);
  for (const t of scored) t.rank = ranks[t.index];
  return { entropy, tokens: scored };
}

export interface AttributeScore {
  name: string;
  value: string | null;
  missingTrait: boolean;
  count: number;
  inverseProbability: number;
  /** 1 / number of distinct non-null values of the trait (not used by IC scoring). */
  weight: number;
}

/** Per-trait breakdown of one token in sorted trait-name order (get_token_attributes_scores_and_weights). */
export function attributeScores(model: CollectionModel, index: number): AttributeScore[] {
  const traits = model.tokenTraits[index];
  return scoredTraitNames(model, traits).map((name) => {
    const value = traits.get(name);
    const values = model.counts.get(name) as Map<string, number>;
    const count = value === undefined ? (model.nullCounts.get(name) as number) : (values.get(value) as number);
    return {
      name,
      value: value ?? null,
      missingTrait: value === undefined,
      count,
      inverseProbability: model.supply / count,
      weight: 1 / values.size,
    };
  });
}
