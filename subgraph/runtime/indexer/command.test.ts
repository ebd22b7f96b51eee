/** `hashfloor index`: flag errors, and an etl run serving GraphQL while it indexes. */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeEtlFiles } from "../../../chain/etl-export.ts";
import { command } from "../../../cli/commands/index.ts";
import { UserError } from "../../../cli/errors.ts";
import { buildTestSubgraph } from "../testdata/build.ts";
import { syntheticChain } from "../testdata/chain.ts";

const root = resolve(import.meta.dirname, "../../..");
let manifestPath: string;
let benchManifest: string;
let dir: string;
beforeAll(() => {
  manifestPath = buildTestSubgraph();
  benchManifest = buildTestSubgraph("bench.yaml");
  dir = mkdtempSync(join(tmpdir(), "hashfloor-index-cmd-"));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("hashfloor index", () => {
  it("names the flag and an example on bad input", async () => {
    const noRpc = { ...process.env };
    delete noRpc.HASHFLOOR_RPC_URL;
    await expect(command.run(["--manifest", manifestPath, "--rpc", "localhost:8545"])).rejects.toThrow(
      /--rpc must be an http\(s\) URL, e.g. --rpc http/,
    );
    await expect(command.run(["--manifest", join(dir, "missing.yaml"), "--etl", dir])).rejects.toThrow(UserError);
    await expect(command.run(["--manifest", manifestPath, "--etl", join(dir, "nowhere")])).rejects.toThrow(/--etl: /);
    await expect(command.run(["--confirmations=abc", "--etl", dir])).rejects.toThrow(/--confirmations must be a whole number/);
    // The test subgraph calls name(): without an RPC that is a setup error, not a subgraph failure.
    await writeEtlFiles(join(dir, "calls"), syntheticChain(2), "jsonl");
    const args = ["--manifest", manifestPath, "--etl", join(dir, "calls"), "--db", join(dir, "db-calls"), "--once"];
    await expect(command.run(args)).rejects.toThrow(/no mock and no RPC.*pass --rpc/);
  });

  it("indexes etl files and answers GraphQL at /subgraphs/name/<name> until stopped", async () => {
    await writeEtlFiles(join(dir, "etl"), syntheticChain(12), "jsonl");
    const child = spawn(
      process.execPath,
      [
        join(root, "bin/hashfloor.mjs"),
        "index",
        "--manifest",
        benchManifest,
        "--etl",
        join(dir, "etl"),
        "--db",
        join(dir, "db"),
        "--port",
        "0",
        "--name",
        "cmdtest",
      ],
      { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, HASHFLOOR_RPC_URL: "" } },
    );
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += String(d);
    });
    const exited = new Promise<number | null>((r) => child.on("exit", r));
    const endpoint = await new Promise<string>((resolveUrl, reject) => {
      child.stdout.on("data", (d) => {
        stdout += String(d);
        const m = /GraphQL: (\S+)/.exec(stdout);
        if (m) resolveUrl(m[1]);
      });
      child.on("exit", () => reject(new Error(`index exited early: ${stderr}`)));
    });
    expect(endpoint).toMatch(/\/subgraphs\/name\/cmdtest$/);
    // The files index in well under a second; poll until the cursor reaches their end.
    let body: { data?: { _meta: { block: { number: number } }; benchTransfers: unknown[] } } = {};
    for (let i = 0; i < 100 && body.data?._meta.block.number !== 12; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const res = await fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ _meta { block { number } } benchTransfers(first: 1000) { id } }" }),
      });
      body = await res.json();
    }
    expect(body.data?._meta.block.number).toBe(12);
    // One Transfer per block from the NFT, plus one more in blocks 4, 8 and 12.
    expect(body.data?.benchTransfers).toHaveLength(15);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/indexed to block 12/);
  });
});
