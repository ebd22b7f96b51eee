/**
 * Builds one network's subgraph. Layout of an output folder (default subgraph/build/<network>/):
 *   subgraph.yaml, schema.graphql, <DataSource>/*.wasm|json   the compiled subgraph (`graph build` output)
 *   source/                                                  what it was built from: subgraph.yaml,
 *                                                            src/ (with this network's config.ts), abis/,
 *                                                            schema.graphql, generated/ (`graph deploy` here)
 * Every build is self-contained, so devnet and mainnet builds never race on shared folders; a hash of
 * every input lets an unchanged build return at once.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import type { NetworkConfig } from "./config.ts";
import { renderManifest, renderMappingConfig } from "./render.ts";

const run = promisify(execFile);

export const SUBGRAPH_DIR = resolve(import.meta.dirname, "..");
const REPO_ROOT = resolve(SUBGRAPH_DIR, "..");
const GRAPH_BIN = join(REPO_ROOT, "node_modules", "@graphprotocol", "graph-cli", "bin", "run.js");

/** A build that failed in graph-cli: the message carries its output. */
export class SubgraphBuildError extends Error {
  override name = "SubgraphBuildError";
}

export interface BuildResult {
  /** The compiled manifest (`<outDir>/subgraph.yaml`, wasm beside it): what the runtime loads. */
  manifestPath: string;
  /** The source manifest graph-cli built from (`<outDir>/source/subgraph.yaml`); `graph deploy` from there. */
  sourceManifestPath: string;
  /** False when the inputs hash matched a previous build and nothing ran. */
  rebuilt: boolean;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

function inputsHash(manifest: string, mappingConfig: string): string {
  const hash = createHash("sha256");
  // Bump when the output layout changes, so builds in the old layout are redone.
  hash.update("layout 2").update(manifest).update(mappingConfig);
  const graphCliPackage = join(REPO_ROOT, "node_modules", "@graphprotocol", "graph-cli", "package.json");
  hash.update(readFileSync(graphCliPackage));
  for (const path of [
    join(SUBGRAPH_DIR, "schema.graphql"),
    ...filesUnder(join(SUBGRAPH_DIR, "abis")),
    ...filesUnder(join(SUBGRAPH_DIR, "src")),
  ]) {
    hash.update(relative(SUBGRAPH_DIR, path)).update(readFileSync(path));
  }
  return hash.digest("hex");
}

/** mkdir is atomic: the lock folder serialises concurrent builds of one output folder (test files run in parallel). */
async function withLock<T>(outDir: string, work: () => Promise<T>): Promise<T> {
  const lock = `${outDir}.lock`;
  mkdirSync(dirname(outDir), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than 5 minutes belongs to a build that died.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new SubgraphBuildError(`timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function graph(args: string[], cwd: string): Promise<void> {
  try {
    await run(process.execPath, [GRAPH_BIN, ...args], { cwd, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new SubgraphBuildError(`graph ${args[0]} failed in ${cwd}:\n${e.stdout ?? ""}${e.stderr ?? e.message}`);
  }
}

/** Builds `config` into `outDir` unless the same inputs were built there already. */
export async function buildNetwork(config: NetworkConfig, configSource: string, outDir: string): Promise<BuildResult> {
  const manifest = renderManifest(config, configSource);
  const mappingConfig = renderMappingConfig(config);
  const hash = inputsHash(manifest, mappingConfig);
  const sourceDir = join(outDir, "source");
  const sourceManifestPath = join(sourceDir, "subgraph.yaml");
  const manifestPath = join(outDir, "subgraph.yaml");
  const hashFile = join(outDir, ".inputs-hash");
  return withLock(outDir, async () => {
    if (existsSync(manifestPath) && existsSync(hashFile) && readFileSync(hashFile, "utf8") === hash) {
      return { manifestPath, sourceManifestPath, rebuilt: false };
    }
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(sourceDir, { recursive: true });
    cpSync(join(SUBGRAPH_DIR, "src"), join(sourceDir, "src"), { recursive: true });
    cpSync(join(SUBGRAPH_DIR, "abis"), join(sourceDir, "abis"), { recursive: true });
    cpSync(join(SUBGRAPH_DIR, "schema.graphql"), join(sourceDir, "schema.graphql"));
    writeFileSync(join(sourceDir, "src", "config.ts"), mappingConfig);
    writeFileSync(sourceManifestPath, manifest);
    // graph-cli finds graph-ts by walking up to a node_modules; an outDir outside the repo needs a link.
    if (!isInside(outDir, REPO_ROOT)) symlinkSync(join(REPO_ROOT, "node_modules"), join(outDir, "node_modules"), "dir");
    await graph(["codegen", "--skip-migrations", "-o", "generated", "subgraph.yaml"], sourceDir);
    await graph(["build", "--skip-migrations", "-o", "..", "subgraph.yaml"], sourceDir);
    if (!existsSync(manifestPath)) throw new SubgraphBuildError(`graph build produced no ${manifestPath}`);
    writeFileSync(hashFile, hash);
    return { manifestPath, sourceManifestPath, rebuilt: true };
  });
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, resolve(path));
  return !rel.startsWith("..") && !isAbsolute(rel);
}
