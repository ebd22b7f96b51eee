/**
 * Coin prices in USD: a CoinGecko-compatible REST API (/api/v3/simple/price) or an on-chain
 * Chainlink aggregator read through viem (latestRoundData and decimals).
 */
import { type Address, createPublicClient, http, parseAbi } from "viem";
import { z } from "zod";
import type { LegCoin } from "../coins.ts";
import { type AdapterOptions, defaultTimeoutMs, fetchJson, joinUrl, NetworkDataError, redact, utcDay } from "./http.ts";

/** CoinGecko ids of the chains the model knows. */
export const coingeckoIds: Record<LegCoin, string> = { btc: "bitcoin", etc: "ethereum-classic", ltc: "litecoin", doge: "dogecoin" };

export function coingeckoClient({ baseUrl, timeoutMs }: AdapterOptions) {
  return {
    /** Current USD price of each coin asked for. */
    async pricesUsd(legs: LegCoin[]): Promise<Record<string, number>> {
      const ids = legs.map((c) => coingeckoIds[c]);
      const schema = z.record(z.string(), z.object({ usd: z.number().positive() }));
      const body = await fetchJson(joinUrl(baseUrl, `/api/v3/simple/price?ids=${ids.join(",")}&vs_currencies=usd`), schema, { timeoutMs });
      return Object.fromEntries(
        legs.map((c) => {
          const price = body[coingeckoIds[c]]?.usd;
          if (price === undefined) throw new NetworkDataError(`${baseUrl}: no USD price for ${coingeckoIds[c]}`);
          return [c, price];
        }),
      );
    },
    /** Daily USD prices over the last `days` days (the last quote of each UTC day). */
    async historyUsd(leg: LegCoin, days: number): Promise<{ day: string; priceUsd: number }[]> {
      const schema = z.object({ prices: z.array(z.tuple([z.number(), z.number().positive()])) });
      const url = joinUrl(baseUrl, `/api/v3/coins/${coingeckoIds[leg]}/market_chart?vs_currency=usd&days=${days}&interval=daily`);
      const body = await fetchJson(url, schema, { timeoutMs });
      const byDay = new Map<string, number>();
      for (const [ms, price] of body.prices) byDay.set(utcDay(ms / 1000), price);
      return [...byDay].map(([day, priceUsd]) => ({ day, priceUsd }));
    },
  };
}

/** Chainlink feed proxies on Ethereum mainnet (verify on data.chain.link before relying on them). */
export const chainlinkMainnetFeeds: Partial<Record<LegCoin, Address>> = {
  btc: "0xF4030086522a5bEEa4988F8cA5B36dbC97BeE88c",
};

const aggregatorAbi = parseAbi([
  "function decimals() view returns (uint8)",
  "function latestRoundData() view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)",
]);

const roundSchema = z.tuple([z.bigint(), z.bigint().positive(), z.bigint(), z.bigint().positive(), z.bigint()]);

export function chainlinkClient({ baseUrl, timeoutMs = defaultTimeoutMs }: AdapterOptions) {
  const client = createPublicClient({ transport: http(baseUrl, { timeout: timeoutMs, retryCount: 0 }) });
  return {
    /** Latest answer of the aggregator at `feed`, as USD, and the day it was updated. */
    async priceUsd(feed: Address): Promise<{ priceUsd: number; day: string }> {
      try {
        const [decimals, round] = await Promise.all([
          client.readContract({ address: feed, abi: aggregatorAbi, functionName: "decimals" }),
          client.readContract({ address: feed, abi: aggregatorAbi, functionName: "latestRoundData" }),
        ]);
        const [, answer, , updatedAt] = roundSchema.parse(round);
        return { priceUsd: Number(answer) / 10 ** Number(decimals), day: utcDay(Number(updatedAt)) };
      } catch (error) {
        throw new NetworkDataError(`${redact(baseUrl)} feed ${feed}: ${(error as Error).message.split("\n")[0]}`);
      }
    },
  };
}
