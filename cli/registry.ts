/**
 * `hashfloor` subcommands, discovered from cli/commands/*.ts (one file per command, each exporting
 * `command`). Discovery keeps stages from editing one shared list. A command file must stay light
 * at the top level (import heavy modules inside `run`), so `hashfloor --help` stays fast.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number | undefined>;
}

const dir = join(import.meta.dirname, "commands");

export function commandNames(): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => f.slice(0, -3))
    .sort();
}

export async function loadCommand(name: string): Promise<Command | undefined> {
  if (!commandNames().includes(name)) return undefined;
  const mod = (await import(pathToFileURL(join(dir, `${name}.ts`)).href)) as { command: Command };
  return mod.command;
}

export async function loadAll(): Promise<Command[]> {
  return Promise.all(commandNames().map(async (n) => (await loadCommand(n)) as Command));
}
