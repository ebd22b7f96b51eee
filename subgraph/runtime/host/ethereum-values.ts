/**
 * `ethereum.Value` <-> ABI values. Writing follows the ABI parameter types (uintN always arrives as a
 * UINT BigInt, tuples as arrays in component order); reading rebuilds a viem ABI parameter plus
 * value from the kinds, as graph-node builds ethabi tokens (INT as int256, UINT as uint256).
 */
import type { AbiParameter } from "viem";
import { DeterministicError } from "./errors.ts";
import { type AscHeap, TypeIndex } from "./heap.ts";
import { fromHex, hex, readBigInt, writeBigInt } from "./values.ts";

export const EthKind = {
  ADDRESS: 0,
  FIXED_BYTES: 1,
  BYTES: 2,
  INT: 3,
  UINT: 4,
  BOOL: 5,
  STRING: 6,
  FIXED_ARRAY: 7,
  ARRAY: 8,
  TUPLE: 9,
} as const;

type Components = readonly AbiParameter[];

function components(param: AbiParameter): Components {
  return "components" in param && param.components ? param.components : [];
}

type ScalarKind = "address" | "bool" | "string" | "bytes" | "fixedBytes" | "uint" | "int" | "array" | "tuple" | null;

// The kind of an ABI type text, classified once per distinct type (events repeat the same few).
const kinds = new Map<string, ScalarKind>();
function kindOf(type: string): ScalarKind {
  let kind = kinds.get(type);
  if (kind === undefined) {
    if (/^(.*)\[(\d*)\]$/.test(type)) kind = "array";
    else if (type === "tuple" || type === "address" || type === "bool" || type === "string" || type === "bytes") kind = type;
    else if (/^bytes\d+$/.test(type)) kind = "fixedBytes";
    else if (/^uint\d*$/.test(type)) kind = "uint";
    else if (/^int\d*$/.test(type)) kind = "int";
    else kind = null;
    kinds.set(type, kind);
  }
  return kind;
}

const enumOf = (heap: AscHeap, kind: number, payload: number | bigint) => heap.writeEnum(kind, payload, TypeIndex.EthereumValue);

/** Writes one decoded ABI value (viem's decoded form) as an `ethereum.Value`. */
export function writeEthValue(heap: AscHeap, param: AbiParameter, value: unknown): number {
  const type = param.type;
  switch (kindOf(type)) {
    case "address":
      return enumOf(heap, EthKind.ADDRESS, heap.writeBytes(fromHex(value as string)));
    case "uint":
      return enumOf(heap, EthKind.UINT, writeBigInt(heap, BigInt(value as bigint)));
    case "int":
      return enumOf(heap, EthKind.INT, writeBigInt(heap, BigInt(value as bigint)));
    case "bool":
      return enumOf(heap, EthKind.BOOL, value ? 1 : 0);
    case "string":
      return enumOf(heap, EthKind.STRING, heap.writeString(value as string));
    case "bytes":
      return enumOf(heap, EthKind.BYTES, heap.writeBytes(fromHex(value as string)));
    case "fixedBytes":
      return enumOf(heap, EthKind.FIXED_BYTES, heap.writeBytes(fromHex(value as string)));
    case "array": {
      const [, elementType, size] = /^(.*)\[(\d*)\]$/.exec(type) as RegExpExecArray;
      const element = { ...param, type: elementType } as AbiParameter;
      const items = (value as unknown[]).map((v) => writeEthValue(heap, element, v));
      return enumOf(heap, size === "" ? EthKind.ARRAY : EthKind.FIXED_ARRAY, heap.writePtrArray(items, TypeIndex.ArrayEthereumValue));
    }
    case "tuple": {
      const comps = components(param);
      const values = Array.isArray(value) ? value : comps.map((c, i) => (value as Record<string, unknown>)[c.name ?? String(i)]);
      const items = comps.map((c, i) => writeEthValue(heap, c, values[i]));
      return enumOf(heap, EthKind.TUPLE, heap.writePtrArray(items, TypeIndex.ArrayEthereumValue));
    }
    default:
      throw new DeterministicError(`unsupported ABI type ${type}`);
  }
}

/** Reads an `ethereum.Value` as a viem parameter type and value (for eth_call args and ethereum.encode). */
export function readEthValue(heap: AscHeap, ptr: number): { param: AbiParameter; value: unknown } {
  const { kind, payloadPtr } = heap.readEnum(ptr, "an ethereum.Value");
  switch (kind) {
    case EthKind.ADDRESS: {
      const bytes = heap.readBytes(payloadPtr);
      if (bytes.length !== 20) throw new DeterministicError(`an Address must be 20 bytes, got ${bytes.length}`);
      return { param: { type: "address" }, value: hex(bytes) };
    }
    case EthKind.FIXED_BYTES: {
      const bytes = heap.readBytes(payloadPtr);
      if (bytes.length < 1 || bytes.length > 32) throw new DeterministicError(`fixed bytes must be 1 to 32 bytes, got ${bytes.length}`);
      return { param: { type: `bytes${bytes.length}` }, value: hex(bytes) };
    }
    case EthKind.BYTES:
      return { param: { type: "bytes" }, value: hex(heap.readBytes(payloadPtr)) };
    case EthKind.INT:
      return { param: { type: "int256" }, value: readBigInt(heap, payloadPtr) };
    case EthKind.UINT: {
      const n = readBigInt(heap, payloadPtr);
      if (n < 0n) throw new DeterministicError("a UINT ethereum.Value holds a negative number");
      return { param: { type: "uint256" }, value: n };
    }
    case EthKind.BOOL:
      return { param: { type: "bool" }, value: heap.i64(ptr + 8) !== 0n };
    case EthKind.STRING:
      return { param: { type: "string" }, value: heap.readString(payloadPtr) };
    case EthKind.FIXED_ARRAY:
    case EthKind.ARRAY: {
      const items = heap.readPtrArray(payloadPtr).map((p) => readEthValue(heap, p));
      const element = items[0]?.param ?? { type: "uint256" };
      const suffix = kind === EthKind.ARRAY ? "[]" : `[${items.length}]`;
      const param = { ...element, type: `${element.type}${suffix}` } as AbiParameter;
      return { param, value: items.map((i) => i.value) };
    }
    case EthKind.TUPLE: {
      const items = heap.readPtrArray(payloadPtr).map((p) => readEthValue(heap, p));
      return { param: { type: "tuple", components: items.map((i) => i.param) } as AbiParameter, value: items.map((i) => i.value) };
    }
    default:
      throw new DeterministicError(`unknown ethereum.Value kind ${kind}`);
  }
}

/** Adapts a value read from AS to the declared ABI parameter (tuples by position, uintN from bigint). */
export function coerceToParam(param: AbiParameter, value: unknown): unknown {
  const array = /^(.*)\[(\d*)\]$/.exec(param.type);
  if (array) return (value as unknown[]).map((v) => coerceToParam({ ...param, type: array[1] } as AbiParameter, v));
  if (param.type === "tuple") {
    const comps = components(param);
    const values = value as unknown[];
    const named = comps.every((c) => c.name);
    if (!named) return comps.map((c, i) => coerceToParam(c, values[i]));
    return Object.fromEntries(comps.map((c, i) => [c.name, coerceToParam(c, values[i])]));
  }
  return value;
}
