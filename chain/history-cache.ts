/**
 * A simulated history, cached as the exact writes that made it (transactions and block
 * timestamps). EDR cannot dump and reload its state, but replaying the writes onto the same
 * genesis reproduces every block and hash, skipping the simulator's planning, order signing and
 * receipt reads. The cache key covers everything that shapes the chain: seed, days, genesis
 * time, compiled bytecode and the simulator's own sources.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Artifact } from "./compile.ts";
import type { WriteOp } from "./writer.ts";

const chainDir = resolve(import.meta.dirname);
export const HISTORY_FILE = "history.json.gz";

export interface CachedHistory {
  key: string;
  headHash: string;
  historyEndBlock: number;
  ops: WriteOp[];
}

/** Sources of the simulator (not tests): a change to any of them invalidates cached histories. */
function simulatorSources(): string[] {
  const files: string[] = [];
  for (const dir of [chainDir, join(chainDir, "sim")]) {
    for (const f of readdirSync(dir).sort()) if (f.endsWith(".ts") && !f.endsWith(".test.ts")) files.push(join(dir, f));
  }
  return files;
}

export function historyKey(o: { seed: number; days: number; genesisTimestamp: number; artifacts: Record<string, Artifact> }): string {
  const hash = createHash("sha256").update(JSON.stringify({ seed: o.seed, days: o.days, genesis: o.genesisTimestamp }));
  for (const name of Object.keys(o.artifacts).sort()) hash.update(name).update(o.artifacts[name].bytecode);
  for (const file of simulatorSources()) hash.update(readFileSync(file));
  return hash.digest("hex").slice(0, 32);
}

/** The cached history in `dir` if its key matches, else undefined. */
export function readHistory(dir: string, key: string): CachedHistory | undefined {
  const file = join(dir, HISTORY_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const cached = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as CachedHistory;
    return cached.key === key ? cached : undefined;
  } catch {
    return undefined; // a truncated or foreign file: simulate again
  }
}

export function writeHistory(dir: string, history: CachedHistory): void {
  const file = join(dir, HISTORY_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, gzipSync(JSON.stringify(history), { level: 6 }));
  renameSync(tmp, file);
}
