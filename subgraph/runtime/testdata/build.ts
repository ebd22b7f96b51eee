/**
 * Builds the runtime's own test subgraph with graph-cli (`graph codegen && graph build`, offline,
 * a few seconds) into a temp folder keyed by the sources' hash, reused across test files and runs.
 * The AssemblyScript sources are kept as `src/*.as` so the project's tsc never type-checks them;
 * they become `*.ts` in the build folder.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const here = import.meta.dirname;
const root = resolve(here, "../../..");

function sourcesHash(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, name.name);
      if (name.isDirectory()) walk(path);
      else if (!name.name.endsWith(".ts")) hash.update(name.name).update(readFileSync(path));
    }
  };
  walk(here);
  return hash.digest("hex").slice(0, 16);
}

/** Returns the path of the built manifest for `manifestName` (a file in testdata/). */
export function buildTestSubgraph(manifestName = "subgraph.yaml"): string {
  const dir = join(tmpdir(), `hashfloor-runtime-testdata-${sourcesHash()}`);
  const out = join(dir, `build-${manifestName.replace(/\.yaml$/, "")}`);
  const built = join(out, "subgraph.yaml");
  if (existsSync(built)) return built;
  const work = `${dir}.work-${process.pid}-${Date.now()}`;
  mkdirSync(work, { recursive: true });
  cpSync(here, work, { recursive: true, filter: (src) => !src.endsWith(".ts") });
  for (const name of readdirSync(join(work, "src")).filter((n) => n.endsWith(".as"))) {
    renameSync(join(work, "src", name), join(work, "src", name.replace(/\.as$/, ".ts")));
  }
  symlinkSync(join(root, "node_modules"), join(work, "node_modules"));
  const graph = join(root, "node_modules/.bin/graph");
  const opts = {
    cwd: work,
    stdio: "pipe" as const,
    env: { ...process.env, PATH: `${join(root, "node_modules/.bin")}:${process.env.PATH}` },
  };
  try {
    // Types come from the full manifest (it declares the template the shared mapping imports).
    execFileSync(graph, ["codegen", "subgraph.yaml", "-o", "generated"], opts);
    execFileSync(graph, ["build", manifestName, "-o", "build"], opts);
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`graph build of the runtime test subgraph failed:\n${e.stdout?.toString() ?? ""}${e.stderr?.toString() ?? ""}`);
  }
  mkdirSync(dir, { recursive: true });
  if (!existsSync(built)) {
    try {
      renameSync(join(work, "build"), out);
    } catch {
      // Another test file built it at the same time: theirs is identical.
    }
  }
  rmSync(work, { recursive: true, force: true });
  return built;
}
