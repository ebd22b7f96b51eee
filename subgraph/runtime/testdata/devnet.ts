/**
 * A bare Hardhat 3 EDR chain for runtime tests and benchmarks (in-process, manual mining, served
 * over HTTP on a free port), with the TestNft contract compiled by solc-js (cached in the temp dir).
 * Deployed first from Hardhat's default account it lands at the address the test manifest uses.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { encodeFunctionData, parseAbi } from "viem";

const root = resolve(import.meta.dirname, "../../..");
export const nftAbi = parseAbi([
  "function emitTransfers(address from, address to, uint256 firstId, uint256 count)",
  "function spawn(address child)",
  "function name() view returns (string)",
]);

type Provider = { request(args: { method: string; params?: unknown[] }): Promise<unknown> };

async function bytecode(): Promise<`0x${string}`> {
  const source = readFileSync(join(import.meta.dirname, "TestNft.sol"), "utf8");
  const cache = join(tmpdir(), `hashfloor-testnft-${createHash("sha256").update(source).digest("hex").slice(0, 12)}.hex`);
  if (existsSync(cache)) return readFileSync(cache, "utf8") as `0x${string}`;
  // solc-js ships no types; only compile() is used.
  // @ts-expect-error -- no declaration file for "solc"
  const solc = (await import("solc")).default as { compile(input: string): string };
  const input = {
    language: "Solidity",
    sources: { "TestNft.sol": { content: source } },
    settings: { evmVersion: "cancun", outputSelection: { "*": { "*": ["evm.bytecode.object"] } } },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors ?? []).filter((e: { severity: string }) => e.severity === "error");
  if (errors.length > 0) throw new Error(`TestNft.sol: ${errors.map((e: { message: string }) => e.message).join("; ")}`);
  const hex = `0x${output.contracts["TestNft.sol"].TestNft.evm.bytecode.object}` as `0x${string}`;
  writeFileSync(cache, hex);
  return hex;
}

export interface TestChain {
  url: string;
  provider: Provider;
  accounts: `0x${string}`[];
  /** Deploys TestNft from accounts[0]; returns its address. */
  deployNft(): Promise<`0x${string}`>;
  /** Sends a transaction to the pool (no mining). */
  send(to: `0x${string}`, data: `0x${string}`, from?: `0x${string}`): Promise<`0x${string}`>;
  emitTransfers(nft: `0x${string}`, from: string, to: string, firstId: number, count: number): Promise<`0x${string}`>;
  /** Mines one block with what is pending. */
  mine(): Promise<void>;
  blockNumber(): Promise<number>;
  snapshot(): Promise<string>;
  revert(id: string): Promise<void>;
  close(): Promise<void>;
}

export async function startTestChain(): Promise<TestChain> {
  const { createHardhatRuntimeEnvironment } = await import("hardhat/hre");
  const hre = await createHardhatRuntimeEnvironment(
    {
      networks: {
        devnet: {
          type: "edr-simulated",
          chainType: "l1",
          chainId: 31337,
          mining: { auto: false, interval: 0 },
          blockGasLimit: 60_000_000n,
        },
      },
    },
    {},
    root,
  );
  const connection = await hre.network.create("devnet");
  const provider = connection.provider as unknown as Provider;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const one = async (r: { id: unknown; method: string; params?: unknown[] }) => {
      try {
        return { jsonrpc: "2.0", id: r.id, result: (await provider.request({ method: r.method, params: r.params ?? [] })) ?? null };
      } catch (error) {
        const e = error as { code?: number; message: string; data?: unknown };
        return {
          jsonrpc: "2.0",
          id: r.id,
          error: { code: typeof e.code === "number" ? e.code : -32603, message: e.message, data: e.data },
        };
      }
    };
    const reply = Array.isArray(body) ? await Promise.all(body.map(one)) : await one(body);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = (await provider.request({ method: "eth_accounts" })) as `0x${string}`[];
  const mine = async () => {
    await provider.request({ method: "evm_mine", params: [] });
  };
  const send = async (to: `0x${string}` | null, data: `0x${string}`, from = accounts[0]) =>
    (await provider.request({
      method: "eth_sendTransaction",
      params: [{ from, to: to ?? undefined, data, gas: "0xe4e1c0" }],
    })) as `0x${string}`;
  return {
    url,
    provider,
    accounts,
    async deployNft() {
      const hash = await send(null, await bytecode());
      await mine();
      const receipt = (await provider.request({ method: "eth_getTransactionReceipt", params: [hash] })) as {
        contractAddress: `0x${string}`;
      };
      return receipt.contractAddress;
    },
    send: (to, data, from) => send(to, data, from),
    emitTransfers: (nft, from, to, firstId, count) =>
      send(
        nft,
        encodeFunctionData({
          abi: nftAbi,
          functionName: "emitTransfers",
          args: [from as `0x${string}`, to as `0x${string}`, BigInt(firstId), BigInt(count)],
        }),
      ),
    mine,
    blockNumber: async () => Number(BigInt((await provider.request({ method: "eth_blockNumber" })) as string)),
    snapshot: async () => (await provider.request({ method: "evm_snapshot" })) as string,
    revert: async (id) => {
      await provider.request({ method: "evm_revert", params: [id] });
    },
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await connection.close();
    },
  };
}
