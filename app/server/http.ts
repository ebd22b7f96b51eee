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

/** Paths answered only by Remix routes (app/routes: embed.*, export.*, oembed, api.*, collections.*). */
const DYNAMIC_PREFIXES = ["/embed/", "/export/", "/oembed", "/api/", "/collections/"];

/** What entry.server exports for the cached-embed fast path. */
type EmbedFastPath = typeof import("../data/embed-cache.server");

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
  // Cached embed images straight from memory while the data version holds (app/data/embed-cache.server.ts);
  // a miss, new data or anything unexpected goes on to Remix.
  const entry = build.entry.module as Partial<EmbedFastPath>;
  if (entry.isCachedEmbedPath && entry.lookupEmbed) {
    const { isCachedEmbedPath, lookupEmbed } = entry;
    app.get("/embed/*", (req, res, next) => {
      if (!isCachedEmbedPath(req.path)) return next();
      lookupEmbed(req.originalUrl, req.get("If-None-Match"), { warehouse, pipelineNotes }).then((hit) => {
        if (!hit) return next();
        res.status(hit.status).set(hit.headers);
        if (hit.body === undefined) res.end();
        else res.end(typeof hit.body === "string" ? hit.body : Buffer.from(hit.body.buffer, hit.body.byteOffset, hit.body.byteLength));
      }, next);
    });
  }
  // Fingerprinted assets never change; everything else in public/ may. Route prefixes that are
  // never files skip the static lookup (an fs.stat per request, ~6% of a cached embed's cost).
  app.use("/build", express.static(join(projectRoot, "public", "build"), { immutable: true, maxAge: "1y" }));
  const files = express.static(join(projectRoot, "public"), { maxAge: "1h" });
  app.use((req, res, next) => (DYNAMIC_PREFIXES.some((p) => req.path.startsWith(p)) ? next() : files(req, res, next)));
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
