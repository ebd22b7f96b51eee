/**
 * `npm run bench [name...]`: runs every bench/*.bench.ts (or the named ones) in its own process, so
 * each reports its own peak RSS.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

if (files.length === 0) {
  console.log(wanted.length ? `No benchmark matches ${wanted.join(", ")}.` : "No benchmarks yet.");
  process.exit(wanted.length ? 2 : 0);
}
let failed = 0;
for (const file of files) {
  console.log(`\n# ${file}`);
  const r = spawnSync(process.execPath, [join(dir, "..", "bin", "run-ts.mjs"), join(dir, file)], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.log(`(${file} exited with ${r.status})`);
  }
}
process.exit(failed ? 1 : 0);
