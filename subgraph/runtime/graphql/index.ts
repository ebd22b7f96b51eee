/**
 * graph-node's query endpoint for the local subgraph runtime: POST (JSON body) and GET (`?query=`)
 * at `/subgraphs/name/<name>` and `/subgraphs/id/<deploymentId>`. Bad requests get graph-node-style
 * `errors`, never a crash.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { QueryableStore } from "../store/index.ts";
import { parseSubgraphSchema } from "../store/schema.ts";
import { executeRequest, type GraphqlRequest, type GraphqlResponse } from "./execute.ts";
import { buildApiModel } from "./model.ts";

export { apiSdlForSchema, writeApiSchema } from "./api-schema.ts";
export { executeRequest, type GraphqlRequest, type GraphqlResponse } from "./execute.ts";
export { buildApiModel } from "./model.ts";

export interface GraphqlServerOptions {
  store: QueryableStore;
  schemaSdl: string;
  name: string;
  deploymentId: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** graph-node's GRAPH_GRAPHQL_MAX_COMPLEXITY (unlimited by default, as graph-node). */
  maxComplexity?: number;
}

export interface GraphqlServer {
  /** Base URL, e.g. http://127.0.0.1:8000 ; the endpoint is `${url}/subgraphs/name/<name>`. */
  url: string;
  /** The name endpoint's full URL. */
  endpoint: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "access-control-allow-origin": "*" });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function requestFrom(method: string, url: URL, body: string): GraphqlRequest | string {
  if (method === "GET") {
    const query = url.searchParams.get("query");
    if (!query) return "The query is empty";
    const vars = url.searchParams.get("variables");
    try {
      return {
        query,
        variables: vars ? (JSON.parse(vars) as Record<string, unknown>) : null,
        operationName: url.searchParams.get("operationName"),
      };
    } catch {
      return "Invalid variables: not JSON";
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return "Invalid request body: not JSON";
  }
  const r = parsed as { query?: unknown; variables?: unknown; operationName?: unknown } | null;
  if (typeof r !== "object" || r === null || typeof r.query !== "string") return "The `query` field is missing or not a string";
  if (r.variables !== undefined && r.variables !== null && (typeof r.variables !== "object" || Array.isArray(r.variables)))
    return "Invalid variables: expected an object";
  return {
    query: r.query,
    variables: (r.variables ?? null) as Record<string, unknown> | null,
    operationName: typeof r.operationName === "string" ? r.operationName : null,
  };
}

/** Serve the subgraph's GraphQL API; resolves once listening. */
export async function startGraphqlServer(options: GraphqlServerOptions): Promise<GraphqlServer> {
  const model = buildApiModel(parseSubgraphSchema(options.schemaSdl));
  // graph-node also answers at `<path>/graphql`.
  const bases = [`/subgraphs/name/${options.name}`, `/subgraphs/id/${options.deploymentId}`];
  const paths = new Set([...bases, ...bases.map((b) => `${b}/graphql`)]);
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const path = url.pathname.replace(/\/+$/, "");
      if (req.method === "OPTIONS") {
        res.writeHead(204, {
          "access-control-allow-origin": "*",
          "access-control-allow-methods": "GET, POST, OPTIONS",
          "access-control-allow-headers": "content-type",
        });
        res.end();
        return;
      }
      if (!paths.has(path))
        return send(res, 404, { errors: [{ message: `No subgraph at ${path}; query /subgraphs/name/${options.name}` }] });
      if (req.method !== "GET" && req.method !== "POST") return send(res, 405, { errors: [{ message: "Use GET or POST" }] });
      const request = requestFrom(req.method, url, req.method === "POST" ? await readBody(req) : "");
      if (typeof request === "string") return send(res, 400, { errors: [{ message: request }] });
      let response: GraphqlResponse;
      try {
        response = executeRequest({ store: options.store, model, maxComplexity: options.maxComplexity }, request);
      } catch (error) {
        response = { errors: [{ message: `Store error: ${(error as Error).message}` }] };
      }
      send(res, 200, response);
    })().catch((error: Error) => {
      if (!res.headersSent) send(res, 400, { errors: [{ message: error.message }] });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  return {
    url,
    endpoint: `${url}/subgraphs/name/${options.name}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
