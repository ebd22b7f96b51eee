/**
 * The HTTP face of the mining model, used by app/routes/api.mining.profitability.ts. Query parameters
 * carry the CLI's flag names (coin, machine, hashrate, power, kwh, pool-fee, height, difficulty,
 * coin-price, fees-per-block, hardware-cost, growth, price-growth, uptime, hosting, months, keep-on,
 * date) plus series=true (day-by-day projection) and grid=false (omit the sensitivity grid). Live
 * sources are not taken from the query (a public endpoint must not fetch arbitrary URLs).
 */
import { join } from "node:path";
import { getEnv } from "../../config/env.ts";
import type { Warehouse } from "../db.ts";
import { openHistory } from "./cli.ts";
import type { MiningEnded } from "./coins.ts";
import { hasMiningModels } from "./engine.ts";
import { type MiningAnswer, runMiningQuery } from "./index.ts";
import { miningFields, parseMiningRequest, type RawMiningRequest } from "./input.ts";
import { MiningInputError } from "./units.ts";

export type MiningApiResult = { status: 200; body: MiningAnswer | MiningEnded } | { status: 400; body: { error: string; field: string } };

const flags = new Set(["series", "grid"]);

/** Answers GET /api/mining/profitability?… : 200 with the answer, or 400 with the one-line message. */
export async function miningProfitability(
  url: URL,
  { warehouse, historyPath }: { warehouse?: Warehouse | null; historyPath?: string } = {},
): Promise<MiningApiResult> {
  const raw: RawMiningRequest = {};
  const known = new Set<string>(miningFields);
  for (const [key, value] of url.searchParams) {
    if (known.has(key)) raw[key as keyof RawMiningRequest] = value;
    else if (!flags.has(key))
      return {
        status: 400,
        body: {
          error: `unknown parameter "${key}"; accepted: ${[...known, ...flags].join(", ")}, e.g. ?coin=btc&machine=Antminer%20S21`,
          field: key,
        },
      };
  }
  const truthy = (name: string, fallback: boolean) => {
    const v = url.searchParams.get(name);
    return v === null ? fallback : v === "" || v === "true" || v === "1";
  };
  try {
    const request = parseMiningRequest(raw);
    const include = { includeDays: truthy("series", false), includeSensitivity: truthy("grid", true) };
    // The app's warehouse serves when it carries the mining models (opened writable since they
    // landed); otherwise the model runs in memory with history read from the file when it can be.
    if (warehouse && (await hasMiningModels(warehouse)))
      return { status: 200, body: await runMiningQuery(request, { ...include, warehouse }) };
    const history = await openHistory(historyPath ?? join(getEnv().HASHFLOOR_DATA_DIR, "warehouse.duckdb"));
    try {
      return { status: 200, body: await runMiningQuery(request, { ...include, historyWarehouse: history }) };
    } finally {
      history?.close();
    }
  } catch (error) {
    if (error instanceof MiningInputError) return { status: 400, body: { error: error.message, field: error.field } };
    throw error;
  }
}

export { hasMiningModels };
