/** Entry point of the `hashfloor` CLI: dispatches to a subcommand and turns user errors into one line. */
import { ConfigError } from "../config/env.ts";
import { UserError } from "./errors.ts";
import { commands } from "./registry.ts";

function help(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
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
    console.log(help());
    return 0;
  }
  const entry = commands[name];
  if (!entry) throw new UserError(`unknown command "${name}". Run \`hashfloor --help\` to list commands.`);
  const command = await entry.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(`${command.usage}\n\n${command.summary}`);
    return 0;
  }
  return (await command.run(rest)) ?? 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UserError) {
    console.error(`hashfloor: ${error.message}`);
    process.exitCode = error.exitCode;
  } else if (error instanceof ConfigError) {
    console.error(`hashfloor: ${error.message}`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
