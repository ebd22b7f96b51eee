/**
 * The JSON parser behind `json.fromBytes`: serde_json 1.0.120's grammar, messages and positions
 * (read from its `de.rs` / `read.rs`), number text as graph-node's `arbitrary_precision` keeps it,
 * and keys sorted by UTF-8 bytes with the last duplicate winning (serde_json's default BTreeMap).
 */
import { describe, expect, it } from "vitest";
import { type JsonNode, parseJson } from "./json-parse.ts";

const parse = (text: string | Uint8Array) => parseJson(typeof text === "string" ? Buffer.from(text, "utf8") : text);
const errorOf = (text: string | Uint8Array) => {
  try {
    parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  return "parsed";
};

/** A compact rendering: #number, 'string', [..], {k:v}. */
function show(node: JsonNode): string {
  switch (node.kind) {
    case 0:
      return "null";
    case 1:
      return String(node.value);
    case 2:
      return `#${node.text}`;
    case 3:
      return `'${node.value}'`;
    case 4:
      return `[${node.items.map(show).join(",")}]`;
    case 5:
      return `{${node.entries.map(([k, v]) => `${k}:${show(v)}`).join(",")}}`;
  }
}

describe("parseJson", () => {
  it("builds the tree with numbers as text, escapes decoded, keys sorted by UTF-8 and the last duplicate kept", () => {
    const text = ' {"b": 1, "a": [true, false, null, -2.50e+3, "x\\"y\\u00e9\\ud83d\\ude00\\n"], "\u00e9": {}, "z": [], "b": 7}\r\n';
    expect(show(parse(text))).toBe("{a:[true,false,null,#-2.50e+3,'x\"yé😀\n'],b:#7,z:[],é:{}}");
  });

  it("re-prints integers that fit i64/u64 (so -0 is 0) and keeps every other number's text", () => {
    const numbers = [
      "-0",
      "-0.0",
      "1E+2",
      "0",
      "18446744073709551615",
      "18446744073709551616",
      "-9223372036854775808",
      "-9223372036854775809",
      "1e-7",
    ];
    const node = parse(`[${numbers.join(",")}]`);
    expect(show(node)).toBe(
      "[#0,#-0.0,#1E+2,#0,#18446744073709551615,#18446744073709551616,#-9223372036854775808,#-9223372036854775809,#1e-7]",
    );
  });

  it("nests up to 127 levels, as serde_json's recursion limit of 128 allows", () => {
    expect(show(parse(`${"[".repeat(127)}${"]".repeat(127)}`))).toMatch(/^\[{127}\]{127}$/);
    expect(errorOf("[".repeat(128))).toBe("recursion limit exceeded at line 1 column 128");
    expect(errorOf(`${'{"a":'.repeat(127)}1${"}".repeat(127)}`)).toBe("parsed");
  });

  it.each([
    ["", "EOF while parsing a value at line 1 column 0"],
    ["   ", "EOF while parsing a value at line 1 column 3"],
    ["x", "expected value at line 1 column 1"],
    ["\n  x", "expected value at line 2 column 3"],
    ["[1,]", "trailing comma at line 1 column 4"],
    ["[1 2]", "expected `,` or `]` at line 1 column 4"],
    ["[,1]", "expected value at line 1 column 2"],
    ["[1,", "EOF while parsing a value at line 1 column 3"],
    ["[1", "EOF while parsing a list at line 1 column 2"],
    ['{"a":1,}', "trailing comma at line 1 column 8"],
    ['{"a":1 "b":2}', "expected `,` or `}` at line 1 column 8"],
    ["{1:2}", "key must be a string at line 1 column 2"],
    ['{"a" 1}', "expected `:` at line 1 column 6"],
    ['{"a"', "EOF while parsing an object at line 1 column 4"],
    ['{"a":1', "EOF while parsing an object at line 1 column 6"],
    ['"abc', "EOF while parsing a string at line 1 column 4"],
    ["1 2", "trailing characters at line 1 column 3"],
    ["tru", "EOF while parsing a value at line 1 column 3"],
    ["trx", "expected ident at line 1 column 3"],
    ["01", "invalid number at line 1 column 2"],
    ["1.", "EOF while parsing a value at line 1 column 2"],
    ["1.x", "invalid number at line 1 column 3"],
    ["-", "EOF while parsing a value at line 1 column 1"],
    ["-x", "invalid number at line 1 column 2"],
    ["1e", "EOF while parsing a value at line 1 column 2"],
    ["1e+x", "invalid number at line 1 column 4"],
    ['"\\q"', "invalid escape at line 1 column 3"],
    ['"\\u12x4"', "invalid escape at line 1 column 6"],
    ['"\\u12', "EOF while parsing a string at line 1 column 5"],
    ['"\\ud800"', "unexpected end of hex escape at line 1 column 8"],
    ['"\\ud800\\n"', "unexpected end of hex escape at line 1 column 9"],
    ['"\\ud800\\u0041"', "lone leading surrogate in hex escape at line 1 column 13"],
    ['"\\udc00"', "lone leading surrogate in hex escape at line 1 column 7"],
    ['"a\u0001"', "control character (\\u0000-\\u001F) found while parsing a string at line 1 column 3"],
    ["\ufeff1", "expected value at line 1 column 1"],
  ])("%j fails with serde_json's message", (text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it("rejects invalid UTF-8 in a string once the closing quote is reached, as serde_json does", () => {
    expect(errorOf(Uint8Array.from([0x22, 0x61, 0xff, 0x5c, 0x6e, 0x62, 0x22, 0x20]))).toBe(
      "invalid unicode code point at line 1 column 7",
    );
    expect(errorOf(Uint8Array.from([0x22, 0xff]))).toBe("EOF while parsing a string at line 1 column 2");
  });
});
