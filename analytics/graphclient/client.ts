/**
 * A thin, validated wrapper over the built the-graph client: the subgraph's head (`_meta`) and one
 * page of an entity at a pinned block. Retries transient failures (network, 5xx, timeouts) with
 * exponential backoff; anything else, or a transient failure that outlasts the retries, becomes a
 * SubgraphError with one line saying what failed and where.
 */
import { createRequire } from "node:module";
import { z } from "zod";
import { ensureGraphClient } from "./build.ts";

export class SubgraphError extends Error {
  override name = "SubgraphError";
}

/** The subgraph's indexed head. */
export interface SubgraphHead {
  blockNumber: number;
  blockHash: string | null;
  deployment: string;
  hasIndexingErrors: boolean;
}

/** Names of the page operations in analytics/graphclient/queries/. */
export type PageOperation =
  | "CollectionsPage"
  | "TokensPage"
  | "TransactionsPage"
  | "MintsPage"
  | "TransfersPage"
  | "SalesPage"
  | "PricePointsPage";

export interface PageVariables {
  /** The block every page of a sync window is pinned to. */
  block: number;
  /** Only entities changed at or after this block (graph-node's `_change_block`). */
  fromBlock: number;
  /** id_gt cursor: the last id of the previous page ("" or "0x" before the first). */
  afterId: string;
}

export interface GraphClient {
  url: string;
  head(): Promise<SubgraphHead>;
  /** Up to 1000 raw entities (validate them at the caller, per entity). */
  page(operation: PageOperation, field: string, variables: PageVariables): Promise<unknown[]>;
}

export interface GraphClientOptions {
  url: string;
  /** Attempts after the first one for transient failures. */
  retries?: number;
  /** First backoff delay; doubles each retry. */
  backoffMs?: number;
  /** Per-request time limit. */
  timeoutMs?: number;
}

type ExecuteResult = { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
interface GeneratedClient {
  execute(document: unknown, variables: Record<string, unknown>, context: Record<string, unknown>): Promise<ExecuteResult>;
  [name: string]: unknown;
}

const metaSchema = z.object({
  _meta: z.object({
    block: z.object({ number: z.number().int().nonnegative(), hash: z.string().nullable().optional() }),
    deployment: z.string(),
    hasIndexingErrors: z.boolean(),
  }),
});

/** Checks a subgraph URL; throws SubgraphError naming the problem and an example. */
export function parseSubgraphUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SubgraphError(`subgraph URL "${url}" is not a URL, e.g. http://127.0.0.1:8000/subgraphs/name/hashfloor`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new SubgraphError(`subgraph URL "${url}" must be http(s), e.g. http://127.0.0.1:8000/subgraphs/name/hashfloor`);
  }
  return parsed.href;
}

class TransientError extends Error {}

const transientMessage =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|socket hang up|fetch failed|timed out|timeout|5\d\d|429|Unexpected end of JSON|not valid JSON|Bad Gateway|Service Unavailable/i;

/**
 * Mesh tags every upstream failure DOWNSTREAM_SERVICE_ERROR; a failed request (network, HTTP status,
 * unparsable body) also carries the request it sent. graph-node's own answers are deterministic
 * (a bad query stays bad) except store trouble and "block not yet available", which pass.
 */
function isTransient(error: { message: string; extensions?: Record<string, unknown> }): boolean {
  if (error.extensions?.request || error.extensions?.originalError) return true;
  return transientMessage.test(error.message) || /Store error|not yet available/i.test(error.message);
}

/**
 * Node's own loader (require of an ES module, Node ≥ 22.12), never a test runner's: the generated client and @graphql-mesh must share one
 * `graphql` module instance, and a test runner that transforms the client would resolve `graphql`
 * to its ESM build while mesh resolves the CommonJS one ("Cannot use GraphQLObjectType from another realm").
 */
const nativeRequire = createRequire(import.meta.url);

/** Creates a client for `url` (builds the generated client first when stale). */
export async function createGraphClient({
  url,
  retries = 4,
  backoffMs = 500,
  timeoutMs = 30_000,
}: GraphClientOptions): Promise<GraphClient> {
  const endpoint = parseSubgraphUrl(url);
  const generated = nativeRequire(await ensureGraphClient()) as GeneratedClient;

  const once = async (operation: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const document = generated[`${operation}Document`];
    if (!document) throw new SubgraphError(`the generated client has no operation ${operation}; rebuild analytics/graphclient`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TransientError(`timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const result = await Promise.race([generated.execute(document, variables, { subgraphUrl: endpoint }), timeout]);
      if (result.errors?.length) {
        const first = result.errors[0];
        const message = first.message.split("\n")[0];
        if (isTransient(first)) throw new TransientError(message);
        throw new SubgraphError(`subgraph at ${endpoint} answered ${operation} with an error: ${message}`);
      }
      if (!result.data) throw new TransientError("empty response");
      return result.data;
    } finally {
      clearTimeout(timer);
    }
  };

  const request = async (operation: string, variables: Record<string, unknown>) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await once(operation, variables);
      } catch (error) {
        if (!(error instanceof TransientError)) throw error;
        if (attempt >= retries) {
          throw new SubgraphError(
            `subgraph at ${endpoint} failed ${operation} ${attempt + 1} times (last: ${error.message}); the sync stopped and will resume from here`,
          );
        }
        await new Promise((r) => setTimeout(r, backoffMs * 2 ** attempt));
      }
    }
  };

  return {
    url: endpoint,
    async head() {
      const parsed = metaSchema.safeParse(await request("Meta", {}));
      if (!parsed.success) throw new SubgraphError(`subgraph at ${endpoint} returned a malformed _meta: ${parsed.error.issues[0].message}`);
      const meta = parsed.data._meta;
      return {
        blockNumber: meta.block.number,
        blockHash: meta.block.hash ?? null,
        deployment: meta.deployment,
        hasIndexingErrors: meta.hasIndexingErrors,
      };
    },
    async page(operation, field, variables) {
      const data = await request(operation, { ...variables });
      const rows = data[field];
      if (!Array.isArray(rows)) throw new SubgraphError(`subgraph at ${endpoint} returned no list for ${field}`);
      return rows;
    },
  };
}
