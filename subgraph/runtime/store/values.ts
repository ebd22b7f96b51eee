/**
 * How entity values map to SQLite columns and back, and how text values (fixtures, GraphQL input)
 * become entity values. Layout per field:
 *   String/ID/Enum/Bytes → TEXT; Int/Int8/Timestamp/Boolean → INTEGER;
 *   BigInt/BigDecimal → TEXT plus an order-preserving key column `<field>__k`;
 *   references → the target id's column type; lists → canonical JSON text.
 */
import { bigDecimalKey, bigIntKey, normalizeBigDecimal } from "./decimal.ts";
import type { FieldDef, IdKind, ScalarKind, SubgraphSchema } from "./schema.ts";
import { idKindOf } from "./schema.ts";
import type { EntityValue } from "./types.ts";

/** Raised when a value does not fit its field's type. */
export class ValueError extends Error {
  override name = "ValueError";
}

/** The scalar a field's values have once references are replaced by their id type. */
export type ValueKind = ScalarKind | "Enum";

export type SqlValue = string | number | bigint | null;

/** The scalar kind values of `field` are stored as (references → their id kind). */
export function valueKindOf(schema: SubgraphSchema, field: FieldDef): ValueKind {
  if (field.kind !== "Ref") return field.kind;
  return idKindAsValueKind(idKindOf(schema, field.typeName));
}

export function idKindAsValueKind(id: IdKind): ValueKind {
  return id === "Bytes" ? "Bytes" : id === "Int8" ? "Int8" : "String";
}

export function hasKeyColumn(kind: ValueKind, list: boolean): boolean {
  return !list && (kind === "BigInt" || kind === "BigDecimal");
}

export function sqlTypeOf(kind: ValueKind, list: boolean): "TEXT" | "INTEGER" {
  if (list) return "TEXT";
  return kind === "Int" || kind === "Int8" || kind === "Timestamp" || kind === "Boolean" ? "INTEGER" : "TEXT";
}

const hexPattern = /^(0x)?([0-9a-fA-F]*)$/;

/** Parse text into the JS value of `kind` (fixture JSON and GraphQL input both use text for big numbers). */
export function parseScalar(kind: ValueKind, value: unknown): EntityValue {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case "ID":
    case "String":
    case "Enum":
      if (typeof value !== "string") throw new ValueError(`expected a string, got ${JSON.stringify(value)}`);
      return value;
    case "Bytes": {
      const m = typeof value === "string" ? hexPattern.exec(value) : null;
      if (!m || m[2].length % 2 !== 0) throw new ValueError(`expected 0x-prefixed hex bytes, got ${JSON.stringify(value)}`);
      return `0x${m[2].toLowerCase()}`;
    }
    case "Int": {
      const n = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
      if (typeof n !== "number" || !Number.isInteger(n) || n < -2147483648 || n > 2147483647)
        throw new ValueError(`expected a 32-bit integer, got ${JSON.stringify(value)}`);
      return n;
    }
    case "Int8":
    case "Timestamp":
    case "BigInt": {
      if (typeof value === "bigint") return value;
      if ((typeof value === "number" && Number.isInteger(value)) || (typeof value === "string" && /^-?\d+$/.test(value.trim()))) {
        const n = BigInt(typeof value === "string" ? value.trim() : value);
        if (kind !== "BigInt" && (n < -(2n ** 63n) || n >= 2n ** 63n))
          throw new ValueError(`expected a 64-bit integer, got ${JSON.stringify(String(value))}`);
        return n;
      }
      throw new ValueError(`expected an integer, got ${JSON.stringify(typeof value === "bigint" ? String(value) : value)}`);
    }
    case "BigDecimal":
      if (typeof value !== "string" && typeof value !== "number")
        throw new ValueError(`expected a decimal string, got ${JSON.stringify(value)}`);
      try {
        return normalizeBigDecimal(String(value));
      } catch {
        throw new ValueError(`expected a decimal string, got ${JSON.stringify(value)}`);
      }
    case "Boolean":
      if (typeof value !== "boolean") throw new ValueError(`expected a boolean, got ${JSON.stringify(value)}`);
      return value;
  }
}

/** Parse a field value (scalar or list) from text/JSON input. */
export function parseFieldValue(kind: ValueKind, list: boolean, value: unknown): EntityValue {
  if (value === null || value === undefined) return null;
  if (!list) return parseScalar(kind, value);
  if (!Array.isArray(value)) throw new ValueError(`expected a list, got ${JSON.stringify(value)}`);
  return value.map((v) => parseScalar(kind, v));
}

function jsonElement(kind: ValueKind, v: EntityValue): string {
  if (v === null) return "null";
  if (typeof v === "bigint") return kind === "BigInt" ? JSON.stringify(v.toString()) : v.toString();
  if (kind === "BigDecimal") return JSON.stringify(normalizeBigDecimal(String(v)));
  return JSON.stringify(v);
}

/** Canonical JSON of a list value: the same list always gives the same text (used for equality). */
export function listToJson(kind: ValueKind, values: EntityValue[]): string {
  return `[${values.map((v) => jsonElement(kind, v)).join(",")}]`;
}

/** JS value → column value (and key column value for BigInt/BigDecimal). */
export function toColumn(kind: ValueKind, list: boolean, value: EntityValue): { value: SqlValue; key?: string | null } {
  if (value === null || value === undefined) return hasKeyColumn(kind, list) ? { value: null, key: null } : { value: null };
  if (list) {
    if (!Array.isArray(value)) throw new ValueError(`expected a list, got ${String(value)}`);
    return { value: listToJson(kind, value) };
  }
  if (Array.isArray(value)) throw new ValueError("expected a single value, got a list");
  switch (kind) {
    case "BigInt": {
      const n = typeof value === "bigint" ? value : BigInt(String(value));
      return { value: n.toString(), key: bigIntKey(n) };
    }
    case "BigDecimal": {
      const text = normalizeBigDecimal(String(value));
      return { value: text, key: bigDecimalKey(text) };
    }
    case "Boolean":
      return { value: value ? 1 : 0 };
    case "Int8":
    case "Timestamp":
      return { value: typeof value === "bigint" ? value : BigInt(value as number) };
    default:
      return { value: value as string | number };
  }
}

/** Column value → JS value (as the store contract's types.ts describes). */
export function fromColumn(kind: ValueKind, list: boolean, raw: unknown): EntityValue {
  if (raw === null || raw === undefined) return null;
  if (list) return parseJsonList(kind, String(raw));
  switch (kind) {
    case "Int":
      return Number(raw);
    case "Int8":
    case "Timestamp":
      return BigInt(raw as number | bigint);
    case "BigInt":
      return BigInt(String(raw));
    case "Boolean":
      return Number(raw) !== 0;
    default:
      return String(raw);
  }
}

function parseJsonList(kind: ValueKind, text: string): EntityValue[] {
  if (kind === "Int8" || kind === "Timestamp") {
    // JSON.parse would lose precision above 2^53.
    const inner = text.slice(1, -1).trim();
    return inner === "" ? [] : inner.split(",").map((s) => (s.trim() === "null" ? null : BigInt(s.trim())));
  }
  const parsed = JSON.parse(text) as Array<string | number | boolean | null>;
  if (kind === "BigInt") return parsed.map((v) => (v === null ? null : BigInt(String(v))));
  return parsed;
}
