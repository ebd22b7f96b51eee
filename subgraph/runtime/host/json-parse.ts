/**
 * JSON parsing as graph-node's `json.fromBytes` does it: serde_json 1.0 `from_slice` with
 * `arbitrary_precision` (numbers keep their text; only integers that fit i64/u64 are re-printed,
 * so `-0` reads as `0`) and no `preserve_order` (object keys sorted by UTF-8 bytes, a repeated key
 * keeps its last value). Errors carry serde_json's wording and `line L column C` positions, and the
 * nesting limit is serde_json's 128. JSON.parse cannot be used: it turns numbers into doubles.
 */

/** graph-ts `JSONValueKind`. */
export const JsonKind = { NULL: 0, BOOL: 1, NUMBER: 2, STRING: 3, ARRAY: 4, OBJECT: 5 } as const;

export type JsonNode =
  | { kind: 0 }
  | { kind: 1; value: boolean }
  | { kind: 2; text: string }
  | { kind: 3; value: string }
  | { kind: 4; items: JsonNode[] }
  | { kind: 5; entries: Array<[string, JsonNode]> };

export class JsonSyntaxError extends Error {
  override name = "JsonSyntaxError";
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const ESCAPES: Record<number, string> = { 34: '"', 92: "\\", 47: "/", 98: "\b", 102: "\f", 110: "\n", 114: "\r", 116: "\t" };
const I64_MIN = -(2n ** 63n);
const U64_MAX = 2n ** 64n - 1n;
const isDigit = (c: number | undefined) => c !== undefined && c >= 48 && c <= 57;
const byUtf8 = ([a]: [string, JsonNode], [b]: [string, JsonNode]) => Buffer.compare(Buffer.from(a), Buffer.from(b));

export function parseJson(bytes: Uint8Array): JsonNode {
  let i = 0;
  let depthLeft = 128;

  /** serde_json counts position up to byte `end` (exclusive): line from 1, column = bytes since the last newline. */
  const fail = (message: string, end: number): never => {
    let line = 1;
    let column = 0;
    for (let k = 0; k < Math.min(end, bytes.length); k++) {
      if (bytes[k] === 10) {
        line++;
        column = 0;
      } else column++;
    }
    throw new JsonSyntaxError(`${message} at line ${line} column ${column}`);
  };
  /** An error about the byte at `i`, not yet consumed (serde_json's `peek_error`). */
  const failHere = (message: string): never => fail(message, i + 1);
  const skipWhitespace = () => {
    while (i < bytes.length && (bytes[i] === 32 || bytes[i] === 9 || bytes[i] === 10 || bytes[i] === 13)) i++;
    return bytes[i] as number | undefined;
  };

  const ident = (rest: string, node: JsonNode): JsonNode => {
    for (const ch of rest) {
      if (i >= bytes.length) fail("EOF while parsing a value", i);
      if (bytes[i++] !== ch.charCodeAt(0)) fail("expected ident", i);
    }
    return node;
  };

  const digits = () => {
    while (isDigit(bytes[i])) i++;
  };

  const number = (start: number): JsonNode => {
    if (i >= bytes.length) fail("EOF while parsing a value", i);
    const first = bytes[i++];
    if (first === 48) {
      if (isDigit(bytes[i])) failHere("invalid number");
    } else if (isDigit(first)) digits();
    else fail("invalid number", i);
    let integer = true;
    if (bytes[i] === 46) {
      integer = false;
      i++;
      if (!isDigit(bytes[i])) failHere(i >= bytes.length ? "EOF while parsing a value" : "invalid number");
      digits();
    }
    if (bytes[i] === 101 || bytes[i] === 69) {
      integer = false;
      i++;
      if (bytes[i] === 43 || bytes[i] === 45) i++;
      if (i >= bytes.length) fail("EOF while parsing a value", i);
      if (!isDigit(bytes[i++])) fail("invalid number", i);
      digits();
    }
    const text = Buffer.from(bytes.subarray(start, i)).toString("latin1");
    if (integer) {
      const n = BigInt(text);
      if (n >= I64_MIN && n <= U64_MAX) return { kind: 2, text: n.toString() };
    }
    return { kind: 2, text };
  };

  const hex4 = (): number => {
    if (i + 4 > bytes.length) {
      i = bytes.length;
      fail("EOF while parsing a string", i);
    }
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const digit = Number.parseInt(String.fromCharCode(bytes[i++]), 16);
      if (Number.isNaN(digit)) fail("invalid escape", i);
      n = n * 16 + digit;
    }
    return n;
  };

