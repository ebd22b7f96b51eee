/**
 * The AssemblyScript heap as graph-node sees it (apiVersion >= 0.0.5, AS 0.19 object model):
 * 20-byte object headers, payloads 16-byte aligned, runtime class ids from the module's exported
 * `id_of_type`. Allocation follows graph-node: an arena obtained from the module's `allocate`, in
 * which the host lays out headers itself, so building a trigger costs few calls into wasm.
 */
import { DeterministicError } from "./errors.ts";

/** graph-node's `IndexForAscTypeId` values the Ethereum host uses. */
export const TypeIndex = {
  String: 0,
  ArrayBuffer: 1,
  Uint8Array: 6,
  BigDecimal: 12,
  ArrayUint8Array: 14,
  ArrayEthereumValue: 15,
  ArrayStoreValue: 16,
  ArrayJsonValue: 17,
  ArrayString: 18,
  ArrayEventParam: 19,
  ArrayTypedMapEntryStringJsonValue: 20,
  ArrayTypedMapEntryStringStoreValue: 21,
  SmartContractCall: 22,
  EventParam: 23,
  EthereumTransaction: 24,
  EthereumBlock: 25,
  WrappedBool: 28,
  WrappedJsonValue: 29,
  EthereumValue: 30,
  StoreValue: 31,
  JsonValue: 32,
  EthereumEvent: 33,
  TypedMapEntryStringStoreValue: 34,
  TypedMapEntryStringJsonValue: 35,
  TypedMapStringStoreValue: 36,
  TypedMapStringJsonValue: 37,
  ResultJsonValueBool: 40,
  TransactionReceipt: 1000,
  Log: 1001,
  ArrayH256: 1002,
  ArrayLog: 1003,
  ArrayTypedMapStringStoreValue: 1004,
} as const;

const HEADER_SIZE = 20;
const MIN_ARENA_SIZE = 10_000;

interface HeapExports {
  memory: WebAssembly.Memory;
  allocate(size: number): number;
  id_of_type(index: number): number;
}

const utf16 = new TextDecoder("utf-16le");

/** Reads and writes AssemblyScript objects in one module instance's memory. */
export class AscHeap {
  private buffer: ArrayBuffer;
  private bytes: Uint8Array;
  private view: DataView;
  private arenaStart = 0;
  private arenaSize = 0;

  constructor(
    private readonly exports: HeapExports,
    /** rtIds by type index; shared by every instance of one compiled module. */
    private readonly rtIds: Map<number, number>,
  ) {
    this.buffer = exports.memory.buffer;
    this.bytes = new Uint8Array(this.buffer);
    this.view = new DataView(this.buffer);
  }

  /**
   * Memory growth detaches the old buffer: re-create views after any call into wasm. A detached
   * buffer has byteLength 0, which is far cheaper to read than `memory.buffer` on every access.
   */
  private refresh(): void {
    if (this.buffer.byteLength === 0) {
      this.buffer = this.exports.memory.buffer;
      this.bytes = new Uint8Array(this.buffer);
      this.view = new DataView(this.buffer);
    }
  }

  u8(): Uint8Array {
    this.refresh();
    return this.bytes;
  }

  dv(): DataView {
    this.refresh();
    return this.view;
  }

  rtId(index: number): number {
    let id = this.rtIds.get(index);
    if (id === undefined) {
      id = this.exports.id_of_type(index);
      this.rtIds.set(index, id);
    }
    return id;
  }

  /** Allocates an object of `size` payload bytes with class `typeIndex`; returns the payload pointer. */
  alloc(size: number, typeIndex: number): number {
    const rtId = this.rtId(typeIndex);
    const total = HEADER_SIZE + size;
    const padded = total + ((16 - (total % 16)) % 16);
    if (padded > this.arenaSize) {
      const want = Math.max(padded + 12, MIN_ARENA_SIZE);
      const start = this.exports.allocate(want);
      this.refresh();
      // graph-node: skip 12 bytes so every payload (after a 20-byte header) starts 16-byte aligned.
      this.arenaStart = start + 12;
      this.arenaSize = want - 12;
    }
    const header = this.arenaStart;
    this.arenaStart += padded;
    this.arenaSize -= padded;
    const view = this.view;
    view.setUint32(header, 16 + padded - HEADER_SIZE, true);
    view.setUint32(header + 4, 0, true);
    view.setUint32(header + 8, 0, true);
    view.setUint32(header + 12, rtId, true);
    view.setUint32(header + 16, size, true);
    this.bytes.fill(0, header + HEADER_SIZE, header + padded);
    return header + HEADER_SIZE;
  }

  private checkPtr(ptr: number, what: string): void {
    if (ptr === 0) throw new DeterministicError(`unexpected null pointer reading ${what}; a value the host needed was null`);
    if (ptr < HEADER_SIZE || ptr > this.u8().length) throw new DeterministicError(`pointer ${ptr} out of bounds reading ${what}`);
  }

  /** Payload byte length from the object header. */
  rtSize(ptr: number): number {
    return this.dv().getUint32(ptr - 4, true);
  }

