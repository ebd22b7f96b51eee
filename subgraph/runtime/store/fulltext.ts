/**
 * An approximation of graph-node's `@fulltext` search (Postgres `to_tsquery` against a tsvector of
 * the included fields, ranked by `ts_rank`/`ts_rank_cd`): the query understands `&`, `|`, `!`,
 * parentheses and `word:*` prefixes; words are lowercased and, for English, lightly stemmed on both
 * sides; the rank is the number of matching word occurrences. Not Postgres: no stop words, no
 * Snowball stemmer, no `<->` phrase operator, and words without an operator between them are ANDed
 * instead of being a syntax error.
 */

type TsQuery = { kind: "term"; word: string; prefix: boolean } | { kind: "not"; arg: TsQuery } | { kind: "and" | "or"; args: TsQuery[] };

/** Raised for query text `to_tsquery` would reject. */
export class FulltextQueryError extends Error {
  override name = "FulltextQueryError";
}

/** A light English stemmer, applied to document and query words alike. */
export function stem(word: string, english: boolean): string {
  const w = word.toLowerCase().replace(/'s$/, "");
  if (!english || w.length <= 3) return w;
  if (w.endsWith("sses")) return w.slice(0, -2);
  if (w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.endsWith("ing") && w.length > 5) return w.slice(0, -3);
  if (w.endsWith("ed") && w.length > 4) return w.slice(0, -2);
  if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) return w.slice(0, -1);
  return w;
}

const tokenPattern = /\s*(\(|\)|&|\||!|[\p{L}\p{N}_']+(?::\*)?)/uy;

/** Parse `to_tsquery` text. */
export function parseTsQuery(text: string, english: boolean): TsQuery {
  const tokens: string[] = [];
  tokenPattern.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    tokenPattern.lastIndex = pos;
    const m = tokenPattern.exec(text);
    if (!m) throw new FulltextQueryError(`syntax error in tsquery: "${text}"`);
    tokens.push(m[1]);
    pos = tokenPattern.lastIndex;
  }
  let i = 0;
  const primary = (): TsQuery => {
    const t = tokens[i++];
    if (t === undefined) throw new FulltextQueryError(`syntax error in tsquery: "${text}"`);
    if (t === "!") return { kind: "not", arg: primary() };
    if (t === "(") {
      const inner = or();
      if (tokens[i++] !== ")") throw new FulltextQueryError(`syntax error in tsquery: "${text}"`);
      return inner;
    }
    if (t === ")" || t === "&" || t === "|") throw new FulltextQueryError(`syntax error in tsquery: "${text}"`);
    const prefix = t.endsWith(":*");
    return { kind: "term", word: stem(prefix ? t.slice(0, -2) : t, english), prefix };
  };
  const and = (): TsQuery => {
    const args = [primary()];
    while (i < tokens.length && tokens[i] !== "|" && tokens[i] !== ")") {
      if (tokens[i] === "&") i++;
      args.push(primary());
    }
    return args.length === 1 ? args[0] : { kind: "and", args };
  };
  const or = (): TsQuery => {
    const args = [and()];
    while (tokens[i] === "|") {
      i++;
      args.push(and());
    }
    return args.length === 1 ? args[0] : { kind: "or", args };
  };
  const query = or();
  if (i < tokens.length) throw new FulltextQueryError(`syntax error in tsquery: "${text}"`);
  return query;
}

/** Rank of documents `docs` for `query`: 0 when they do not match, else the matching word count. */
export function rankDocuments(query: TsQuery, docs: unknown[], english: boolean): number {
  const words = docs.flatMap((d) => (typeof d === "string" ? (d.match(/[\p{L}\p{N}_']+/gu) ?? []) : [])).map((w) => stem(w, english));
  const occurrences = (t: Extract<TsQuery, { kind: "term" }>) =>
    words.filter((w) => (t.prefix ? w.startsWith(t.word) : w === t.word)).length;
  const evaluate = (q: TsQuery): number => {
    switch (q.kind) {
      case "term":
        return occurrences(q);
      case "not":
        return evaluate(q.arg) > 0 ? 0 : 1;
      case "and": {
        const parts = q.args.map(evaluate);
        return parts.every((p) => p > 0) ? parts.reduce((a, b) => a + b, 0) : 0;
      }
      case "or":
        return q.args.map(evaluate).reduce((a, b) => a + b, 0);
    }
  };
  return evaluate(query);
}
