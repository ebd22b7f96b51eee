import type { Command } from "../registry.ts";
import { command as serve } from "./serve.ts";

// The embedded default will also start the devnet, the subgraph runtime and the sync loop
// (dashboard issue). Until those stages exist, `start` serves the app, which says no data is loaded.
export const command: Command = {
  name: "start",
  summary: "start the dashboard (embedded mode); today: the web server only",
  usage: "Usage: hashfloor start [--port 3000]",
  run: (argv) => serve.run(argv),
};
