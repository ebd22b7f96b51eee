import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/hashfloor.mjs", import.meta.url));
const run = (args: string[], env: Record<string, string> = {}, node = process.execPath) =>
  spawnSync(node, [bin, ...args], { encoding: "utf8", env: { ...process.env, ...env } });

describe("hashfloor CLI", () => {
  it("lists its subcommands with --help", () => {
    const r = run(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: hashfloor <command>/);
    expect(r.stdout).toMatch(/^\s+start\s+/m);
    expect(r.stdout).toMatch(/^\s+serve\s+/m);
  });

  it("rejects an unknown command in one line", () => {
    const r = run(["frobnicate"]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('hashfloor: unknown command "frobnicate". Run `hashfloor --help` to list commands.');
  });

  it("stops on a bad environment variable, naming it, without a stack trace", () => {
    const r = run(["serve"], { HASHFLOOR_PORT: "abc" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('HASHFLOOR_PORT="abc"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("rejects a bad flag value naming the flag", () => {
    const r = run(["serve", "--port", "99999"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--port must be a whole number from 1 to 65535");
  });

  // On this machine kind the host's node is 20: the launcher must hand over to the bundled Node 22.
  const hostNode = ["/usr/local/bin/node", "/usr/bin/node"].find(
    (p) => existsSync(p) && Number(spawnSync(p, ["-p", "process.versions.node.split('.')[0]"], { encoding: "utf8" }).stdout.trim()) < 22,
  );
  it.skipIf(!hostNode)("runs on Node >= 22.13 when started by an older host node", () => {
    const r = spawnSync(hostNode as string, [bin, "--help"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: hashfloor/);
  });

  it("npm scripts run on Node >= 22.13", () => {
    const [major, minor] = process.versions.node.split(".").map(Number);
    expect(major > 22 || (major === 22 && minor >= 13)).toBe(true);
  });
});
