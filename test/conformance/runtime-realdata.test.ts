/**
 * `hashfloor index --etl … --once` end to end on two real mainnet blocks (17173049–17173050,
 * ethereum-etl's export in ../shared/realdata/ethereum) with the compiled mainnet subgraph, then the
 * same store served over GraphQL. subgraph-realdata.test.ts checks the mappings' values through the
 * harness; this one checks the command path: it must start at the files' first block (not walk
 * from the manifest's lowest startBlock, ~12.28M), finish promptly, and answer GraphQL with the one
 * Seaport sale the files hold. The RPC given is a local stub that only reverts `eth_call`s (the files
 * stay the source; there is no mainnet node here), so contract reads answer as reverts.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSubgraph } from "../../subgraph/manifests/index.ts";

const root = join(import.meta.dirname, "..", "..");
const etlDir = join(root, "..", "shared", "realdata", "ethereum", "etl_blocks_17173049_17173050");
const present = existsSync(join(etlDir, "logs.jsonl"));
if (!present) console.log(`runtime real-data check: ${etlDir} is absent; skipping`);

const SALE_TX = "0x42ace258a44863bdbe83eb5dad6f999e5b6ab775b38529db5a3af4753970fc3c";
type Row = Record<string, unknown>;
const rows = (file: string): Row[] =>
  readFileSync(join(etlDir, file), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

/** A JSON-RPC endpoint that reverts every eth_call and refuses everything else, recording methods. */
function revertingRpc(methods: string[]): Promise<Server> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += String(d);
    });
    req.on("end", () => {
      const parsed = JSON.parse(body) as { id: number; method: string } | Array<{ id: number; method: string }>;
      const answer = (r: { id: number; method: string }) => {
        methods.push(r.method);
        return r.method === "eth_call"
          ? { jsonrpc: "2.0", id: r.id, error: { code: 3, message: "execution reverted" } }
          : { jsonrpc: "2.0", id: r.id, error: { code: -32601, message: `method ${r.method} not served by this stub` } };
      };
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(Array.isArray(parsed) ? parsed.map(answer) : answer(parsed)));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function runIndex(args: string[]): { child: ChildProcess; out: { stdout: string; stderr: string }; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(root, "bin/hashfloor.mjs"), "index", ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, HASHFLOOR_RPC_URL: "" },
  });
  const out = { stdout: "", stderr: "" };
  child.stdout?.on("data", (d) => {
    out.stdout += String(d);
  });
  child.stderr?.on("data", (d) => {
    out.stderr += String(d);
  });
  return { child, out, exited: new Promise((r) => child.on("exit", r)) };
}

describe.skipIf(!present)("hashfloor index --etl --once on real blocks 17173049–17173050", () => {
  let dir: string;
  let manifestPath: string;
  let rpc: Server;
  let rpcUrl: string;
  const methods: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "hashfloor-runtime-realdata-"));
    ({ manifestPath } = await buildSubgraph({ network: "mainnet" }));
    rpc = await revertingRpc(methods);
    rpcUrl = `http://127.0.0.1:${(rpc.address() as AddressInfo).port}`;
  }, 300_000);
  afterAll(async () => {
    await new Promise((r) => rpc?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it("without an RPC, stops at once on the first ethereum.call with a setup error naming --rpc", async () => {
    const run = runIndex(["--manifest", manifestPath, "--etl", etlDir, "--once", "--db", join(dir, "no-rpc")]);
    expect(await run.exited).toBe(2);
    expect(run.out.stderr).toMatch(/ethereum\.call .* pass --rpc http:\/\/127\.0\.0\.1:8545/);
  }, 60_000);

  it("indexes the files promptly, from their first block, and serves the one Seaport sale over GraphQL", async () => {
    const db = join(dir, "db");
    const started = performance.now();
    const once = runIndex(["--manifest", manifestPath, "--etl", etlDir, "--rpc", rpcUrl, "--once", "--db", db]);
    expect(await once.exited, once.out.stderr).toBe(0);
    // Before the fix this walked from block 12.28M and did not finish in 10 minutes; reverted calls
    // were also retried 6 times each (~50 s here) when the calldata in the error text read as "50x".
    const seconds = (performance.now() - started) / 1000;
    console.log(`hashfloor index --etl --once: ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(30);
    expect(once.out.stderr).toMatch(/indexed to block 17173050 \(\d+ events\)/);
    expect(methods.length).toBeGreaterThan(0);
    expect(new Set(methods)).toEqual(new Set(["eth_call"]));

    // A restart resumes at the cursor (nothing left) and serves the store until SIGTERM.
    const serve = runIndex(["--manifest", manifestPath, "--etl", etlDir, "--rpc", rpcUrl, "--db", db, "--port", "0"]);
    try {
      const endpoint = await new Promise<string>((resolve, reject) => {
        serve.child.stdout?.on("data", () => {
          const m = /GraphQL: (\S+)/.exec(serve.out.stdout);
          if (m) resolve(m[1]);
        });
        serve.child.on("exit", () => reject(new Error(`index exited early: ${serve.out.stderr}`)));
      });
      const query = `{
        _meta { block { number hash } hasIndexingErrors }
        sales { id kind protocolVersion logIndex blockNumber grossPriceWei sellerProceedsWei marketplaceFeeWei royaltyFeeWei
                transaction { id gasUsed } fees { amountWei } }
        atFirst: sales(block: { number: 17173049 }) { id }
      }`;
      const res = await fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as { errors?: unknown; data: Record<string, unknown> };
      expect(body.errors).toBeUndefined();
      const last = rows("blocks.jsonl").find((b) => b.number === 17173050) as Row;
      expect(body.data._meta).toEqual({ block: { number: 17173050, hash: last.hash }, hasIndexingErrors: false });

      const tx = rows("transactions.jsonl").find((t) => t.hash === SALE_TX) as Row;
      const sales = body.data.sales as Array<Record<string, unknown> & { fees: Array<{ amountWei: string }> }>;
      expect(sales).toHaveLength(1);
      const [sale] = sales;
      expect(sale).toMatchObject({
        kind: "LISTING",
        protocolVersion: "1.4",
        logIndex: "205",
        blockNumber: String(tx.block_number),
        // A basic ETH listing: the buyer's transaction value is the gross price.
        grossPriceWei: BigInt(tx.value as number).toString(),
        transaction: { id: SALE_TX, gasUsed: BigInt(tx.receipt_gas_used as number).toString() },
      });
      // The derived fee rows and the proceeds add up to what the buyer paid.
      const fees = sale.fees.reduce((s, f) => s + BigInt(f.amountWei), 0n);
      expect(fees).toBe(BigInt(sale.marketplaceFeeWei as string) + BigInt(sale.royaltyFeeWei as string));
      expect(fees + BigInt(sale.sellerProceedsWei as string)).toBe(BigInt(sale.grossPriceWei as string));
      expect(body.data.atFirst).toEqual([{ id: sale.id }]);
    } finally {
      serve.child.kill("SIGTERM");
      expect(await serve.exited).toBe(0);
    }
  }, 180_000);
});
