/**
 * msw handler playing an Ethereum Classic JSON-RPC node for viem: eth_getBlockByNumber("latest") and
 * eth_chainId. Values are hex as a node sends them; `fault` switches on errors.
 */
import { delay, HttpResponse, http } from "msw";

const hex = (n: number | bigint) => `0x${BigInt(n).toString(16)}`;

export interface EtcRpcMockOptions {
  url: string;
  height?: number;
  difficulty?: bigint;
  timestampS?: number;
}

export function createEtcRpcMock({
  url,
  height = 20_000_001,
  difficulty = 2_400_000_000_000_000n,
  timestampS = 1_713_571_767,
}: EtcRpcMockOptions) {
  const state = { height, difficulty, timestampS, fault: null as "hang" | "rpc-error" | null, calls: [] as string[] };
  const latestBlock = () => ({
    number: hex(state.height),
    hash: `0x${"ab".repeat(32)}`,
    parentHash: `0x${"cd".repeat(32)}`,
    nonce: "0x0000000000000042",
    sha3Uncles: `0x${"00".repeat(32)}`,
    logsBloom: `0x${"00".repeat(256)}`,
    transactionsRoot: `0x${"11".repeat(32)}`,
    stateRoot: `0x${"22".repeat(32)}`,
    receiptsRoot: `0x${"33".repeat(32)}`,
    miner: `0x${"44".repeat(20)}`,
    difficulty: hex(state.difficulty),
    totalDifficulty: hex(state.difficulty * 1000n),
    extraData: "0x",
    size: hex(1200),
    gasLimit: hex(8_000_000),
    gasUsed: hex(210_000),
    timestamp: hex(state.timestampS),
    transactions: [],
    uncles: [],
    mixHash: `0x${"55".repeat(32)}`,
  });
  const handler = http.post(url, async ({ request }) => {
    if (state.fault === "hang") await delay("infinite");
    const body = (await request.json()) as { id: number; method: string; params: unknown[] };
    state.calls.push(body.method);
    if (state.fault === "rpc-error")
      return HttpResponse.json({ jsonrpc: "2.0", id: body.id, error: { code: -32000, message: "header not found" } });
    if (body.method === "eth_getBlockByNumber") return HttpResponse.json({ jsonrpc: "2.0", id: body.id, result: latestBlock() });
    if (body.method === "eth_chainId") return HttpResponse.json({ jsonrpc: "2.0", id: body.id, result: "0x3d" });
    return HttpResponse.json({ jsonrpc: "2.0", id: body.id, error: { code: -32601, message: `method ${body.method} not mocked` } });
  });
  return { handlers: [handler], state };
}
