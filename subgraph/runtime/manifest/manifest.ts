/**
 * Loads a built subgraph (the `subgraph.yaml` that `graph build` writes, with paths to the compiled
 * `.wasm`, ABIs and schema): data sources, templates, event and block handlers, `receipt: true`,
 * `startBlock`/`endBlock`, and resolves every handler's event against its ABI.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Abi, AbiEvent } from "viem";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { Hex } from "../chain/types.ts";
import { ManifestError } from "../host/errors.ts";
import type { TaggedEntity } from "../process/entity-cache.ts";
import { parseSchema, type SubgraphSchema } from "../schema/schema.ts";
import { parseContext } from "./context.ts";
import { resolveEvent } from "./events.ts";

const handlerSchema = z.object({
  event: z.string(),
  handler: z.string(),
  receipt: z.boolean().optional(),
  topic0: z.string().optional(),
  topic1: z.array(z.string()).optional(),
  topic2: z.array(z.string()).optional(),
  topic3: z.array(z.string()).optional(),
});
const blockHandlerSchema = z.object({
  handler: z.string(),
  filter: z.object({ kind: z.enum(["call", "polling", "once"]), every: z.number().int().positive().optional() }).optional(),
});
const mappingSchema = z.object({
  kind: z.string(),
  apiVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
  language: z.literal("wasm/assemblyscript"),
  entities: z.array(z.string()).default([]),
  abis: z.array(z.object({ name: z.string(), file: z.string() })),
  eventHandlers: z.array(handlerSchema).default([]),
  blockHandlers: z.array(blockHandlerSchema).default([]),
  callHandlers: z.array(z.unknown()).default([]),
  file: z.string(),
});
const sourceSchema = z.object({
  address: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/)
    .optional(),
  abi: z.string(),
  startBlock: z.number().int().nonnegative().default(0),
  endBlock: z.number().int().nonnegative().optional(),
});
const dataSourceSchema = z.object({
  kind: z.literal("ethereum").or(z.literal("ethereum/contract")),
  name: z.string(),
  network: z.string(),
  source: sourceSchema,
  context: z.record(z.object({ type: z.string(), data: z.unknown() })).optional(),
  mapping: mappingSchema,
});
const templateSchema = dataSourceSchema.extend({ source: z.object({ abi: z.string() }) });
const manifestSchema = z.object({
  specVersion: z.string(),
  schema: z.object({ file: z.string() }),
  features: z.array(z.string()).default([]),
  dataSources: z.array(dataSourceSchema).min(1),
  templates: z.array(templateSchema).default([]),
});

export interface EventHandler {
  event: string;
  handler: string;
  receipt: boolean;
  topic0: Hex;
  /** Optional topic1..topic3 filters (specVersion >= 1.2.0); null = any. */
  topicFilters: Array<Hex[] | null>;
  abiEvent: AbiEvent;
}

export interface BlockHandler {
  handler: string;
  filter: { kind: "polling"; every: number } | { kind: "once" } | null;
}

export interface Mapping {
  apiVersion: string;
  /** Absolute path of the compiled module. */
  file: string;
  entities: string[];
  abis: Map<string, Abi>;
  eventHandlers: EventHandler[];
  blockHandlers: BlockHandler[];
}

export interface DataSourceTemplate {
  name: string;
  network: string;
  abiName: string;
  mapping: Mapping;
}

export interface DataSource extends DataSourceTemplate {
  address: Hex | null;
  startBlock: number;
  endBlock: number | null;
  context: TaggedEntity | null;
}

export interface Manifest {
  path: string;
  specVersion: string;
  network: string;
  schema: SubgraphSchema;
  /** `nonFatalErrors` in `features`: failed handlers do not stop the subgraph. */
  nonFatalErrors: boolean;
  dataSources: DataSource[];
  templates: DataSourceTemplate[];
}

const apiNumber = (v: string) => v.split(".").reduce((acc, part) => acc * 1000 + Number(part), 0);
export const apiAtLeast = (version: string, min: string) => apiNumber(version) >= apiNumber(min);

