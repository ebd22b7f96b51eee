/**
 * Network state for a calculation: explicit inputs first, then live adapters the caller configured,
 * then the dated snapshot. Each figure records where it came from, so outputs can say "snapshot".
 */
import type { Address } from "viem";
import { bitcoinCoreClient } from "./adapters/bitcoin-core.ts";
import { etcRpcClient } from "./adapters/etc-rpc.ts";
import { mempoolClient } from "./adapters/mempool.ts";
import { chainlinkClient, chainlinkMainnetFeeds, coingeckoClient } from "./adapters/prices.ts";
import { coins, type LegCoin, type MinedCoin } from "./coins.ts";
import type { MiningLeg } from "./model.ts";
import { type LegSnapshot, snapshots } from "./snapshot.ts";

/** Live sources to ask (all optional; none → snapshot). URLs are base URLs; timeoutMs applies to each call. */
export interface NetworkSources {
  /** mempool.space-compatible REST base URL (BTC height, difficulty, fees). */
  mempoolUrl?: string;
  /** Bitcoin Core JSON-RPC URL, credentials in the URL (BTC). */
  bitcoindUrl?: string;
  /** Ethereum Classic JSON-RPC URL (ETC height, difficulty). */
  etcRpcUrl?: string;
  /** CoinGecko-compatible REST base URL (prices of every leg). */
  coingeckoUrl?: string;
  /** Ethereum JSON-RPC URL for Chainlink feeds (first leg's price). */
  chainlinkRpcUrl?: string;
  /** Aggregator address; default the mainnet feed for the coin when one is known. */
  chainlinkFeed?: Address;
  timeoutMs?: number;
}

export type Provenance = "explicit" | "live" | "snapshot";
type Field = "height" | "difficulty" | "priceUsd" | "feesPerBlockCoin";

export interface ResolvedLeg extends MiningLeg {
  symbol: string;
  provenance: Record<Field, Provenance>;
  /** Where live figures came from (URL without credentials), or the snapshot's source notes. */
  sourceNotes: Partial<Record<Field, string>>;
}

export interface ResolvedNetwork {
  legs: ResolvedLeg[];
  /** Day the network figures describe. */
  date: string;
  /** True when any figure comes from the built-in snapshot. */
  isSnapshot: boolean;
  label: string;
}

/** Explicit values for the first leg (the coin --height/--difficulty/--coin-price/--fees-per-block describe). */
export interface NetworkOverrides {
  height?: number;
  difficulty?: number;
  coinPriceUsd?: number;
  feesPerBlockCoin?: number;
}

type Live = Partial<Record<Field, number>> & { day?: string; notes: Partial<Record<Field, string>> };

async function liveFigures(leg: LegCoin, index: number, sources: NetworkSources): Promise<Live> {
  const live: Live = { notes: {} };
  const timeoutMs = sources.timeoutMs;
  const set = (field: Field, value: number, note: string) => {
    live[field] = value;
    live.notes[field] = note;
  };
  if (leg === "btc" && (sources.mempoolUrl || sources.bitcoindUrl)) {
    const url = (sources.mempoolUrl ?? sources.bitcoindUrl) as string;
    const state = sources.mempoolUrl
      ? await mempoolClient({ baseUrl: url, timeoutMs }).networkState()
      : await bitcoinCoreClient({ baseUrl: url, timeoutMs }).networkState();
    const where = sources.mempoolUrl ? `mempool API ${url}` : "Bitcoin Core RPC";
    set("height", state.height, `${where}, tip`);
    set("difficulty", state.difficulty, `${where}, tip`);
    set("feesPerBlockCoin", state.feesPerBlockBtc, `${where}, mean of the last ${state.feeBlocks} blocks`);
    live.day = state.day;
  }
  if (leg === "etc" && sources.etcRpcUrl) {
    const state = await etcRpcClient({ baseUrl: sources.etcRpcUrl, timeoutMs }).networkState();
    set("height", state.height, "ETC JSON-RPC, latest block");
    set("difficulty", state.difficulty, "ETC JSON-RPC, latest block");
    live.day = state.day;
  }
  if (sources.coingeckoUrl) {
    const prices = await coingeckoClient({ baseUrl: sources.coingeckoUrl, timeoutMs }).pricesUsd([leg]);
    set("priceUsd", prices[leg], `CoinGecko-compatible API ${sources.coingeckoUrl}`);
  } else if (sources.chainlinkRpcUrl && index === 0) {
    const feed = sources.chainlinkFeed ?? chainlinkMainnetFeeds[leg];
    if (feed) {
      const { priceUsd, day } = await chainlinkClient({ baseUrl: sources.chainlinkRpcUrl, timeoutMs }).priceUsd(feed);
      set("priceUsd", priceUsd, `Chainlink feed ${feed} (updated ${day})`);
    }
  }
  return live;
}

