import { parseFlags } from "../args.ts";
import { UserError } from "../errors.ts";
import type { Command } from "../registry.ts";

const usage = `Usage: hashfloor mining --coin btc --machine "Antminer S21" | --hashrate 200TH --power 3500
         [--kwh 0.05] [--pool-fee 2] [--height H] [--difficulty D] [--coin-price P] [--fees-per-block F]
         [--hardware-cost C] [--growth 2%/retarget] [--price-growth 0%/month] [--uptime 100] [--hosting 0]
         [--months 36] [--keep-on] [--date YYYY-MM-DD] [--grid] [--series] [--json]
         [--mempool URL | --bitcoind URL] [--etc-rpc URL] [--coingecko URL | --chainlink-rpc URL [--feed 0x...]]
         [--timeout-ms 10000] [--db data/warehouse.duckdb]
       hashfloor mining machines [--json]
       hashfloor mining import --coin btc|etc|ltc|doge --csv FILE | --mempool URL | --coingecko URL [--period 1y] [--db FILE]
       hashfloor mining backtest --coin btc --machine "Antminer S19 Pro" --bought 2021-01-01 --hardware-cost 5000
         [--until YYYY-MM-DD] [--kwh 0.05] [--pool-fee 2] [--db FILE] [--json]
Coins: btc (SHA-256), etc (Etchash), ltc (Scrypt: LTC + DOGE merged), eth (answers that mining ended).
Without a live source the network figures come from a dated snapshot, labelled as such.`;

const text = { type: "string" } as const;
const flag = { type: "boolean" } as const;
const options = {
  coin: text,
  machine: text,
  hashrate: text,
  power: text,
  kwh: text,
  "pool-fee": text,
  height: text,
  difficulty: text,
  "coin-price": text,
  "fees-per-block": text,
  "hardware-cost": text,
  growth: text,
  "price-growth": text,
  uptime: text,
  hosting: text,
  months: text,
  "keep-on": flag,
  date: text,
  grid: flag,
  series: flag,
  json: flag,
  mempool: text,
  bitcoind: text,
  "etc-rpc": text,
  coingecko: text,
  "chainlink-rpc": text,
  feed: text,
  "timeout-ms": text,
  db: text,
  csv: text,
  bought: text,
  until: text,
  period: text,
} as const;

// node:util parseArgs reads "--power -3500" as a flag followed by an unknown option "-3500"; join
// such pairs so a negative number reaches validation and gets its one-line message.
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (argv[i].startsWith("--") && !argv[i].includes("=") && next !== undefined && /^-\d/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else out.push(argv[i]);
  }
  return out;
}

export const command: Command = {
  name: "mining",
  summary: "mining profitability: earnings today, payback under difficulty growth, break-even, backtests",
  usage,
  async run(argv) {
    const { values, positionals } = parseFlags(joinNegativeValues(argv), options, usage);
    const mode = positionals[0] ?? "profitability";
    if (!["profitability", "machines", "import", "backtest"].includes(mode)) {
      throw new UserError(`unknown mining subcommand "${mode}"; use machines, import or backtest, e.g. hashfloor mining machines`);
    }
    const { runMiningCli } = await import("../../analytics/mining/cli.ts");
    try {
      const output = await runMiningCli(mode as "profitability", values);
      console.log(output);
      return 0;
    } catch (error) {
      const name = (error as Error).name;
      if (["MiningInputError", "HistoryImportError", "NetworkDataError", "WarehouseError"].includes(name)) {
        throw new UserError((error as Error).message);
      }
      throw error;
    }
  },
};
