/**
 * Offline Solidity compilation with solc-js (the npm `solc` package, 0.8.24), cached on disk by a
 * hash of every source file and the compiler settings. Seaport 1.6 takes about a minute with via-IR
 * and 1,000,000 optimizer runs, so a run that changes nothing must never rebuild it.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, posix, resolve } from "node:path";

const require = createRequire(import.meta.url);
const repoRoot = resolve(import.meta.dirname, "..");
const nodeModules = join(repoRoot, "node_modules");
/** Where compiled artifacts live (git-ignored). */
export const solcCacheDir = join(repoRoot, "chain", "cache", "solc");

/** One compiled contract: what deploying and calling it needs. */
export interface Artifact {
  abi: unknown[];
  /** Creation bytecode, 0x-prefixed. */
  bytecode: `0x${string}`;
}

/** A compile job: entry source unit names and solc settings. */
export interface CompileJob {
  name: string;
  entries: string[];
  settings: Record<string, unknown>;
}

export class SolidityCompileError extends Error {
  override name = "SolidityCompileError";
}

/** Seaport 1.6 and its ConduitController exactly as seaport-core builds them (see ADR 0003). */
export const seaportJob: CompileJob = {
  name: "seaport",
  entries: ["seaport-core/src/Seaport.sol", "seaport-core/src/conduit/ConduitController.sol"],
  settings: { viaIR: true, optimizer: { enabled: true, runs: 1_000_000 }, evmVersion: "cancun" },
};

/** The project's own contracts (collections, WETH9, price feeds, block filler). */
export const hashfloorJob: CompileJob = {
  name: "hashfloor",
  entries: [
    "chain/contracts/GenerativeArt721.sol",
    "chain/contracts/WETH9.sol",
    "chain/contracts/PriceFeed.sol",
    "chain/contracts/BlockFiller.sol",
  ],
  settings: { viaIR: true, optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun" },
};

/** Maps a source unit name to a file: project sources under the repo root, packages under node_modules. */
function sourcePath(unit: string): string {
  return unit.startsWith("chain/") ? join(repoRoot, unit) : join(nodeModules, unit);
}

const importPattern = /import\s+(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/g;

/** Collects the import closure of the entries, keyed by source unit name. */
export function collectSources(entries: string[]): Record<string, { content: string }> {
  const sources: Record<string, { content: string }> = {};
  const pending = [...entries];
  while (pending.length > 0) {
    const unit = pending.pop() as string;
    if (sources[unit]) continue;
    const content = readFileSync(sourcePath(unit), "utf8");
    sources[unit] = { content };
    for (const match of content.matchAll(importPattern)) {
      const target = match[1];
      pending.push(target.startsWith(".") ? posix.normalize(posix.join(posix.dirname(unit), target)) : target);
    }
  }
  return sources;
}

function solcVersion(): string {
  return (require(join(nodeModules, "solc", "package.json")) as { version: string }).version;
}

/** The cache key: compiler version, settings and every source's content. */
export function jobHash(job: CompileJob, sources = collectSources(job.entries)): string {
  const hash = createHash("sha256").update(solcVersion()).update(JSON.stringify(job.settings));
  for (const unit of Object.keys(sources).sort()) hash.update(unit).update("\0").update(sources[unit].content).update("\0");
  return hash.digest("hex").slice(0, 24);
}

/**
 * Compiles a job, or loads it from the cache when nothing changed. Returns artifacts keyed by
 * contract name. `onCompile` is told when a real (slow) compilation starts.
 */
export function compileJob(job: CompileJob, onCompile?: (job: CompileJob) => void): Record<string, Artifact> {
  const sources = collectSources(job.entries);
  const file = join(solcCacheDir, `${job.name}-${jobHash(job, sources)}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Record<string, Artifact>;
  // Test files start devnets in parallel: one process compiles, the others wait for its file.
  const lock = `${file}.lock`;
  mkdirSync(solcCacheDir, { recursive: true });
  if (!tryLock(lock)) {
    while (existsSync(lock) && !existsSync(file)) sleepSync(500);
    if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Record<string, Artifact>;
    if (!tryLock(lock)) throw new SolidityCompileError(`${job.name}: another process holds ${lock}`);
  }
  try {
    return compileLocked(job, sources, file, onCompile);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Takes the compile lock (a directory, created atomically); clears one left by a crash > 10 min ago. */
function tryLock(lock: string): boolean {
  try {
    if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
    mkdirSync(lock);
    return true;
  } catch {
    return false;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function compileLocked(
  job: CompileJob,
  sources: Record<string, { content: string }>,
  file: string,
  onCompile?: (job: CompileJob) => void,
): Record<string, Artifact> {
  onCompile?.(job);
  const solc = require("solc") as { compile(input: string): string };
  const input = {
    language: "Solidity",
    sources,
    settings: { ...job.settings, outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } } },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new SolidityCompileError(`${job.name}: ${errors.map((e) => e.formattedMessage).join("\n")}`);
  const artifacts: Record<string, Artifact> = {};
  for (const unit of job.entries) {
    for (const [name, c] of Object.entries(output.contracts[unit] ?? {})) {
      artifacts[name] = { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` };
    }
  }
  mkdirSync(dirname(file), { recursive: true });
  // Write then rename, so a concurrent reader never sees half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(artifacts));
  renameSync(tmp, file);
  return artifacts;
}

/** Both jobs: Seaport (cached after the first build) and the project's contracts. */
export function compileAll(onCompile?: (job: CompileJob) => void): Record<string, Artifact> {
  return { ...compileJob(seaportJob, onCompile), ...compileJob(hashfloorJob, onCompile) };
}
