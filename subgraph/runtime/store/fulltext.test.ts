import { describe, expect, it } from "vitest";
import { FulltextQueryError, parseTsQuery, rankDocuments, stem } from "./fulltext.ts";

const rank = (query: string, doc: string, english = true) => rankDocuments(parseTsQuery(query, english), [doc], english);

describe("fulltext approximation", () => {
  it("stems English plurals and verb endings on both sides", () => {
    expect(stem("Musicians", true)).toBe("musician");
    expect(stem("parties", true)).toBe("party");
    expect(stem("Musicians", false)).toBe("musicians");
    expect(rank("musician", "Very Bad musicians")).toBe(1);
  });

  it("evaluates &, |, ! and prefixes, ranking by matching occurrences", () => {
    expect(rank("bad & musicians", "Bad bad musicians")).toBe(3);
    expect(rank("bad & !very", "Very Bad musicians")).toBe(0);
    expect(rank("good | amat:*", "Good amateurs")).toBe(2);
    expect(rank("(cats | dogs) & cool", "cool cats")).toBe(2);
    expect(rank("apes", "cool cats")).toBe(0);
  });

  it("rejects what to_tsquery rejects", () => {
    expect(() => parseTsQuery("bad &", true)).toThrow(FulltextQueryError);
    expect(() => parseTsQuery("(bad", true)).toThrow(FulltextQueryError);
    expect(() => parseTsQuery("a $ b", true)).toThrow(FulltextQueryError);
  });
});
