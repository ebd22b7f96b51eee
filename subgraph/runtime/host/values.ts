/**
 * Marshalling of graph-ts numbers and store values: BigInt as little-endian two's complement bytes,
 * BigDecimal as (digits, exp), store `Value` as the 16-byte tagged union. Store values come out
 * tagged with their AS kind so the caller can validate them against the schema.
 */
import { checkExponent, type Decimal, formatDecimal, normalize, parseDecimal } from "./bigdecimal.ts";
import { DeterministicError } from "./errors.ts";
import { type AscHeap, TypeIndex } from "./heap.ts";

/** graph-ts `ValueKind`. */
export const StoreKind = {
  STRING: 0,
  INT: 1,
  BIGDECIMAL: 2,
  BOOL: 3,
  ARRAY: 4,
  NULL: 5,
  BYTES: 6,
  BIGINT: 7,
  INT8: 8,
  TIMESTAMP: 9,
} as const;

export const storeKindName = ["String", "Int", "BigDecimal", "Boolean", "Array", "Null", "Bytes", "BigInt", "Int8", "Timestamp"];

/** A store value as AS passed it: kind plus the JS value (Bytes as 0x-hex, BigDecimal as text). */
export type TaggedValue =
  | { kind: 0 | 2 | 6; value: string }
  | { kind: 1; value: number }
  | { kind: 3; value: boolean }
  | { kind: 4; value: TaggedValue[] }
  | { kind: 5; value: null }
  | { kind: 7 | 8 | 9; value: bigint };

/** Largest BigInt graph-node accepts (bits). */
const MAX_BIGINT_BITS = 435_412n;

export function bytesToBigInt(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  // Little-endian two's complement: the big-endian hex of the reversed bytes, less 2^bits if negative.
  const n = BigInt(`0x${Buffer.from(bytes).reverse().toString("hex")}`);
  return bytes[bytes.length - 1] & 0x80 ? n - (1n << BigInt(bytes.length * 8)) : n;
}

/** Minimal little-endian bytes of a non-negative value whose top bit is clear (a zero byte added when set). */
function unsignedLe(v: bigint): Buffer {
  const hexText = v.toString(16);
  const be = Buffer.from(hexText.length % 2 ? `0${hexText}` : hexText, "hex");
  const le = be[0] & 0x80 ? Buffer.concat([Buffer.alloc(1), be]) : be;
  return le.reverse();
}

/** Minimal signed little-endian encoding (num-bigint `to_signed_bytes_le`). */
export function bigIntToBytes(n: bigint): Uint8Array {
  if (n >= 0n) return unsignedLe(n);
  // -n - 1 has the bits of n inverted: encode it, then flip every byte.
  const out = unsignedLe(-n - 1n);
  for (let i = 0; i < out.length; i++) out[i] = ~out[i] & 0xff;
  return out;
}

export function checkBigInt(n: bigint): bigint {
  const magnitude = n < 0n ? -n : n;
  // Hex digits bound the bit length from above: count bits exactly only near the limit.
  if (BigInt(magnitude.toString(16).length * 4) > MAX_BIGINT_BITS && BigInt(magnitude.toString(2).length) > MAX_BIGINT_BITS) {
    throw new DeterministicError(`BigInt is too big, total bits ${magnitude.toString(2).length} (max ${MAX_BIGINT_BITS})`);
  }
  return n;
}

export const readBigInt = (heap: AscHeap, ptr: number): bigint => bytesToBigInt(heap.readBytes(ptr));
export const writeBigInt = (heap: AscHeap, n: bigint): number => heap.writeBytes(bigIntToBytes(checkBigInt(n)));

export function readBigDecimal(heap: AscHeap, ptr: number): Decimal {
  const digits = readBigInt(heap, heap.u32(ptr));
  const exp = readBigInt(heap, heap.u32(ptr + 4));
  return normalize(checkExponent({ digits, exp: Number(exp) }));
}

export function writeBigDecimal(heap: AscHeap, d: Decimal): number {
  const digits = writeBigInt(heap, d.digits);
  const exp = writeBigInt(heap, BigInt(d.exp));
  return heap.writeStruct([digits, exp], TypeIndex.BigDecimal);
}