function loadMapping(dir: string, owner: string, raw: z.infer<typeof mappingSchema>): Mapping {
  if (!apiAtLeast(raw.apiVersion, "0.0.7") || apiAtLeast(raw.apiVersion, "0.0.10")) {
    throw new ManifestError(
      `${owner}: mapping apiVersion ${raw.apiVersion} is not supported; this runtime runs 0.0.7 to 0.0.9 (graph-cli >= 0.80)`,
    );
  }
  if (raw.callHandlers.length > 0) throw new ManifestError(`${owner}: call handlers need traces, which the local runtime does not have`);
  const abis = new Map<string, Abi>();
  for (const a of raw.abis) {
    const json = JSON.parse(readFileSync(resolve(dir, a.file), "utf8")) as Abi | { abi: Abi };
    abis.set(a.name, Array.isArray(json) ? (json as Abi) : (json as { abi: Abi }).abi);
  }
  const seen = new Set<string>();
  const blockHandlers: BlockHandler[] = raw.blockHandlers.map((b) => {
    if (b.filter?.kind === "call") throw new ManifestError(`${owner}: block handler ${b.handler} has a call filter, which needs traces`);
    const kind = b.filter?.kind ?? "block";
    if (seen.has(kind)) throw new ManifestError(`${owner}: more than one block handler of kind ${kind}`);
    seen.add(kind);
    if (b.filter?.kind === "polling") return { handler: b.handler, filter: { kind: "polling", every: b.filter.every ?? 1 } };
    if (b.filter?.kind === "once") return { handler: b.handler, filter: { kind: "once" } };
    return { handler: b.handler, filter: null };
  });
  return { apiVersion: raw.apiVersion, file: resolve(dir, raw.file), entities: raw.entities, abis, eventHandlers: [], blockHandlers };
}

function withEvents(owner: string, abiName: string, mapping: Mapping, raw: z.infer<typeof mappingSchema>): Mapping {
  const abi = mapping.abis.get(abiName);
  if (!abi) throw new ManifestError(`${owner}: source.abi ${abiName} is not among mapping.abis`);
  mapping.eventHandlers = raw.eventHandlers.map((h) => {
    if (h.receipt && !apiAtLeast(mapping.apiVersion, "0.0.7")) throw new ManifestError(`${owner}: receipt: true needs apiVersion >= 0.0.7`);
    const { abiEvent, topic0 } = resolveEvent(owner, abi, h.event, h.topic0);
    const filters = [h.topic1, h.topic2, h.topic3].map((f) => (f ? f.map((t) => t.toLowerCase() as Hex) : null));
    return { event: h.event, handler: h.handler, receipt: h.receipt ?? false, topic0, topicFilters: filters, abiEvent };
  });
  return mapping;
}

/** Reads and checks a built manifest; throws ManifestError with the data source or field at fault. */
export function loadManifest(path: string): Manifest {
  const absolute = resolve(path);
  const dir = dirname(absolute);
  let raw: z.infer<typeof manifestSchema>;
  try {
    raw = manifestSchema.parse(parseYaml(readFileSync(absolute, "utf8")));
  } catch (error) {
    if (error instanceof z.ZodError) {
      const issue = error.issues[0];
      throw new ManifestError(`${path}: ${issue.path.join(".")}: ${issue.message}`);
    }
    throw new ManifestError(`${path}: ${(error as Error).message}`);
  }
  const schema = parseSchema(readFileSync(resolve(dir, raw.schema.file), "utf8"));
  const dataSources: DataSource[] = raw.dataSources.map((ds) => {
    const owner = `data source ${ds.name}`;
    const mapping = withEvents(owner, ds.source.abi, loadMapping(dir, owner, ds.mapping), ds.mapping);
    return {
      name: ds.name,
      network: ds.network,
      abiName: ds.source.abi,
      mapping,
      address: ds.source.address ? (ds.source.address.toLowerCase() as Hex) : null,
      startBlock: ds.source.startBlock,
      endBlock: ds.source.endBlock ?? null,
      context: ds.context ? parseContext(owner, ds.context) : null,
    };
  });
  const templates = raw.templates.map((t) => {
    const owner = `template ${t.name}`;
    return {
      name: t.name,
      network: t.network,
      abiName: t.source.abi,
      mapping: withEvents(owner, t.source.abi, loadMapping(dir, owner, t.mapping), t.mapping),
    };
  });
  return {
    path: absolute,
    specVersion: raw.specVersion,
    network: raw.dataSources[0].network,
    schema,
    nonFatalErrors: raw.features.includes("nonFatalErrors"),
    dataSources,
    templates,
  };
}
