/**
 * Builds the-graph client (`graphclient build`, client-cli 3) when its output is missing or older
 * than its inputs. The output (.graphclient/) is git-ignored: it is derived, and with the full API
 * schema it is large. The build runs offline because the schema comes from a local `source:` file.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

export const graphClientDir = import.meta.dirname;
export const generatedDir = join(graphClientDir, ".graphclient");
const repoRoot = join(graphClientDir, "..", "..");
const fallbackSchema = join(graphClientDir, "api.fallback.graphql");
const generatedSchema = join(graphClientDir, "api.generated.graphql");
const subgraphSchema = join(repoRoot, "subgraph", "schema.graphql");
const lockDir = join(graphClientDir, ".build-lock");

export class GraphClientBuildError extends Error {
  override name = "GraphClientBuildError";
}

/**
 * The API schema to build against: generated from subgraph/schema.graphql by the runtime's
 * `writeApiSchema` once both exist, else the hand-written fallback subset.
 */
async function apiSchemaFile(): Promise<string> {
  const writer = join(repoRoot, "subgraph", "runtime", "graphql", "api-schema.ts");
  if (!existsSync(subgraphSchema) || !existsSync(writer)) return fallbackSchema;
  if (existsSync(generatedSchema) && mtime(generatedSchema) >= Math.max(mtime(subgraphSchema), mtime(writer))) return generatedSchema;
  const mod = (await import(pathToFileURL(writer).href)) as {
    writeApiSchema?: (o: { schemaSdl: string; file: string }) => void | Promise<void>;
  };
  if (typeof mod.writeApiSchema !== "function") return fallbackSchema;
  // Write then rename: parallel test workers may generate it at the same moment.
  const tmp = `${generatedSchema}.${process.pid}.tmp`;
  await mod.writeApiSchema({ schemaSdl: readFileSync(subgraphSchema, "utf8"), file: tmp });
  renameSync(tmp, generatedSchema);
  return generatedSchema;
}

function mtime(file: string): number {
  return statSync(file).mtimeMs;
}

function inputsNewestMs(schemaFile: string): number {
  const queries = readdirSync(join(graphClientDir, "queries")).map((f) => join(graphClientDir, "queries", f));
  return Math.max(...[schemaFile, join(graphClientDir, ".graphclientrc.yml"), ...queries].map(mtime));
}

function isFresh(schemaFile: string): boolean {
  const index = join(generatedDir, "index.mjs");
  const stamp = join(generatedDir, "schema-source.txt");
  if (!existsSync(index) || !existsSync(stamp)) return false;
  return readFileSync(stamp, "utf8") === schemaFile && mtime(index) >= inputsNewestMs(schemaFile);
}

/** Cross-process lock (test files build in parallel): mkdir is atomic; a lock older than 2 min is stale. */
async function withLock<T>(work: () => T): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      if (existsSync(lockDir) && Date.now() - mtime(lockDir) > 120_000) rmSync(lockDir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new GraphClientBuildError(`timed out waiting for ${lockDir}; delete it if no build is running`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Ensures .graphclient/ is built from the current schema and queries; returns the path of its
 * index.mjs (plain ESM, so Node loads it natively). Builds in a staging folder and swaps it in, so a reader never sees half an output.
 */
export async function ensureGraphClient(): Promise<string> {
  const schemaFile = await apiSchemaFile();
  const index = join(generatedDir, "index.mjs");
  if (isFresh(schemaFile)) return index;
  await withLock(() => {
    if (isFresh(schemaFile)) return;
    const staging = join(graphClientDir, `.staging-${process.pid}`);
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
    cpSync(join(graphClientDir, "queries"), join(staging, "queries"), { recursive: true });
    cpSync(schemaFile, join(staging, "api.graphql"));
    cpSync(join(graphClientDir, ".graphclientrc.yml"), join(staging, ".graphclientrc.yml"));
    const cli = join(repoRoot, "node_modules", "@graphprotocol", "client-cli", "cjs", "bin.js");
    try {
      execFileSync(
        process.execPath,
        [existsSync(cli) ? cli : join(repoRoot, "node_modules", ".bin", "graphclient"), "build", "--dir", staging, "--fileType", "js"],
        {
          cwd: staging,
          stdio: "pipe",
          env: { ...process.env, NODE_NO_WARNINGS: "1" },
        },
      );
    } catch (error) {
      const out = String((error as { stdout?: Buffer }).stdout ?? "") + String((error as { stderr?: Buffer }).stderr ?? "");
      rmSync(staging, { recursive: true, force: true });
      throw new GraphClientBuildError(`graphclient build failed against ${schemaFile}:\n${out.slice(-2000)}`);
    }
    writeFileSync(join(staging, ".graphclient", "schema-source.txt"), schemaFile);
    const old = join(graphClientDir, `.old-${process.pid}`);
    if (existsSync(generatedDir)) renameSync(generatedDir, old);
    mkdirSync(dirname(generatedDir), { recursive: true });
    renameSync(join(staging, ".graphclient"), generatedDir);
    rmSync(old, { recursive: true, force: true });
    rmSync(staging, { recursive: true, force: true });
  });
  return index;
}
