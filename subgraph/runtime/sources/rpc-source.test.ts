import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hex } from "../chain/types.ts";
import { block, NFT_ADDRESS, TRANSFER_TOPIC } from "../testdata/fixtures.ts";
import { RpcSource } from "./rpc-source.ts";
import type { LogFilter } from "./source.ts";

/** A node whose range holds no logs: every request is counted by method. */
let server: Server;
let url: string;
const seen = new Map<string, number>();
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += String(d);
    });
    req.on("end", () => {
      const parsed = JSON.parse(body) as
        | { id: number; method: string; params: unknown[] }
        | Array<{ id: number; method: string; params: unknown[] }>;
      const answer = (c: { id: number; method: string; params: unknown[] }) => {
        seen.set(c.method, (seen.get(c.method) ?? 0) + 1);
        if (c.method === "eth_getLogs") return { jsonrpc: "2.0", id: c.id, result: [] };
        return { jsonrpc: "2.0", id: c.id, result: { ...block(Number(BigInt(c.params[0] as string))), transactions: [] } };
      };
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(Array.isArray(parsed) ? parsed.map(answer) : answer(parsed)));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

const filter = (everyBlock: boolean): LogFilter => ({
  addresses: [NFT_ADDRESS as Hex],
  topics: [TRANSFER_TOPIC as Hex],
  anyAddressTopics: [],
  receiptTopics: new Set(),
  everyBlock,
  startBlock: 0,
  endBlock: null,
});

describe("RpcSource over an empty range", () => {
  it("asks for logs in ranges and fetches only the two edge headers, not every block", async () => {
    seen.clear();
    const { blocks } = await new RpcSource(url, filter(false)).fetchRange(10_000_000, 10_004_999);
    expect(blocks.map((b) => b.header.number)).toEqual([10_000_000, 10_004_999]);
    expect(seen.get("eth_getBlockByNumber")).toBe(2);
    expect(seen.get("eth_getLogs")).toBeLessThanOrEqual(3);
  });

  it("delivers every block when a block handler needs them", async () => {
    seen.clear();
    const { blocks } = await new RpcSource(url, filter(true)).fetchRange(100, 109);
    expect(blocks).toHaveLength(10);
  });
});
