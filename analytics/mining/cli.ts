/**
 * What `hashfloor mining` does once its flags are parsed (cli/commands/mining.ts stays light and
 * imports this lazily). Returns the text to print; throws MiningInputError and friends for bad input.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Address } from "viem";
import { getEnv } from "../../config/env.ts";
import { openWarehouse, type Warehouse } from "../db.ts";
import { mempoolClient } from "./adapters/mempool.ts";
import { coingeckoClient } from "./adapters/prices.ts";
import { listMachines } from "./catalog.ts";
import { coins, type LegCoin } from "./coins.ts";
import { formatBacktest, formatMachines, formatMiningAnswer } from "./format.ts";
import { backtest, importDifficultyPoints, importHistoryCsv, importPricePoints } from "./history.ts";
import { runMiningQuery } from "./index.ts";
import { miningFields, parseMiningRequest, type RawMiningRequest } from "./input.ts";
import type { NetworkSources } from "./network.ts";
import { MiningInputError } from "./units.ts";

type Values = Record<string, string | boolean | undefined>;
const str = (v: string | boolean | undefined) => (typeof v === "string" ? v : undefined);

const defaultDb = () => join(getEnv().HASHFLOOR_DATA_DIR, "warehouse.duckdb");

/** Raw request fields from CLI values (booleans become "true"). */
export function rawRequest(values: Values): RawMiningRequest {
  const raw: RawMiningRequest = {};
  for (const field of miningFields) {
    const v = values[field];
    if (v !== undefined) raw[field] = typeof v === "boolean" ? String(v) : v;
  }
  return raw;
}

function sourcesFrom(values: Values): NetworkSources {
  const timeout = str(values["timeout-ms"]);
  const timeoutMs = timeout === undefined ? undefined : Number(timeout);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    throw new MiningInputError(
      "timeout-ms",
      `--timeout-ms must be a whole number of milliseconds above 0 (got "${timeout}"), e.g. --timeout-ms 10000`,
    );
  }
  const urls: Record<string, string | undefined> = {
    mempool: str(values.mempool),
    bitcoind: str(values.bitcoind),
    "etc-rpc": str(values["etc-rpc"]),
    coingecko: str(values.coingecko),
    "chainlink-rpc": str(values["chainlink-rpc"]),
  };
  for (const [name, url] of Object.entries(urls)) {
    if (url !== undefined && !/^https?:\/\/\S+$/.test(url))
      throw new MiningInputError(name, `--${name} must be an http(s) URL (got "${url}"), e.g. --${name} https://mempool.space`);
  }
  const feed = str(values.feed);
  if (feed !== undefined && !/^0x[0-9a-fA-F]{40}$/.test(feed))
    throw new MiningInputError(
      "feed",
      `--feed must be a contract address (got "${feed}"), e.g. --feed 0xF4030086522a5bEEa4988F8cA5B36dbC97BeE88c`,
    );
  return {
    mempoolUrl: urls.mempool,
    bitcoindUrl: urls.bitcoind,
    etcRpcUrl: urls["etc-rpc"],
    coingeckoUrl: urls.coingecko,
    chainlinkRpcUrl: urls["chainlink-rpc"],
    chainlinkFeed: feed as Address | undefined,
    timeoutMs,
  };
}

/** Opens the history warehouse read-only when it exists; undefined when absent or locked by a writer. */
export async function openHistory(path: string): Promise<Warehouse | undefined> {
  if (!existsSync(path)) return undefined;
  return openWarehouse({ path, readOnly: true }).catch(() => undefined);
}

export async function runMiningCli(mode: "profitability" | "machines" | "import" | "backtest", values: Values): Promise<string> {
  const json = values.json === true;
  if (mode === "machines") return json ? JSON.stringify(listMachines(), null, 2) : formatMachines(listMachines());
  if (mode === "import") return importHistory(values);
  if (mode === "backtest") return runBacktest(values, json);
  const request = parseMiningRequest(rawRequest(values));
  const sources = sourcesFrom(values);
  const history = await openHistory(str(values.db) ?? defaultDb());
  try {
    const answer = await runMiningQuery(request, {
      sources,
      historyWarehouse: history,
      includeDays: values.series === true,
      includeSensitivity: values.grid === true || json,
    });
    return json ? JSON.stringify(answer, null, 2) : formatMiningAnswer(answer);
  } finally {
    history?.close();
  }
}

const periods: Record<string, number> = { "3m": 91, "6m": 183, "1y": 365, "2y": 730, "3y": 1095 };

