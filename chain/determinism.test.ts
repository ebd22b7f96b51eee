/** Same seed, same chain: two independent one-day runs must produce identical block hashes. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPublicClient, http } from "viem";
import { afterAll, describe, expect, it } from "vitest";
import { startDevnet } from "./index.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function blockHashes(seed: number): Promise<string[]> {
  const out = mkdtempSync(join(tmpdir(), "hashfloor-det-"));
  dirs.push(out);
  const devnet = await startDevnet({ seed, days: 1, out });
  try {
    const client = createPublicClient({ transport: http(devnet.rpcUrl) });
    const hashes: string[] = [];
    for (let n = 0n; n <= BigInt(devnet.deployment.historyEndBlock); n++) hashes.push((await client.getBlock({ blockNumber: n })).hash);
    return hashes;
  } finally {
    await devnet.stop();
  }
}

describe("determinism", () => {
  it("gives identical block hashes for the same seed and different ones for another seed", async () => {
    const [a, b, other] = [await blockHashes(3), await blockHashes(3), await blockHashes(4)];
    expect(a.length).toBeGreaterThan(50);
    expect(b).toEqual(a);
    expect(other.at(-1)).not.toBe(a.at(-1));
  }, 300_000); // a fresh checkout compiles Seaport first (about a minute)
});
