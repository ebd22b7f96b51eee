/**
 * msw handlers playing price sources: a CoinGecko-compatible /api/v3/simple/price, and an Ethereum
 * JSON-RPC node answering eth_call to a Chainlink aggregator (decimals, latestRoundData).
 */
import { delay, HttpResponse, http } from "msw";
import { encodeFunctionResult, parseAbi } from "viem";

const aggregatorAbi = parseAbi([
  "function decimals() view returns (uint8)",
  "function latestRoundData() view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)",
]);
const selectors = { decimals: "0x313ce567", latestRoundData: "0xfeaf968c" };

/**
 * USD prices by CoinGecko id; ids missing from `pricesUsd` are left out of the answer, as CoinGecko
 * does. market_chart answers `days` daily points ending at `nowMs`, price rising 1 USD a day.
 */
export function createCoingeckoMock({
  url,
  pricesUsd,
  nowMs = Date.UTC(2024, 3, 20),
}: {
  url: string;
  pricesUsd: Record<string, number>;
  nowMs?: number;
}) {
  const state = { pricesUsd, fault: null as "hang" | "http429" | null, requests: [] as string[] };
  const handler = http.get(`${url.replace(/\/+$/, "")}/api/v3/simple/price`, async ({ request }) => {
    if (state.fault === "hang") await delay("infinite");
    if (state.fault === "http429") return HttpResponse.json({ status: { error_code: 429 } }, { status: 429 });
    const ids = (new URL(request.url).searchParams.get("ids") ?? "").split(",");
    state.requests.push(ids.join(","));
    return HttpResponse.json(Object.fromEntries(ids.filter((id) => id in state.pricesUsd).map((id) => [id, { usd: state.pricesUsd[id] }])));
  });
  const chart = http.get(`${url.replace(/\/+$/, "")}/api/v3/coins/:id/market_chart`, ({ params, request }) => {
    const base = state.pricesUsd[String(params.id)];
    if (base === undefined) return HttpResponse.json({ error: "coin not found" }, { status: 404 });
    const days = Number(new URL(request.url).searchParams.get("days") ?? "30");
    const prices = Array.from({ length: days + 1 }, (_, i) => [nowMs - (days - i) * 86_400_000, base - (days - i)]);
    return HttpResponse.json({ prices, market_caps: [], total_volumes: [] });
  });
  return { handlers: [handler, chart], state };
}

/** Aggregators by lowercase address: answer (scaled integer), decimals and update time. */
export function createChainlinkRpcMock({
  url,
  feeds,
}: {
  url: string;
  feeds: Record<string, { answer: bigint; decimals: number; updatedAtS: number }>;
}) {
  const state = { feeds, calls: 0 };
  const handler = http.post(url, async ({ request }) => {
    const payload = (await request.json()) as
      | { id: number; method: string; params: [{ to: string; data: string }] }
      | { id: number; method: string; params: [{ to: string; data: string }] }[];
    const one = (body: { id: number; method: string; params: [{ to: string; data: string }] }) => {
      state.calls++;
      if (body.method === "eth_chainId") return { jsonrpc: "2.0", id: body.id, result: "0x1" };
      if (body.method !== "eth_call") return { jsonrpc: "2.0", id: body.id, error: { code: -32601, message: "not mocked" } };
      const feed = state.feeds[body.params[0].to.toLowerCase()];
      if (!feed) return { jsonrpc: "2.0", id: body.id, result: "0x" };
      const selector = body.params[0].data.slice(0, 10);
      const result =
        selector === selectors.decimals
          ? encodeFunctionResult({ abi: aggregatorAbi, functionName: "decimals", result: feed.decimals })
          : encodeFunctionResult({
              abi: aggregatorAbi,
              functionName: "latestRoundData",
              result: [1n, feed.answer, BigInt(feed.updatedAtS), BigInt(feed.updatedAtS), 1n],
            });
      return { jsonrpc: "2.0", id: body.id, result };
    };
    return HttpResponse.json(Array.isArray(payload) ? payload.map(one) : one(payload));
  });
  return { handlers: [handler], state };
}