  i32(ptr: number): number {
    return this.dv().getInt32(ptr, true);
  }

  u32(ptr: number): number {
    return this.dv().getUint32(ptr, true);
  }

  i64(ptr: number): bigint {
    return this.dv().getBigInt64(ptr, true);
  }

  readString(ptr: number): string {
    this.checkPtr(ptr, "a String");
    const len = this.rtSize(ptr);
    let text: string;
    if (len <= 128) {
      // Short strings (field names, ids): a char-code loop beats TextDecoder's call overhead.
      const view = this.dv();
      const codes = new Array<number>(len >> 1);
      for (let i = 0; i < codes.length; i++) codes[i] = view.getUint16(ptr + i * 2, true);
      text = String.fromCharCode(...codes);
    } else text = utf16.decode(this.u8().subarray(ptr, ptr + len));
    // graph-node deletes every U+0000 from strings it reads.
    return text.includes("\u0000") ? text.replaceAll("\u0000", "") : text;
  }

  writeString(text: string): number {
    const ptr = this.alloc(text.length * 2, TypeIndex.String);
    const view = this.view;
    for (let i = 0; i < text.length; i++) view.setUint16(ptr + i * 2, text.charCodeAt(i), true);
    return ptr;
  }

  /** Reads a typed array (Uint8Array, Bytes, Address, BigInt), honouring `dataStart`. Returns a copy. */
  readBytes(ptr: number): Uint8Array {
    this.checkPtr(ptr, "a Uint8Array");
    const view = this.dv();
    const dataStart = view.getUint32(ptr + 4, true);
    const byteLength = view.getUint32(ptr + 8, true);
    return this.bytes.slice(dataStart, dataStart + byteLength);
  }

  writeBytes(data: Uint8Array, typeIndex: number = TypeIndex.Uint8Array): number {
    const buffer = this.alloc(data.length, TypeIndex.ArrayBuffer);
    this.bytes.set(data, buffer);
    const ptr = this.alloc(12, typeIndex);
    const view = this.view;
    view.setUint32(ptr, buffer, true);
    view.setUint32(ptr + 4, buffer, true);
    view.setUint32(ptr + 8, data.length, true);
    return ptr;
  }

  /** Reads an `Array<T>` of 4-byte elements (pointers or i32) by its `length`. */
  readPtrArray(ptr: number): number[] {
    this.checkPtr(ptr, "an Array");
    const view = this.dv();
    const dataStart = view.getUint32(ptr + 4, true);
    const length = view.getInt32(ptr + 12, true);
    const out = new Array<number>(length);
    for (let i = 0; i < length; i++) out[i] = view.getUint32(dataStart + i * 4, true);
    return out;
  }

  writePtrArray(items: number[], typeIndex: number): number {
    const buffer = this.alloc(items.length * 4, TypeIndex.ArrayBuffer);
    for (let i = 0; i < items.length; i++) this.view.setUint32(buffer + i * 4, items[i], true);
    const ptr = this.alloc(16, typeIndex);
    const view = this.view;
    view.setUint32(ptr, buffer, true);
    view.setUint32(ptr + 4, buffer, true);
    view.setUint32(ptr + 8, items.length * 4, true);
    view.setInt32(ptr + 12, items.length, true);
    return ptr;
  }

  /** A class whose fields are all 4-byte pointers (0 for null), in declaration order. */
  writeStruct(fields: number[], typeIndex: number): number {
    const ptr = this.alloc(fields.length * 4, typeIndex);
    for (let i = 0; i < fields.length; i++) this.view.setUint32(ptr + i * 4, fields[i], true);
    return ptr;
  }

  /** 16-byte tagged union (`ethereum.Value`, store `Value`): kind at 0, payload u64 at 8. */
  writeEnum(kind: number, payload: bigint | number, typeIndex: number): number {
    const ptr = this.alloc(16, typeIndex);
    this.view.setInt32(ptr, kind, true);
    // Pointers, booleans and u32s (nearly every payload) need no BigInt.
    if (typeof payload === "number" && payload >= 0 && payload <= 0xffffffff && Number.isInteger(payload)) {
      this.view.setUint32(ptr + 8, payload, true);
      this.view.setUint32(ptr + 12, 0, true);
    } else this.view.setBigUint64(ptr + 8, BigInt.asUintN(64, BigInt(payload)), true);
    return ptr;
  }

  /** The kind and, as a pointer, the payload; read `i64(ptr + 8)` for a 64-bit payload (no BigInt here). */
  readEnum(ptr: number, what: string): { kind: number; payloadPtr: number } {
    this.checkPtr(ptr, what);
    const view = this.dv();
    return { kind: view.getInt32(ptr, true), payloadPtr: view.getUint32(ptr + 8, true) };
  }

  /** `Wrapped<bool>`: one byte. */
  writeWrappedBool(value: boolean): number {
    const ptr = this.alloc(1, TypeIndex.WrappedBool);
    this.view.setUint8(ptr, value ? 1 : 0);
    return ptr;
  }
}
