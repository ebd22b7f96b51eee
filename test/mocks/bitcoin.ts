/**
 * msw handlers playing Bitcoin network sources: a mempool.space-compatible REST API and Bitcoin Core
 * JSON-RPC (single and batch calls). The chain is synthetic: block h has `feesSat(h)` fees and the
 * tip's difficulty; defaults describe block 840,000. Faults test timeouts and validation.
 */
import { delay, HttpResponse, http } from "msw";

export type BitcoinFault = "hang" | "http500" | "bad-shape" | null;

export interface BitcoinMockOptions {
  mempoolUrl?: string;
  bitcoindUrl?: string;
  tipHeight?: number;
  difficulty?: number;
  /** Fees of block `height`, in satoshis. */
  feesSat?: (height: number) => number;
  /** Tip block time, unix seconds. */
  tipTimeS?: number;
  /** Basic-auth "user:password" Bitcoin Core expects, when set. */
  rpcAuth?: string;
}

export function createBitcoinMock(options: BitcoinMockOptions = {}) {
  const state = {
    tipHeight: options.tipHeight ?? 840_000,
    difficulty: options.difficulty ?? 86_388_558_925_171.02,
    feesSat: options.feesSat ?? ((h: number) => 10_000_000 + (h % 7) * 1_000_000),
    tipTimeS: options.tipTimeS ?? 1_713_571_767,
    fault: null as BitcoinFault,
    requests: [] as string[],
  };
  const timeOf = (h: number) => state.tipTimeS - (state.tipHeight - h) * 600;
  const block = (h: number) => ({
    id: h.toString(16).padStart(64, "0"),
    height: h,
    timestamp: timeOf(h),
    difficulty: state.difficulty,
    tx_count: 3000,
    extras: { totalFees: state.feesSat(h), reward: 312_500_000 + state.feesSat(h), avgFee: 3000 },
  });
  const faulted = async () => {
    if (state.fault === "hang") {
      await delay("infinite");
    }
    if (state.fault === "http500") return HttpResponse.text("boom", { status: 500 });
    return undefined;
  };
  const blocksFrom = (start: number) => Array.from({ length: Math.min(15, start + 1) }, (_, i) => block(start - i));

  const handlers = [];
  if (options.mempoolUrl) {
    const base = options.mempoolUrl.replace(/\/+$/, "");
    handlers.push(
      http.get(`${base}/api/blocks/tip/height`, async () => (await faulted()) ?? HttpResponse.text(String(state.tipHeight))),
      http.get(`${base}/api/v1/blocks/:height?`, async ({ params }) => {
        state.requests.push(`blocks ${params.height ?? "tip"}`);
        const bad = await faulted();
        if (bad) return bad;
        if (state.fault === "bad-shape") return HttpResponse.json([{ height: "tip" }]);
        return HttpResponse.json(blocksFrom(params.height === undefined ? state.tipHeight : Number(params.height)));
      }),
      http.get(`${base}/api/v1/mining/difficulty-adjustments/:interval`, async () => {
        const bad = await faulted();
        if (bad) return bad;
        // newest first, as mempool serves it: [timestamp, height, difficulty, change ratio]
        return HttpResponse.json(
          Array.from({ length: 6 }, (_, i) => {
            const height = Math.floor(state.tipHeight / 2016) * 2016 - i * 2016;
            return [timeOf(height), height, state.difficulty / 1.03 ** i, 1.03];
          }),
        );
      }),
      http.get(`${base}/api/v1/mining/hashrate/:period`, async () => {
        const bad = await faulted();
        if (bad) return bad;
        const hashrate = (state.difficulty * 2 ** 32) / 600;
        return HttpResponse.json({
          hashrates: [{ timestamp: timeOf(state.tipHeight), avgHashrate: hashrate }],
          difficulty: [],
          currentHashrate: hashrate,
          currentDifficulty: state.difficulty,
        });
      }),
    );
  }
  if (options.bitcoindUrl) {
    const answer = (call: { id: unknown; method: string; params: unknown[] }) => {
      state.requests.push(call.method);
      if (call.method === "getblockchaininfo") {
        return {
          id: call.id,
          error: null,
          result: {
            chain: "main",
            blocks: state.tipHeight,
            headers: state.tipHeight,
            difficulty: state.difficulty,
            mediantime: timeOf(state.tipHeight) - 3000,
            time: timeOf(state.tipHeight),
          },
        };
      }
      if (call.method === "getblockstats") {
        const h = Number(call.params[0]);
        if (h > state.tipHeight)
          return { id: call.id, result: null, error: { code: -8, message: "Target block height after current tip" } };
        return { id: call.id, error: null, result: { height: h, totalfee: state.feesSat(h), time: timeOf(h), subsidy: 312_500_000 } };
      }
      return { id: call.id, result: null, error: { code: -32601, message: "Method not found" } };
    };
    handlers.push(
      http.post(options.bitcoindUrl, async ({ request }) => {
        const bad = await faulted();
        if (bad) return bad;
        if (options.rpcAuth && request.headers.get("authorization") !== `Basic ${Buffer.from(options.rpcAuth).toString("base64")}`) {
          return HttpResponse.text("", { status: 401 });
        }
        const body = (await request.json()) as Parameters<typeof answer>[0] | Parameters<typeof answer>[0][];
        if (state.fault === "bad-shape") return HttpResponse.json({ id: 1, error: null, result: { blocks: "many" } });
        return HttpResponse.json(Array.isArray(body) ? body.map(answer) : answer(body));
      }),
    );
  }
  return { handlers, state };
}
