/** `hashfloor devnet` rejects bad flag values with one line naming the problem. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/hashfloor.mjs", import.meta.url));
const run = (args: string[]) => spawnSync(process.execPath, [bin, "devnet", ...args], { encoding: "utf8", timeout: 240_000 });
const out = mkdtempSync(join(tmpdir(), "hashfloor-cli-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("hashfloor devnet flags", () => {
  it.each([
    [["--days", "-1"], "--days must be a whole number from 1 to 3650"],
    [["--days", "abc"], "--days must be a whole number"],
    [["--seed", "1.5"], "--seed must be a whole number"],
    [["--port", "70000"], "--port must be a whole number from 0 to 65535"],
    [["--out", "/dev/null/devnet"], "--out /dev/null/devnet is not a writable folder"],
  ])("%j fails in one line", (args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(message);
  });

  it("names a port that is already in use", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = run(["--port", String(port), "--days", "1", "--out", out]);
      expect(r.status).toBe(2);
      const lines = r.stderr
        .trim()
        .split("\n")
        .filter((l) => l.startsWith("hashfloor:"));
      expect(lines).toEqual([`hashfloor: --port ${port} is already in use; pass another, e.g. --port 8545`]);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  }, 300_000); // a fresh checkout compiles Seaport before the port is tried
});
