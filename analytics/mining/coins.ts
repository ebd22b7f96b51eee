/**
 * Coins Hashfloor models, their aliases and timing constants (mirrors analytics/models/50_mining_1_params.sql,
 * which the SQL model reads; these copies serve input checks and output labels).
 */

/** A coin whose mining the model computes. `ltc` means merged Scrypt mining: LTC plus DOGE on the same hashes. */
export type MinedCoin = "btc" | "etc" | "ltc";
/** Coins a request may name: the mined coins plus `eth`, which the product answers with "mining ended". */
export type CoinId = MinedCoin | "eth";
/** A single chain the SQL model knows (a leg of a calculation). */
export type LegCoin = "btc" | "etc" | "ltc" | "doge";

export interface CoinInfo {
  id: MinedCoin;
  name: string;
  algorithm: "sha256" | "etchash" | "scrypt";
  /** Chains mined together with the same hashes; the first is the one --height/--difficulty/--coin-price describe. */
  legs: LegCoin[];
  /** Target seconds per block of each leg. */
  blockTimeS: Record<string, number>;
  /** Blocks between difficulty retargets (undefined: every block). */
  retargetBlocks?: number;
  symbol: string;
}

export const coins: Record<MinedCoin, CoinInfo> = {
  btc: { id: "btc", name: "Bitcoin", algorithm: "sha256", legs: ["btc"], blockTimeS: { btc: 600 }, retargetBlocks: 2016, symbol: "BTC" },
  etc: { id: "etc", name: "Ethereum Classic", algorithm: "etchash", legs: ["etc"], blockTimeS: { etc: 13 }, symbol: "ETC" },
  ltc: {
    id: "ltc",
    name: "Litecoin + Dogecoin (merged)",
    algorithm: "scrypt",
    legs: ["ltc", "doge"],
    blockTimeS: { ltc: 150, doge: 60 },
    retargetBlocks: 2016,
    symbol: "LTC",
  },
};

export const legSymbols: Record<LegCoin, string> = { btc: "BTC", etc: "ETC", ltc: "LTC", doge: "DOGE" };

/** Accepted spellings for --coin / ?coin=. */
export const coinAliases: Record<string, CoinId> = {
  btc: "btc",
  bitcoin: "btc",
  "sha-256": "btc",
  sha256: "btc",
  etc: "etc",
  "ethereum-classic": "etc",
  etchash: "etc",
  ltc: "ltc",
  litecoin: "ltc",
  doge: "ltc",
  dogecoin: "ltc",
  "ltc+doge": "ltc",
  scrypt: "ltc",
  eth: "eth",
  ethereum: "eth",
};

/** Ethereum's last proof-of-work block (the Merge, 2022-09-15): there is nothing to mine after it. */
export const ethMerge = { lastPowBlock: 15_537_393, date: "2022-09-15" } as const;

/** The answer for ETH: mining ended at the Merge, so the model computes nothing. */
export interface MiningEnded {
  coin: "eth";
  miningEnded: true;
  lastPowBlock: number;
  mergeDate: string;
  message: string;
}

export function ethMiningEnded(): MiningEnded {
  return {
    coin: "eth",
    miningEnded: true,
    lastPowBlock: ethMerge.lastPowBlock,
    mergeDate: ethMerge.date,
    message: `Ethereum mining ended at the Merge: the last proof-of-work block was ${ethMerge.lastPowBlock.toLocaleString("en-US")} (${ethMerge.date}); Ethereum is now proof-of-stake, so there is no mining profitability to compute. Etchash machines can mine Ethereum Classic: --coin etc.`,
  };
}
