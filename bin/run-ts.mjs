#!/usr/bin/env node
import { resolve } from "node:path";
// Runs a TypeScript file through tsx with the project's Node (used by npm scripts such as `bench`).
import { pathToFileURL } from "node:url";

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error("usage: run-ts <file.ts> [args...]");
  process.exit(2);
}
process.argv = [process.argv[0], resolve(file), ...rest];
const { register } = await import("tsx/esm/api");
register();
await import(pathToFileURL(resolve(file)).href);