/** Resolves every leg of `coin`: overrides (first leg) > live sources > snapshot. */
export async function resolveNetwork({
  coin,
  overrides = {},
  sources = {},
}: {
  coin: MinedCoin;
  overrides?: NetworkOverrides;
  sources?: NetworkSources;
}): Promise<ResolvedNetwork> {
  const legCoins = coins[coin].legs;
  const explicit: Partial<Record<Field, number>> = {
    height: overrides.height,
    difficulty: overrides.difficulty,
    priceUsd: overrides.coinPriceUsd,
    feesPerBlockCoin: overrides.feesPerBlockCoin,
  };
  let liveDay: string | undefined;
  const legs: ResolvedLeg[] = [];
  for (const [index, leg] of legCoins.entries()) {
    const snap: LegSnapshot = snapshots[leg];
    const live = await liveFigures(leg, index, sources);
    liveDay ??= live.day;
    const pick = (field: Field): [number, Provenance, string | undefined] => {
      const given = index === 0 ? explicit[field] : undefined;
      if (given !== undefined) return [given, "explicit", undefined];
      if (live[field] !== undefined) return [live[field] as number, "live", live.notes[field]];
      return [snap[field], "snapshot", `snapshot ${snap.date}: ${snap.sources[field]}`];
    };
    const [height, hp, hn] = pick("height");
    const [difficulty, dp, dn] = pick("difficulty");
    const [priceUsd, pp, pn] = pick("priceUsd");
    const [feesPerBlockCoin, fp, fn] = pick("feesPerBlockCoin");
    legs.push({
      coin: leg,
      symbol: leg.toUpperCase(),
      height,
      difficulty,
      priceUsd,
      feesPerBlockCoin,
      provenance: { height: hp, difficulty: dp, priceUsd: pp, feesPerBlockCoin: fp },
      sourceNotes: { height: hn, difficulty: dn, priceUsd: pn, feesPerBlockCoin: fn },
    });
  }
  const fieldNames: Record<Field, string> = { height: "height", difficulty: "difficulty", priceUsd: "price", feesPerBlockCoin: "fees" };
  const snapshotFields = legs
    .map(
      (l) =>
        [l.symbol, (Object.keys(l.provenance) as Field[]).filter((f) => l.provenance[f] === "snapshot").map((f) => fieldNames[f])] as const,
    )
    .filter(([, fields]) => fields.length > 0)
    .map(([symbol, fields]) => `${symbol} ${fields.join(", ")}`);
  const isSnapshot = snapshotFields.length > 0;
  const snapDate = snapshots[legCoins[0]].date;
  const date = liveDay ?? (isSnapshot ? snapDate : new Date().toISOString().slice(0, 10));
  const label = isSnapshot
    ? `SNAPSHOT of ${snapDate}, not live data (${snapshotFields.join("; ")} from built-in constants${legCoins.some((c) => snapshots[c].estimated) ? ", some estimated" : ""}); pass explicit values or a live source`
    : liveDay
      ? `live data of ${liveDay}`
      : "explicit inputs";
  return { legs, date, isSnapshot, label };
}
