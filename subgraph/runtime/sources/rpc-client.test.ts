import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rpcRequester } from "./rpc-client.ts";

/** Answers eth_call with a revert and eth_blockNumber with HTTP 503 once, counting requests. */
let server: Server;
let url: string;
const seen: string[] = [];
beforeAll(async () => {
  let failedOnce = false;
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += String(d);
    });
    req.on("end", () => {
      const calls = [JSON.parse(body)].flat() as Array<{ id: number; method: string }>;
      for (const c of calls) seen.push(c.method);
      if (calls.some((c) => c.method === "eth_blockNumber") && !failedOnce) {
        failedOnce = true;
        res.statusCode = 503;
        res.end("busy");
        return;
      }
      const answer = (c: { id: number; method: string }) =>
        c.method === "eth_call"
          ? { jsonrpc: "2.0", id: c.id, error: { code: 3, message: "execution reverted" } }
          : { jsonrpc: "2.0", id: c.id, result: "0x10" };
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(Array.isArray(JSON.parse(body)) ? calls.map(answer) : answer(calls[0])));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe("rpcRequester retries", () => {
  it("does not retry a revert, even when the calldata in viem's message contains 503", async () => {
    seen.length = 0;
    const request = rpcRequester(url);
    const data = `0x06fdde03${"5031".repeat(16)}`;
    await expect(request("eth_call", [{ to: `0x${"ab".repeat(20)}`, data }, "latest"])).rejects.toThrow(/revert/i);
    expect(seen).toEqual(["eth_call"]);
  });

  it("retries an HTTP 503", async () => {
    seen.length = 0;
    const request = rpcRequester(url);
    expect(await request("eth_blockNumber", [])).toBe("0x10");
    expect(seen).toEqual(["eth_blockNumber", "eth_blockNumber"]);
  });
});
