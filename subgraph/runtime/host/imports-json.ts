/**
 * `json.*` host functions with graph-node's semantics and messages (`host_exports.rs`,
 * `module/context.rs`): a JSONValue tree (numbers as their text), the 10,000,000-byte limit,
 * `try_fromBytes` turning every failure into `Result.error = true`, and the decimal conversions with
 * Rust's parse rules (`i64`/`u64`/`f64::from_str`, num-bigint's `BigInt::from_str`).
 */
import { DeterministicError } from "./errors.ts";
import { type AscHeap, TypeIndex } from "./heap.ts";
import { type JsonNode, parseJson } from "./json-parse.ts";
import type { HostState } from "./state.ts";
import { checkBigInt, writeBigInt } from "./values.ts";

type HostFn = (...args: never[]) => unknown;

export const MAX_JSON_BYTES = 10_000_000;

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const U64_MAX = 2n ** 64n - 1n;

/** Parses `bytes`, or throws the message graph-node's `json_from_bytes` gives (without the caller's context). */
export function jsonFromBytes(bytes: Uint8Array): JsonNode {
  if (bytes.length > MAX_JSON_BYTES) throw new Error(`JSON size exceeds max size of ${MAX_JSON_BYTES}`);
  return parseJson(bytes);
}

export function writeJsonValue(heap: AscHeap, node: JsonNode): number {
  const make = (payload: number) => heap.writeEnum(node.kind, payload, TypeIndex.JsonValue);
  switch (node.kind) {
    case 0:
      return make(0);
    case 1:
      return make(node.value ? 1 : 0);
    case 2:
      return make(heap.writeString(node.text));
    case 3:
      return make(heap.writeString(node.value));
    case 4:
      return make(
        heap.writePtrArray(
          node.items.map((item) => writeJsonValue(heap, item)),
          TypeIndex.ArrayJsonValue,
        ),
      );
    case 5: {
      const entries = node.entries.map(([key, value]) =>
        heap.writeStruct([heap.writeString(key), writeJsonValue(heap, value)], TypeIndex.TypedMapEntryStringJsonValue),
      );
      const array = heap.writePtrArray(entries, TypeIndex.ArrayTypedMapEntryStringJsonValue);
      return make(heap.writeStruct([array], TypeIndex.TypedMapStringJsonValue));
    }
  }
}

/** Rust's `{:?}` of a byte slice: `[123, 34, 97]`. */
const debugBytes = (bytes: Uint8Array) => `[${Array.from(bytes).join(", ")}]`;

/** Rust `i64::from_str` / `u64::from_str`: optional sign (no `-` for unsigned), ASCII digits only. */
function parseRustInt(text: string, signed: boolean): bigint {
  if (text === "") throw new Error("cannot parse integer from empty string");
  const body = text[0] === "+" || (signed && text[0] === "-") ? text.slice(1) : text;
  if (!/^\d+$/.test(body)) throw new Error("invalid digit found in string");
  const n = BigInt(text[0] === "+" ? body : text);
  if (n > (signed ? I64_MAX : U64_MAX)) throw new Error("number too large to fit in target type");
  if (n < I64_MIN) throw new Error("number too small to fit in target type");
  return n;
}

/** Rust `f64::from_str`: decimal or exponent form, `inf`/`infinity`/`nan` in any case, optional sign. */
function parseRustFloat(text: string): number {
  if (text === "") throw new Error("cannot parse float from empty string");
  const m = /^([+-]?)(?:(inf|infinity|nan)|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?))$/i.exec(text);
  if (!m) throw new Error("invalid float literal");
  if (m[2]) {
    if (m[2].toLowerCase() === "nan") return Number.NaN;
    return m[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  return Number(text);
}

/** num-bigint `BigInt::from_str`: one sign, then digits with `_` allowed after the first digit. */
function parseRustBigInt(text: string): bigint {
  let body = text;
  let negative = false;
  if (body.startsWith("-") && !body.startsWith("-+")) {
    negative = true;
    body = body.slice(1);
  }
  if (body.startsWith("+") && !body.startsWith("++")) body = body.slice(1);
  if (body === "") throw new Error("cannot parse integer from empty string");
  if (!/^\d[\d_]*$/.test(body)) throw new Error("invalid digit found in string");
  const n = BigInt(body.replaceAll("_", ""));
  return negative ? -n : n;
}

function converted<T>(text: string, what: string, parse: (text: string) => T): T {
  try {
    return parse(text);
  } catch (error) {
    throw new DeterministicError(`JSON \`${text}\` ${what}: ${(error as Error).message}`);
  }
}

export function jsonImports(s: () => HostState): Record<string, HostFn> {
  const str = (p: number) => s().heap.readString(p);
  return {
    "json.fromBytes": (p: number) => {
      const bytes = s().heap.readBytes(p);
      let node: JsonNode;
      try {
        node = jsonFromBytes(bytes);
      } catch (error) {
        throw new DeterministicError(
          `Failed to parse JSON from byte array. Bytes (truncated to 1024 chars): \`${debugBytes(bytes.subarray(0, 1024))}\`: ${(error as Error).message}`,
        );
      }
      return writeJsonValue(s().heap, node);
    },
    "json.try_fromBytes": (p: number) => {
      const heap = s().heap;
      let node: JsonNode;
      try {
        node = jsonFromBytes(heap.readBytes(p));
      } catch (error) {
        // graph-node logs a warning and hands the mapping `Result.error = true`.
        s().ctx.log(2, `Failed to parse JSON from byte array: ${(error as Error).message}`);
        return heap.writeStruct([0, heap.writeWrappedBool(true)], TypeIndex.ResultJsonValueBool);
      }
      const wrapped = heap.writeStruct([writeJsonValue(heap, node)], TypeIndex.WrappedJsonValue);
      return heap.writeStruct([wrapped, 0], TypeIndex.ResultJsonValueBool);
    },
    "json.toI64": (p: number) => converted(str(p), "cannot be parsed as i64", (t) => parseRustInt(t, true)),
    // u64 crosses the wasm boundary as an i64 with the same bits.
    "json.toU64": (p: number) =>
      BigInt.asIntN(
        64,
        converted(str(p), "cannot be parsed as u64", (t) => parseRustInt(t, false)),
      ),
    "json.toF64": (p: number) => converted(str(p), "cannot be parsed as f64", parseRustFloat),
    "json.toBigInt": (p: number) =>
      writeBigInt(
        s().heap,
        converted(str(p), "is not a decimal string", (t) => checkBigInt(parseRustBigInt(t))),
      ),
  };
}
