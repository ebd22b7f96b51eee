/**
 * `ethereum.getBalance` / `hasCode` and `json.*` through the compiled test mapping
 * (testdata/src/host-fns.as, built by graph-cli): the tokenId of a Transfer picks the host function,
 * the transaction input carries the JSON text. Expected messages are graph-node's.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { toHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransientError } from "../host/errors.ts";
import type { ChainReadRequest } from "../host/state.ts";
import { NoCallSourceError } from "../process/runner.ts";
import { buildTestSubgraph } from "../testdata/build.ts";
import { fixture, NFT_ADDRESS, transferLog, ZERO_ADDRESS } from "../testdata/fixtures.ts";
import { createHarness, MappingFailedError } from "./index.ts";

const ALICE = "0x00000000000000000000000000000000000a11ce";
const API_008_ADDRESS = "0x00000000000000000000000000000000000a0008";
const Mode = { chain: 1, tryParse: 2, parse: 3, i64: 4, u64: 5, f64: 6, bigInt: 7, helpers: 8 } as const;

let manifest: string;
beforeAll(() => {
  manifest = buildTestSubgraph("host-fns.yaml");
}, 120_000);

/** A Transfer of token `mode` in block `n`, its transaction input being `input`. */
function probe(mode: number, input: string | Uint8Array = "", n = 5, address = NFT_ADDRESS) {
  const fx = fixture(n, [transferLog(ZERO_ADDRESS, ALICE, mode, address)]);
  fx.transaction.input = toHex(typeof input === "string" ? Buffer.from(input, "utf8") : input);
  return fx;
}

async function jsonProbe(mode: number, input: string | Uint8Array) {
  const h = createHarness({ manifest });
  await h.processFixture(probe(mode, input));
  const [row] = h.all("JsonProbe");
  return { row, h };
}

async function failure(mode: number, input: string | Uint8Array): Promise<string> {
  const h = createHarness({ manifest });
  const error = await h.processFixture(probe(mode, input)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MappingFailedError);
  expect(h.all("JsonProbe")).toHaveLength(0);
  return (error as Error).message.replace(/^handler handleProbe failed at block \d+: /, "");
}

const f64 = (bits: unknown) => new Float64Array(BigInt64Array.of(bits as bigint).buffer)[0];

