/**
 * `hashfloor start` as a user runs it, in hosted-subgraph mode (no devnet, so it is quick): the
 * progress display names each stage, the dashboard answers, and SIGINT stops it cleanly (exit 0,
 * port released). The full embedded run (devnet + runtime + sync) is exercised by hand and in CI's
 * cross-stage tests; this one guards the orchestration and the shutdown.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../app/server/build.ts";

describe("hashfloor start", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "hashfloor-start-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("skips the devnet with HASHFLOOR_SUBGRAPH_URL, serves the dashboard, and stops on SIGINT", async () => {
    const child = spawn(process.execPath, [join(projectRoot, "bin", "hashfloor.mjs"), "start", "--port", "0"], {
      cwd: projectRoot,
      env: {
        ...process.env,
        HASHFLOOR_DATA_DIR: dataDir,
        HASHFLOOR_SUBGRAPH_URL: "http://127.0.0.1:9/subgraphs/name/hashfloor",
        HASHFLOOR_RPC_URL: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c) => {
      output += c;
    });
    child.stderr.on("data", (c) => {
      output += c;
    });
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    try {
      await expect.poll(() => /dashboard on (http:\/\/\S+) /.exec(output)?.[1], { timeout: 120_000, interval: 250 }).toBeTruthy();
      const url = /dashboard on (http:\/\/\S+) /.exec(output)?.[1] as string;
      expect(output).toMatch(/devnet\s+skipped\s+HASHFLOOR_SUBGRAPH_URL is set/);
      expect(output).toMatch(/subgraph runtime\s+skipped/);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("Hashfloor");
      child.kill("SIGINT");
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("timeout"), 20_000))]);
      expect(code).toBe(0);
      expect(output).toContain("Stopped.");
      await expect(fetch(url)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
