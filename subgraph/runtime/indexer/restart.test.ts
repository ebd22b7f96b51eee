/**
 * `hashfloor index` killed with SIGKILL mid-way, then restarted, ends with exactly the entities of
 * an uninterrupted run (SQLite store, per-batch atomic commits, resume from the cursor).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadManifest } from "../manifest/manifest.ts";
import { buildTestSubgraph } from "../testdata/build.ts";
import { TEST_ENTITY_TYPES } from "../testdata/chain.ts";
import { startTestChain, type TestChain } from "../testdata/devnet.ts";
import { deploymentIdOf } from "./command.ts";

const root = resolve(import.meta.dirname, "../../..");
const BLOCKS = 150;
let chain: TestChain;
let manifestPath: string;
let dir: string;

beforeAll(async () => {
  manifestPath = buildTestSubgraph();
  dir = mkdtempSync(join(tmpdir(), "hashfloor-restart-"));
  chain = await startTestChain();
  const nft = await chain.deployNft();
  const [a, b, c] = chain.accounts;
  for (let i = 0; i < BLOCKS; i++) {
    await chain.emitTransfers(nft, i % 2 ? a : b, i % 3 ? c : a, (i % 40) + 1, 3);
    await chain.mine();
  }
}, 240_000);

afterAll(async () => {
  await chain?.close();
  rmSync(dir, { recursive: true, force: true });
});

function runIndex(db: string): ChildProcess & { done: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    [
      join(root, "bin/hashfloor.mjs"),
      "index",
      "--manifest",
      manifestPath,
      "--rpc",
      chain.url,
      "--db",
      db,
      "--name",
      "restart",
      "--once",
      "--batch",
      "2",
    ],
    { cwd: root, stdio: ["ignore", "ignore", "pipe"] },
  ) as ChildProcess & { done: Promise<number | null> };
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  child.done = new Promise((resolveDone) =>
    child.on("exit", (code) => {
      if (code !== 0 && code !== null) console.error(stderr);
      resolveDone(code);
    }),
  );
  return child;
}

async function dump(db: string) {
  const { openSqliteStore } = await import("../store/index.ts");
  const manifest = loadManifest(manifestPath);
  const store = openSqliteStore({ dir: db, name: "restart", schemaSdl: manifest.schema.sdl, deploymentId: deploymentIdOf(manifest) });
  try {
    const block = store.cursor()?.number ?? 0;
    const entities = Object.fromEntries(
      TEST_ENTITY_TYPES.map((t) => [t, store.query({ typeName: t, block, first: 100_000, skip: 0 }).map((e) => e.entity)]),
    );
    return { cursor: store.cursor(), entities };
  } finally {
    store.close();
  }
}

describe("hashfloor index after kill -9", () => {
  it("resumes from the committed cursor and ends with the same entities as an uninterrupted run", async () => {
    const started = performance.now();
    expect(await runIndex(join(dir, "whole")).done).toBe(0);
    const wholeMs = performance.now() - started;
    const whole = await dump(join(dir, "whole"));
    const head = await chain.blockNumber();
    expect(whole.cursor?.number).toBe(head);
    expect(whole.entities.Transfer).toHaveLength(BLOCKS * 3);

    // Kill part-way; if the run was too quick to interrupt, try again earlier.
    let resumedDb: string | undefined;
    let cutAt: number | undefined;
    for (const fraction of [0.7, 0.5, 0.35, 0.2]) {
      const db = join(dir, `cut-${fraction}`);
      const run = runIndex(db);
      await new Promise((r) => setTimeout(r, wholeMs * fraction));
      run.kill("SIGKILL");
      await run.done;
      const cut = await dump(db);
      if (cut.cursor && cut.cursor.number < head) {
        cutAt = cut.cursor.number;
        expect(await runIndex(db).done).toBe(0);
        resumedDb = db;
        break;
      }
    }
    expect(cutAt).toBeLessThan(head);
    const resumed = await dump(resumedDb as string);
    expect(resumed.cursor?.number).toBe(head);
    expect(resumed.entities).toEqual(whole.entities);
  });
});