  const unicodeEscape = (): string => {
    const n = hex4();
    if (n >= 0xdc00 && n <= 0xdfff) fail("lone leading surrogate in hex escape", i);
    if (n < 0xd800 || n > 0xdbff) return String.fromCharCode(n);
    if (i >= bytes.length) fail("EOF while parsing a string", i);
    if (bytes[i++] !== 92) fail("unexpected end of hex escape", i);
    if (i >= bytes.length) fail("EOF while parsing a string", i);
    if (bytes[i++] !== 117) fail("unexpected end of hex escape", i);
    const low = hex4();
    if (low < 0xdc00 || low > 0xdfff) fail("lone leading surrogate in hex escape", i);
    return String.fromCharCode(n, low);
  };

  /** After the opening quote. */
  const string = (): string => {
    let out = "";
    let start = i;
    // serde_json validates UTF-8 once the closing quote is reached, so the error points past it.
    let invalidUtf8 = false;
    const flush = (end: number) => {
      if (end === start) return;
      try {
        out += utf8.decode(bytes.subarray(start, end));
      } catch {
        invalidUtf8 = true;
      }
    };
    for (;;) {
      if (i >= bytes.length) fail("EOF while parsing a string", i);
      const c = bytes[i];
      if (c === 34) {
        flush(i);
        i++;
        if (invalidUtf8) fail("invalid unicode code point", i);
        return out;
      }
      if (c === 92) {
        flush(i);
        i++;
        if (i >= bytes.length) fail("EOF while parsing a string", i);
        const e = bytes[i++];
        if (e === 117) out += unicodeEscape();
        else if (ESCAPES[e] !== undefined) out += ESCAPES[e];
        else fail("invalid escape", i);
        start = i;
      } else if (c < 0x20) fail("control character (\\u0000-\\u001F) found while parsing a string", i + 1);
      else i++;
    }
  };

  const nested = (open: () => JsonNode): JsonNode => {
    if (--depthLeft === 0) failHere("recursion limit exceeded");
    i++;
    const node = open();
    depthLeft++;
    return node;
  };

  const array = (): JsonNode => {
    const items: JsonNode[] = [];
    for (;;) {
      let c = skipWhitespace();
      if (c === undefined) failHere("EOF while parsing a list");
      if (c === 93) break;
      if (items.length > 0) {
        if (c !== 44) failHere("expected `,` or `]`");
        i++;
        c = skipWhitespace();
        if (c === 93) failHere("trailing comma");
        if (c === undefined) failHere("EOF while parsing a value");
      }
      items.push(value());
    }
    i++;
    return { kind: 4, items };
  };

  const object = (): JsonNode => {
    const fields = new Map<string, JsonNode>();
    let first = true;
    for (;;) {
      let c = skipWhitespace();
      if (c === undefined) failHere("EOF while parsing an object");
      if (c === 125) break;
      if (!first) {
        if (c !== 44) failHere("expected `,` or `}`");
        i++;
        c = skipWhitespace();
        if (c === 125) failHere("trailing comma");
        if (c === undefined) failHere("EOF while parsing a value");
      }
      first = false;
      if (c !== 34) failHere("key must be a string");
      i++;
      const key = string();
      const colon = skipWhitespace();
      if (colon === undefined) failHere("EOF while parsing an object");
      if (colon !== 58) failHere("expected `:`");
      i++;
      fields.delete(key);
      fields.set(key, value());
    }
    i++;
    return { kind: 5, entries: [...fields].sort(byUtf8) };
  };

  const value = (): JsonNode => {
    const c = skipWhitespace();
    switch (c) {
      case undefined:
        return failHere("EOF while parsing a value");
      case 110:
        i++;
        return ident("ull", { kind: 0 });
      case 116:
        i++;
        return ident("rue", { kind: 1, value: true });
      case 102:
        i++;
        return ident("alse", { kind: 1, value: false });
      case 45: {
        const start = i++;
        return number(start);
      }
      case 34:
        i++;
        return { kind: 3, value: string() };
      case 91:
        return nested(array);
      case 123:
        return nested(object);
      default:
        if (isDigit(c)) return number(i);
        return failHere("expected value");
    }
  };

  const root = value();
  if (skipWhitespace() !== undefined) failHere("trailing characters");
  return root;
}