export const hex = (bytes: Uint8Array): string => `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex")}`;

export function fromHex(text: string): Uint8Array {
  const body = text.charCodeAt(1) === 120 || text.charCodeAt(1) === 88 ? text.slice(2) : text;
  const bytes = Buffer.from(body, "hex");
  // Buffer.from stops at the first non-hex pair: a length mismatch means the text was not hex.
  if (bytes.length * 2 !== body.length) throw new DeterministicError(`invalid hex string "${text}"`);
  return bytes;
}

export function readStoreValue(heap: AscHeap, ptr: number): TaggedValue {
  const { kind, payloadPtr } = heap.readEnum(ptr, "a store Value");
  switch (kind) {
    case StoreKind.STRING:
      return { kind, value: heap.readString(payloadPtr) };
    case StoreKind.INT:
      return { kind, value: heap.i32(ptr + 8) };
    case StoreKind.BIGDECIMAL:
      return { kind, value: formatDecimal(readBigDecimal(heap, payloadPtr)) };
    case StoreKind.BOOL:
      return { kind, value: heap.i64(ptr + 8) !== 0n };
    case StoreKind.ARRAY:
      return { kind, value: heap.readPtrArray(payloadPtr).map((p) => readStoreValue(heap, p)) };
    case StoreKind.NULL:
      return { kind, value: null };
    case StoreKind.BYTES:
      return { kind, value: hex(heap.readBytes(payloadPtr)) };
    case StoreKind.BIGINT:
      return { kind, value: checkBigInt(readBigInt(heap, payloadPtr)) };
    case StoreKind.INT8:
    case StoreKind.TIMESTAMP:
      return { kind, value: heap.i64(ptr + 8) };
    default:
      throw new DeterministicError(`unknown store value kind ${kind}`);
  }
}

export function writeStoreValue(heap: AscHeap, v: TaggedValue): number {
  return heap.writeEnum(v.kind, storePayload(heap, v), TypeIndex.StoreValue);
}

/** The 64-bit payload of a store `Value`: a pointer to what was written, or the value itself. */
function storePayload(heap: AscHeap, v: TaggedValue): bigint | number {
  switch (v.kind) {
    case StoreKind.STRING:
      return heap.writeString(v.value);
    case StoreKind.INT:
      return v.value >>> 0;
    case StoreKind.BIGDECIMAL:
      return writeBigDecimal(heap, parseDecimal(v.value));
    case StoreKind.BOOL:
      return v.value ? 1 : 0;
    case StoreKind.ARRAY:
      return heap.writePtrArray(
        v.value.map((e) => writeStoreValue(heap, e)),
        TypeIndex.ArrayStoreValue,
      );
    case StoreKind.NULL:
      return 0;
    case StoreKind.BYTES:
      return heap.writeBytes(fromHex(v.value));
    case StoreKind.BIGINT:
      return writeBigInt(heap, v.value);
    default:
      return v.value;
  }
}

/** Reads an Entity (`TypedMap<string, Value>`); a later duplicate key wins, as in graph-node. */
export function readEntity(heap: AscHeap, ptr: number): Map<string, TaggedValue> {
  const out = new Map<string, TaggedValue>();
  const entries = heap.readPtrArray(heap.u32(ptr));
  for (const entry of entries) out.set(heap.readString(heap.u32(entry)), readStoreValue(heap, heap.u32(entry + 4)));
  return out;
}

/** Writes an Entity with its fields sorted by name, as graph-node returns them. */
export function writeEntity(heap: AscHeap, fields: Array<[string, TaggedValue]>): number {
  const sorted = [...fields].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const entries = sorted.map(([key, value]) =>
    heap.writeStruct([heap.writeString(key), writeStoreValue(heap, value)], TypeIndex.TypedMapEntryStringStoreValue),
  );
  const array = heap.writePtrArray(entries, TypeIndex.ArrayTypedMapEntryStringStoreValue);
  return heap.writeStruct([array], TypeIndex.TypedMapStringStoreValue);
}
