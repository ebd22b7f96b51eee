import { ensureBuilt } from "../../app/server/build.ts";
import { startHttpServer } from "../../app/server/http.ts";
import { getEnv } from "../../config/env.ts";
import { intFlag, parseFlags } from "../args.ts";
import { UserError } from "../errors.ts";
import type { Command } from "../registry.ts";

const usage = "Usage: hashfloor serve [--port 3000] [--host 127.0.0.1]";

export const command: Command = {
  name: "serve",
  summary: "serve the built Remix app only (builds it first when stale)",
  usage,
  async run(argv) {
    const env = getEnv();
    const { values } = parseFlags(argv, { port: { type: "string" }, host: { type: "string" } }, usage);
    const port = intFlag("port", values.port, env.HASHFLOOR_PORT, 1, 65535);
    ensureBuilt();
    const started = await startHttpServer({ port, host: values.host ?? env.HASHFLOOR_HOST }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") throw new UserError(`port ${port} is already in use; pass --port 3001 or set HASHFLOOR_PORT`);
      throw error;
    });
    console.log(`Hashfloor dashboard on ${started.url}`);
    await new Promise<void>((resolve) => {
      const stop = () => void started.close().then(resolve);
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return 0;
  },
};
