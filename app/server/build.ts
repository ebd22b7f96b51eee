/** Builds the Remix app when the build is missing or older than its sources (so `npm start` is one command). */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

export const projectRoot = resolve(import.meta.dirname, "..", "..");
export const serverBuildPath = join(projectRoot, "build", "index.js");

function newestMtimeMs(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtimeMs(join(path, entry)));
  }
  return newest;
}

/** True when `build/index.js` is missing or any source that goes into it changed after it was written. */
export function isBuildStale(): boolean {
  if (!existsSync(serverBuildPath)) return true;
  const built = statSync(serverBuildPath).mtimeMs;
  const sources = ["app", "analytics", "config", "remix.config.js", "package.json"].map((p) => join(projectRoot, p)).filter(existsSync);
  return sources.some((p) => newestMtimeMs(p) > built);
}

/** Runs `remix build` with this Node; throws with the compiler's output when it fails. */
export function buildApp({ quiet = false } = {}): void {
  const remixCli = join(projectRoot, "node_modules", "@remix-run", "dev", "dist", "cli.js");
  const r = spawnSync(process.execPath, [remixCli, "build"], {
    cwd: projectRoot,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) throw new Error(`remix build failed:\n${r.stdout}\n${r.stderr}`);
  if (!quiet) process.stdout.write(r.stdout);
}

/** Where the SQL console's duckdb-wasm files are served from (`/duckdb/…`). */
export const duckdbPublicDir = join(projectRoot, "public", "duckdb");
const duckdbDist = join(projectRoot, "node_modules", "@duckdb", "duckdb-wasm", "dist");

/**
 * Copies duckdb-wasm's exception-handling build (every current browser supports wasm exceptions)
 * into public/duckdb: the worker as is, the ≈34 MB .wasm gzipped once (≈8 MB) so the server sends
 * it pre-compressed instead of compressing it per request.
 */
export function ensureDuckdbAssets(): void {
  const wasmGz = join(duckdbPublicDir, "duckdb-eh.wasm.gz");
  const worker = join(duckdbPublicDir, "duckdb-browser-eh.worker.js");
  const source = join(duckdbDist, "duckdb-eh.wasm");
  if (existsSync(wasmGz) && existsSync(worker) && statSync(wasmGz).mtimeMs >= statSync(source).mtimeMs) return;
  mkdirSync(duckdbPublicDir, { recursive: true });
  copyFileSync(join(duckdbDist, "duckdb-browser-eh.worker.js"), worker);
  writeFileSync(wasmGz, gzipSync(readFileSync(source), { level: 9 }));
}

export function ensureBuilt(options: { quiet?: boolean } = {}): void {
  if (isBuildStale()) buildApp(options);
  ensureDuckdbAssets();
}
