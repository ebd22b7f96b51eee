/** A data source's `context:` block from the manifest, as the entity `dataSource.context()` returns. */
import { ManifestError } from "../host/errors.ts";
import { StoreKind, type TaggedValue } from "../host/values.ts";
import type { TaggedEntity } from "../process/entity-cache.ts";

function value(owner: string, key: string, type: string, data: unknown): TaggedValue {
  switch (type) {
    case "String":
      return { kind: StoreKind.STRING, value: String(data) };
    case "Bytes":
      return { kind: StoreKind.BYTES, value: String(data).toLowerCase() };
    case "Int":
      return { kind: StoreKind.INT, value: Number(data) };
    case "Int8":
      return { kind: StoreKind.INT8, value: BigInt(data as string) };
    case "BigInt":
      return { kind: StoreKind.BIGINT, value: BigInt(data as string) };
    case "BigDecimal":
      return { kind: StoreKind.BIGDECIMAL, value: String(data) };
    case "Bool":
    case "Boolean":
      return { kind: StoreKind.BOOL, value: Boolean(data) };
    case "List":
      return {
        kind: StoreKind.ARRAY,
        value: (data as Array<{ type: string; data: unknown }>).map((v) => value(owner, key, v.type, v.data)),
      };
    default:
      throw new ManifestError(`${owner}: context.${key} has unsupported type ${type}`);
  }
}

export function parseContext(owner: string, raw: Record<string, { type: string; data?: unknown }>): TaggedEntity {
  return new Map(Object.entries(raw).map(([key, v]) => [key, value(owner, key, v.type, v.data)]));
}
