/**
 * Live data sources: the manifest's, then those templates created, in creation order (the order
 * graph-node tries hosts for each trigger). Created ones are recorded with their creation block so
 * an indexer can persist them and reload them after a restart.
 */
import type { Hex } from "../chain/types.ts";
import { DeterministicError } from "../host/errors.ts";
import { StoreKind, type TaggedValue } from "../host/values.ts";
import type { DataSource, Manifest } from "../manifest/manifest.ts";
import type { TaggedEntity } from "./entity-cache.ts";

/** A template instantiation, serialisable as JSON. */
export interface CreatedDataSource {
  template: string;
  address: Hex;
  /** The block whose handler created it; it starts there. */
  createdAtBlock: number;
  context: Array<[string, JsonTagged]> | null;
}

type JsonTagged = { kind: number; value: unknown };

const toJson = (v: TaggedValue): JsonTagged =>
  v.kind === StoreKind.ARRAY
    ? { kind: v.kind, value: v.value.map(toJson) }
    : { kind: v.kind, value: typeof v.value === "bigint" ? v.value.toString() : v.value };

function fromJson(v: JsonTagged): TaggedValue {
  if (v.kind === StoreKind.ARRAY) return { kind: StoreKind.ARRAY, value: (v.value as JsonTagged[]).map(fromJson) };
  if (v.kind === StoreKind.BIGINT || v.kind === StoreKind.INT8 || v.kind === StoreKind.TIMESTAMP)
    return { kind: v.kind, value: BigInt(v.value as string) } as TaggedValue;
  return v as TaggedValue;
}

export class DataSourceSet {
  readonly all: DataSource[];
  private readonly created: CreatedDataSource[] = [];

  constructor(private readonly manifest: Manifest) {
    this.all = [...manifest.dataSources];
  }

  /** Validates a `dataSource.create` call and returns the record (not yet live). */
  prepare(template: string, params: string[], context: TaggedEntity | null, block: number): CreatedDataSource {
    if (!this.manifest.templates.some((t) => t.name === template)) {
      throw new DeterministicError(
        `Failed to create data source from name \`${template}\`: No template with this name in parent data source.`,
      );
    }
    const raw = params[0] ?? "";
    const body = raw.startsWith("0x") ? raw.slice(2) : raw;
    if (!/^[0-9a-fA-F]{40}$/.test(body))
      throw new DeterministicError(`Failed to create data source from template \`${template}\`: invalid address provided: ${raw}`);
    return {
      template,
      address: `0x${body.toLowerCase()}`,
      createdAtBlock: block,
      context: context ? [...context].map(([k, v]) => [k, toJson(v)]) : null,
    };
  }

  /** Makes a created data source live; returns it. */
  add(record: CreatedDataSource): DataSource {
    const template = this.manifest.templates.find((t) => t.name === record.template) as Manifest["templates"][number];
    const ds: DataSource = {
      ...template,
      address: record.address,
      startBlock: record.createdAtBlock,
      endBlock: null,
      context: record.context ? new Map(record.context.map(([k, v]) => [k, fromJson(v)])) : null,
    };
    this.all.push(ds);
    this.created.push(record);
    return ds;
  }

  /** Created data sources (for persistence). */
  records(): CreatedDataSource[] {
    return [...this.created];
  }

  /** Drops data sources created after `block` (reorg). */
  revertTo(block: number): void {
    const keep = this.created.filter((r) => r.createdAtBlock <= block);
    this.all.length = this.manifest.dataSources.length;
    this.created.length = 0;
    for (const r of keep) this.add(r);
  }
}