describe("json.* through the compiled mapping", () => {
  it("json.try_fromBytes hands the mapping the tree graph-node builds (number text, sorted keys)", async () => {
    const { row } = await jsonProbe(
      Mode.tryParse,
      '{"b": [1, -0, 2.50E+3, true, null], "a": {"k": "v\\u00e9"}, "b": 18446744073709551616}',
    );
    expect(row).toMatchObject({ ok: true, tree: "{a:{k:'vé'},b:#18446744073709551616}" });
    const array = await jsonProbe(Mode.tryParse, '[1, -0, 2.50E+3, true, false, null, "x", [], {}]');
    expect(array.row.tree).toBe("[#1,#0,#2.50E+3,true,false,null,'x',[],{}]");
  });

  it("json.try_fromBytes answers Result.error for invalid or oversized JSON and logs why", async () => {
    const { row, h } = await jsonProbe(Mode.tryParse, "{oops}");
    expect(row).toMatchObject({ ok: false });
    expect(row.tree ?? null).toBeNull();
    expect(h.logs).toContainEqual({
      level: "warning",
      message: "Failed to parse JSON from byte array: key must be a string at line 1 column 2",
    });
    // 10,000,000 bytes is the limit: whitespace keeps the tree small at that size.
    const atLimit = await jsonProbe(Mode.tryParse, `[${" ".repeat(9_999_998)}]`);
    expect(atLimit.row).toMatchObject({ ok: true, tree: "[]" });
    const over = await jsonProbe(Mode.tryParse, `[${" ".repeat(9_999_999)}]`);
    expect(over.row).toMatchObject({ ok: false });
    expect(over.h.logs.at(-1)?.message).toBe("Failed to parse JSON from byte array: JSON size exceeds max size of 10000000");
  });

  it("json.fromBytes fails the handler with graph-node's message on invalid or oversized JSON", async () => {
    expect((await jsonProbe(Mode.parse, ' {"n": 12.0} ')).row.tree).toBe("{n:#12.0}");
    expect(await failure(Mode.parse, '{"a" 1}')).toBe(
      "Failed to parse JSON from byte array. Bytes (truncated to 1024 chars): `[123, 34, 97, 34, 32, 49, 125]`: expected `:` at line 1 column 6",
    );
    const big = await failure(Mode.parse, `[${" ".repeat(9_999_999)}]`);
    expect(big).toMatch(/^Failed to parse JSON from byte array\. Bytes \(truncated to 1024 chars\): `\[91, 32, 32, /);
    expect(big.match(/\d+/g)?.length).toBe(1024 + 2);
    expect(big).toMatch(/`: JSON size exceeds max size of 10000000$/);
  });

  it("json.toI64 / toU64 / toF64 / toBigInt parse as Rust does (values checked against rustc's from_str)", async () => {
    expect((await jsonProbe(Mode.i64, "-9223372036854775808")).row.asI64).toBe(-(2n ** 63n));
    expect((await jsonProbe(Mode.i64, "+12")).row.asI64).toBe(12n);
    expect((await jsonProbe(Mode.u64, "18446744073709551615")).row.asU64).toBe(2n ** 64n - 1n);
    expect(f64((await jsonProbe(Mode.f64, "1.5e3")).row.asF64Bits)).toBe(1500);
    expect(f64((await jsonProbe(Mode.f64, ".5")).row.asF64Bits)).toBe(0.5);
    expect(f64((await jsonProbe(Mode.f64, "-Infinity")).row.asF64Bits)).toBe(Number.NEGATIVE_INFINITY);
    expect((await jsonProbe(Mode.bigInt, "-123456789012345678901234567890")).row.asBigInt).toBe(-123456789012345678901234567890n);
    expect((await jsonProbe(Mode.bigInt, "1_000")).row.asBigInt).toBe(1000n);
    const helpers = (await jsonProbe(Mode.helpers, "[4]".slice(1, 2))).row;
    expect(helpers).toMatchObject({ asI64: 4n, asBigInt: 4n });
    expect(f64(helpers.asF64Bits)).toBe(4);
  });

  it.each([
    [Mode.i64, "9223372036854775808", "JSON `9223372036854775808` cannot be parsed as i64: number too large to fit in target type"],
    [Mode.i64, "-9223372036854775809", "JSON `-9223372036854775809` cannot be parsed as i64: number too small to fit in target type"],
    [Mode.i64, "1.5", "JSON `1.5` cannot be parsed as i64: invalid digit found in string"],
    [Mode.i64, "", "JSON `` cannot be parsed as i64: cannot parse integer from empty string"],
    [Mode.u64, "-1", "JSON `-1` cannot be parsed as u64: invalid digit found in string"],
    [Mode.u64, "18446744073709551616", "JSON `18446744073709551616` cannot be parsed as u64: number too large to fit in target type"],
    [Mode.f64, "1e", "JSON `1e` cannot be parsed as f64: invalid float literal"],
    [Mode.f64, " 1", "JSON ` 1` cannot be parsed as f64: invalid float literal"],
    [Mode.f64, "", "JSON `` cannot be parsed as f64: cannot parse float from empty string"],
    [Mode.bigInt, "12a", "JSON `12a` is not a decimal string: invalid digit found in string"],
    [Mode.bigInt, "-", "JSON `-` is not a decimal string: cannot parse integer from empty string"],
    [Mode.helpers, "1.5", "JSON `1.5` cannot be parsed as i64: invalid digit found in string"],
  ])("mode %i on %j fails with %j", async (mode, input, message) => {
    expect(await failure(mode, input)).toBe(message);
  });
});

