/**
 * Bitcoin network state from Bitcoin Core's JSON-RPC (getblockchaininfo, getblockstats). Credentials
 * ride in the URL (http://user:password@127.0.0.1:8332) and are sent as HTTP basic auth.
 */
import { z } from "zod";
import { type AdapterOptions, fetchJson, NetworkDataError, utcDay } from "./http.ts";

const chainInfoSchema = z.object({
  chain: z.string(),
  blocks: z.number().int().nonnegative(),
  difficulty: z.number().positive(),
  time: z.number().optional(),
  mediantime: z.number(),
});
const statsSchema = z.object({
  height: z.number().int(),
  totalfee: z.number().nonnegative(),
  time: z.number(),
  subsidy: z.number().nonnegative().optional(),
});
const rpcReply = <S extends z.ZodTypeAny>(result: S) =>
  z.object({
    result: result.nullable(),
    error: z.object({ code: z.number(), message: z.string() }).nullable().optional(),
    id: z.union([z.number(), z.string(), z.null()]),
  });

export function bitcoinCoreClient({ baseUrl, timeoutMs }: AdapterOptions) {
  const url = new URL(baseUrl);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (url.username)
    headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64")}`;
  url.username = "";
  url.password = "";
  const endpoint = url.toString();

  async function call<S extends z.ZodTypeAny>(method: string, params: unknown[], schema: S): Promise<z.infer<S>> {
    const body = JSON.stringify({ jsonrpc: "1.0", id: 1, method, params });
    const reply = await fetchJson(endpoint, rpcReply(schema), { timeoutMs, init: { method: "POST", headers, body } });
    if (reply.error || reply.result === null)
      throw new NetworkDataError(`${endpoint} ${method}: ${reply.error?.message ?? "empty result"}`);
    return reply.result;
  }

  async function batch<S extends z.ZodTypeAny>(calls: { method: string; params: unknown[] }[], schema: S): Promise<z.infer<S>[]> {
    const body = JSON.stringify(calls.map((c, id) => ({ jsonrpc: "1.0", id, ...c })));
    const replies = await fetchJson(endpoint, z.array(rpcReply(schema)), { timeoutMs, init: { method: "POST", headers, body } });
    return replies
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((r) => {
        if (r.error || r.result === null) throw new NetworkDataError(`${endpoint} batch: ${r.error?.message ?? "empty result"}`);
        return r.result;
      });
  }

  return {
    blockchainInfo: () => call("getblockchaininfo", [], chainInfoSchema),
    blockStats: (heights: number[]) =>
      batch(
        heights.map((h) => ({ method: "getblockstats", params: [h, ["height", "totalfee", "time", "subsidy"]] })),
        statsSchema,
      ),
    /** Tip height, difficulty and average fees per block over the last `feeBlocks` blocks. */
    async networkState({ feeBlocks = 144 }: { feeBlocks?: number } = {}) {
      const info = await this.blockchainInfo();
      const from = Math.max(0, info.blocks - feeBlocks + 1);
      const stats = await this.blockStats(Array.from({ length: info.blocks - from + 1 }, (_, i) => from + i));
      const feesPerBlockBtc = stats.reduce((s, b) => s + b.totalfee, 0) / stats.length / 1e8;
      const tipTime = stats.at(-1)?.time ?? info.mediantime;
      return { height: info.blocks, difficulty: info.difficulty, feesPerBlockBtc, day: utcDay(tipTime), feeBlocks: stats.length };
    },
  };
}