async function importHistory(values: Values): Promise<string> {
  const coin = (str(values.coin) ?? "").toLowerCase() as LegCoin;
  if (!["btc", "etc", "ltc", "doge"].includes(coin))
    throw new MiningInputError(
      "coin",
      `--coin for import must be one chain: btc, etc, ltc or doge (got "${values.coin ?? ""}"), e.g. --coin btc`,
    );
  const file = str(values.csv);
  const sources = sourcesFrom(values);
  if (!file && !sources.mempoolUrl && !sources.coingeckoUrl) {
    throw new MiningInputError(
      "csv",
      "import needs --csv FILE or a live source (--mempool URL, --coingecko URL), e.g. --csv btc-history.csv",
    );
  }
  if (file && !existsSync(file))
    throw new MiningInputError("csv", `--csv must name an existing file (got "${file}"), e.g. --csv btc-history.csv`);
  const period = str(values.period) ?? "1y";
  if (!(period in periods))
    throw new MiningInputError("period", `--period must be one of ${Object.keys(periods).join(", ")} (got "${period}"), e.g. --period 1y`);
  if (sources.mempoolUrl && coin !== "btc")
    throw new MiningInputError("mempool", "--mempool serves Bitcoin only; e.g. --coin btc --mempool https://mempool.space");
  const path = str(values.db) ?? defaultDb();
  const warehouse = await openWarehouse({ path });
  const done: string[] = [];
  try {
    if (file)
      done.push(`${await importHistoryCsv({ warehouse, coin, csv: readFileSync(file, "utf8"), source: `csv:${file}` })} rows from ${file}`);
    if (sources.mempoolUrl) {
      const points = await mempoolClient({ baseUrl: sources.mempoolUrl, timeoutMs: sources.timeoutMs }).difficultyAdjustments(period);
      done.push(
        `${await importDifficultyPoints({ warehouse, coin, points, source: `mempool:${sources.mempoolUrl}` })} difficulty adjustments`,
      );
    }
    if (sources.coingeckoUrl) {
      const points = await coingeckoClient({ baseUrl: sources.coingeckoUrl, timeoutMs: sources.timeoutMs }).historyUsd(
        coin,
        periods[period],
      );
      done.push(`${await importPricePoints({ warehouse, coin, points, source: `coingecko:${sources.coingeckoUrl}` })} daily prices`);
    }
    return `Imported ${coin.toUpperCase()} history into ${path}: ${done.join("; ")}.`;
  } finally {
    warehouse.close();
  }
}

async function runBacktest(values: Values, json: boolean): Promise<string> {
  const request = parseMiningRequest(rawRequest(values));
  if (request.coin === "eth")
    throw new MiningInputError("coin", "--coin eth cannot be backtested here: Ethereum mining ended at the Merge; e.g. --coin btc");
  const bought = str(values.bought);
  if (!bought || !/^\d{4}-\d{2}-\d{2}$/.test(bought))
    throw new MiningInputError("bought", `--bought must be the purchase day (got "${bought ?? ""}"), e.g. --bought 2021-01-01`);
  const until = str(values.until);
  if (until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(until))
    throw new MiningInputError("until", `--until must be a day (got "${until}"), e.g. --until 2024-04-20`);
  if (request.hardwareCostUsd === undefined)
    throw new MiningInputError("hardware-cost", "--hardware-cost is needed for a backtest, e.g. --hardware-cost 5000");
  const path = str(values.db) ?? defaultDb();
  const warehouse = await openHistory(path);
  if (!warehouse)
    throw new MiningInputError(
      "db",
      `no readable warehouse at ${path}; import history first: hashfloor mining import --coin ${coins[request.coin].legs[0]} --csv FILE`,
    );
  try {
    const result = await backtest({
      warehouse,
      coin: request.coin,
      startDate: bought,
      endDate: until,
      hashrateHps: request.hashrateHps,
      powerW: request.powerW,
      powerUsdPerKwh: request.powerUsdPerKwh,
      poolFeePercent: request.poolFeePercent,
      uptimePercent: request.uptimePercent,
      hostingUsdPerMonth: request.hostingUsdPerMonth,
      hardwareCostUsd: request.hardwareCostUsd,
      switchOffWhenLosing: request.switchOffWhenLosing,
    });
    return json ? JSON.stringify(result, null, 2) : formatBacktest(result, request.hardwareCostUsd);
  } finally {
    warehouse.close();
  }
}
