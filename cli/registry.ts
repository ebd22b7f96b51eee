/** A `hashfloor` subcommand. Each lives in its own file under cli/commands/. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number | undefined>;
}

/** Commands load lazily so `hashfloor --help` stays fast and one stage's dependencies never slow another. */
export const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  start: {
    summary: "start everything for the dashboard (devnet, indexer, sync, web server)",
    load: async () => (await import("./commands/start.ts")).command,
  },
  serve: {
    summary: "serve the built Remix app only",
    load: async () => (await import("./commands/serve.ts")).command,
  },
};
