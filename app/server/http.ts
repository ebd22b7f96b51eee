/**
 * The HTTP server: Express in front of the Remix request handler. Not part of the Remix bundle;
 * the CLI (`hashfloor serve`/`start`) and the browser tests start it.
 */
import type { Server } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { projectRoot, serverBuildPath } from "./build.ts";

export interface StartedServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startHttpServer({ port, host }: { port: number; host: string }): Promise<StartedServer> {
  const build = (await import(pathToFileURL(serverBuildPath).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.use(compression());
  // Fingerprinted assets never change; everything else in public/ may.
  app.use("/build", express.static(join(projectRoot, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(join(projectRoot, "public"), { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode: "production" }));

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