describe("ethereum.getBalance / hasCode through the compiled mapping", () => {
  it("answers from per-address mocks, or a function of the block", async () => {
    const h = createHarness({
      manifest,
      balances: { [ALICE.replace("a11ce", "A11CE")]: 5n, [NFT_ADDRESS]: 0n },
      code: { [NFT_ADDRESS]: true, [ALICE]: false },
    });
    await h.processFixture(probe(Mode.chain));
    expect(h.all("ChainProbe")).toEqual([
      expect.objectContaining({ subject: ALICE, subjectBalance: 5n, subjectHasCode: false, contractBalance: 0n, contractHasCode: true }),
    ]);
    const seen: ChainReadRequest[] = [];
    const byBlock = createHarness({
      manifest,
      balances: (r) => {
        seen.push(r);
        return BigInt(r.blockNumber) * 10n;
      },
      code: (r) => r.address === NFT_ADDRESS,
    });
    await byBlock.processFixture(probe(Mode.chain, "", 7));
    expect(byBlock.all("ChainProbe")[0]).toMatchObject({
      blockNumber: 7n,
      subjectBalance: 70n,
      contractHasCode: true,
      subjectHasCode: false,
    });
    expect(seen.map((r) => r.address)).toEqual([ALICE, NFT_ADDRESS]);
    expect(seen[0].blockHash).toBe(probe(Mode.chain, "", 7).block.hash);
  });

  it("fails below apiVersion 0.0.9 with graph-node's message, mocks or not", async () => {
    const h = createHarness({ manifest, balances: () => 1n, code: () => true });
    await expect(h.processFixture(probe(Mode.chain, "", 5, API_008_ADDRESS))).rejects.toThrow(
      new MappingFailedError("ethereum.getBalance call is not supported before API version 0.0.9", "handleProbe", 5),
    );
  });

  it("is a setup error, not a subgraph failure, when nothing can answer (no mock, no RPC)", async () => {
    const h = createHarness({ manifest, code: { [NFT_ADDRESS]: true } });
    const error = await h.processFixture(probe(Mode.chain)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoCallSourceError);
    expect((error as Error).message).toBe(
      `ethereum.getBalance(${ALICE}) at block 5 has no mock and no RPC to answer it (chain state is not in ethereum-etl files)`,
    );
  });
});

describe("ethereum.getBalance / hasCode over JSON-RPC (a scripted node)", () => {
  let server: Server;
  let url: string;
  const requests: Array<{ method: string; params: unknown[] }> = [];
  let refuseHashes = false;
  let failing = false;
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const one = (r: { id: number; method: string; params: unknown[] }) => {
        requests.push(r);
        const at = r.params[1];
        if (failing) return { jsonrpc: "2.0", id: r.id, error: { code: -32000, message: "backend unavailable" } };
        if (refuseHashes && typeof at === "object")
          return { jsonrpc: "2.0", id: r.id, error: { code: -32602, message: "invalid params: blockHash not supported" } };
        const result = r.method === "eth_getBalance" ? "0xde0b6b3a7640000" : r.params[0] === NFT_ADDRESS ? "0x6080" : "0x";
        return { jsonrpc: "2.0", id: r.id, result };
      };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(Array.isArray(body) ? body.map(one) : one(body)));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("pins reads to the block hash (EIP-1898), falls back to the number, and reports node errors as transient", async () => {
    const fx = probe(Mode.chain, "", 9);
    const h = createHarness({ manifest, rpcUrl: url });
    await h.processFixture(fx);
    expect(h.all("ChainProbe")[0]).toMatchObject({ subjectBalance: 10n ** 18n, subjectHasCode: false, contractHasCode: true });
    expect(requests.map((r) => r.params[1])).toEqual(Array(4).fill({ blockHash: fx.block.hash }));

    requests.length = 0;
    refuseHashes = true;
    const byNumber = createHarness({ manifest, rpcUrl: url });
    await byNumber.processFixture(fx);
    expect(byNumber.all("ChainProbe")).toHaveLength(1);
    expect(requests.at(-1)?.params[1]).toBe("0x9");

    failing = true;
    const down = createHarness({ manifest, rpcUrl: url });
    const error = await down.processFixture(fx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toMatch(/^eth_getBalance of 0x0+a11ce at block 9 failed: .*backend unavailable/);
    expect(down.all("ChainProbe")).toHaveLength(0);
  });
});
