/**
 * The HTTP server: Express in front of the Remix request handler. Not part of the Remix bundle;
 * the CLI (`hashfloor serve`/`start`) and the browser tests start it.
 */
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import type { Warehouse } from "../../analytics/db.ts";
import { projectRoot, serverBuildPath } from "./build.ts";
import { securityHeaders } from "./security.ts";

export interface StartedServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  port: number;
  host: string;
  /**
   * Where loaders get the warehouse. `npm start` passes the one instance the sync loop writes
   * through (DuckDB allows one writer process and no readers beside it); without it the app opens
   * `${HASHFLOOR_DATA_DIR}/warehouse.duckdb` read-only (app/data/warehouse.server.ts).
   */
  warehouse?: () => Promise<Warehouse | null>;
  /** Shown on every page when parts of the pipeline are not running (e.g. "sync: not available"). */
  pipelineNotes?: () => string[];
}

export async function startHttpServer({ port, host, warehouse, pipelineNotes }: HttpServerOptions): Promise<StartedServer> {
  const build = (await import(pathToFileURL(serverBuildPath).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders);
  // duckdb-wasm's .wasm is copied pre-compressed at build time (scripts: app/server/wasm-assets.ts).
  app.get("/duckdb/:file.wasm", (req, res, next) => {
    const gz = join(projectRoot, "public", "duckdb", `${req.params.file}.wasm.gz`);
    if (!req.acceptsEncodings("gzip") || !existsSync(gz)) return next();
    res.setHeader("Content-Encoding", "gzip");
    res.setHeader("Content-Type", "application/wasm");
    res.setHeader("Cache-Control", "public, max-age=86400");
    res.setHeader("Vary", "Accept-Encoding");
    res.sendFile(gz);
  });
  app.use(compression());
  // Fingerprinted assets never change; everything else in public/ may.
  app.use("/build", express.static(join(projectRoot, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(join(projectRoot, "public"), { maxAge: "1h" }));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: "production",
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce, warehouse, pipelineNotes }),
    }),
  );

  const server = await new Promise<Server>((resolveServer, reject) => {
    const s = app.listen(port, host, () => resolveServer(s));
    s.once("error", reject);
  });
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://${host === "0.0.0.0" ? "localhost" : host}:${boundPort}`,
    server,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
