/** Entry point of the `hashfloor` CLI: dispatches to a subcommand and turns user errors into one line. */
import { ConfigError } from "../config/env.ts";
import { UserError } from "./errors.ts";
import { loadAll, loadCommand } from "./registry.ts";

async function help(): Promise<string> {
  const all = await loadAll();
  const width = Math.max(...all.map((c) => c.name.length));
  const rows = all.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    "Usage: hashfloor <command> [options]",
    "",
    "Commands:",
    ...rows,
    "",
    "Run `hashfloor <command> --help` for a command's options.",
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(await help());
    return 0;
  }
  const command = await loadCommand(name);
  if (!command) throw new UserError(`unknown command "${name}". Run \`hashfloor --help\` to list commands.`);
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(`${command.usage}\n\n${command.summary}`);
    return 0;
  }
  return (await command.run(rest)) ?? 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UserError || error instanceof ConfigError) {
    console.error(`hashfloor: ${error.message}`);
    process.exitCode = error instanceof UserError ? error.exitCode : 2;
  } else {
    throw error;
  }
}
