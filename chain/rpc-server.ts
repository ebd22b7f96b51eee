/**
 * A small JSON-RPC-over-HTTP front for the in-process EDR provider. The simulator talks to the
 * provider directly (about 2–3× faster than over HTTP); readers (subgraph runtime, analytics,
 * viem, curl) use this server. Handles single and batch requests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The slice of an EIP-1193 provider the server needs. */
export interface RequestProvider {
  request(args: { method: string; params?: unknown[] | object }): Promise<unknown>;
}

/** The requested port is taken by another process. */
export class PortInUseError extends Error {
  override name = "PortInUseError";
  constructor(readonly port: number) {
    super(`port ${port} is already in use`);
  }
}

interface RpcRequest {
  jsonrpc?: string;
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

async function answer(provider: RequestProvider, req: RpcRequest): Promise<object> {
  const id = req.id ?? null;
  if (typeof req.method !== "string")
    return { jsonrpc: "2.0", id, error: { code: -32600, message: "Invalid request: method must be a string" } };
  try {
    const result = await provider.request({ method: req.method, params: (req.params ?? []) as unknown[] });
    return { jsonrpc: "2.0", id, result: result ?? null };
  } catch (error) {
    const e = error as { code?: unknown; message?: string; data?: unknown };
    const code = typeof e.code === "number" ? e.code : -32603;
    return { jsonrpc: "2.0", id, error: { code, message: e.message ?? String(error), ...(e.data === undefined ? {} : { data: e.data }) } };
  }
}

async function handle(provider: RequestProvider, httpReq: IncomingMessage, res: ServerResponse): Promise<void> {
  if (httpReq.method === "OPTIONS") {
    res.writeHead(204, { "access-control-allow-origin": "*", "access-control-allow-headers": "content-type" }).end();
    return;
  }
  if (httpReq.method !== "POST") {
    res.writeHead(405, { "content-type": "text/plain" }).end("JSON-RPC: POST a JSON body\n");
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of httpReq) chunks.push(chunk as Buffer);
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } }));
    return;
  }
  const reply = Array.isArray(body)
    ? await Promise.all(body.map((r) => answer(provider, r as RpcRequest)))
    : await answer(provider, body as RpcRequest);
  res.writeHead(200, { "content-type": "application/json", "access-control-allow-origin": "*" }).end(JSON.stringify(reply));
}

/** A listening JSON-RPC server. */
export interface RpcServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on host:port (0 = a free port); rejects with PortInUseError when the port is taken. */
export function startRpcServer(provider: RequestProvider, { host = "127.0.0.1", port = 0 } = {}): Promise<RpcServer> {
  const server = createServer((req, res) => {
    handle(provider, req, res).catch((error: Error) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`internal error: ${error.message}\n`);
    });
  });
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(error.code === "EADDRINUSE" ? new PortInUseError(port) : error));
    server.listen(port, host, () => {
      const actual = (server.address() as AddressInfo).port;
      resolve({
        url: `http://${host}:${actual}`,
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
