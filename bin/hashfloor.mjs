#!/usr/bin/env node
// Launcher for the `hashfloor` CLI: checks the Node version, then loads the TypeScript entry through tsx.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  // Run directly with an old node (not through npm/npx): hand over to the bundled Node 22 if present.
  const bundled = fileURLToPath(new URL("../node_modules/.bin/node", import.meta.url));
  if (existsSync(bundled) && process.execPath !== bundled) {
    const r = spawnSync(bundled, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: "inherit" });
    process.exit(r.status ?? 1);
  }
  console.error(`hashfloor needs Node >= 22.13 (this is ${process.version}). Run it through npm (npx hashfloor) or install Node 22.`);
  process.exit(1);
}
const { register } = await import("tsx/esm/api");
register();
await import("../cli/main.ts");
