/**
 * Dated snapshot of network state, so the calculator works with no network at all. Every figure has
 * its date and source beside it; outputs label results computed from it as a snapshot. Figures marked
 * `estimated` are hand-entered approximations, not read from a source: override them with explicit
 * flags (--difficulty, --coin-price, --fees-per-block, --height) or a live adapter.
 */
import type { LegCoin } from "./coins.ts";

export interface LegSnapshot {
  coin: LegCoin;
  /** Day the figures describe (UTC). */
  date: string;
  height: number;
  difficulty: number;
  priceUsd: number;
  feesPerBlockCoin: number;
  /** Trailing 90-day difficulty trend at `date`, compound growth per day (fraction). */
  difficultyGrowthPerDay: number;
  /** Where each figure comes from. */
  sources: { height: string; difficulty: string; priceUsd: string; feesPerBlockCoin: string; difficultyGrowthPerDay: string };
  /** True when any figure is an approximation rather than a value read from a source. */
  estimated: boolean;
}

export const snapshots: Record<LegCoin, LegSnapshot> = {
  btc: {
    coin: "btc",
    date: "2024-04-20",
    height: 840_000,
    difficulty: 86_388_558_925_171.02,
    priceUsd: 64_990,
    feesPerBlockCoin: 0.1,
    // (86.389e12 / 70.344e12)^(1 / 91 days) - 1: difficulty of blocks 840,000 (2024-04-20) and 826,560 (2024-01-20).
    difficultyGrowthPerDay: 0.0022604,
    sources: {
      height: "block 840,000, the fourth halving (mempool.space/block/840000)",
      difficulty: "header of block 840,000 (its epoch began at block 838,656)",
      priceUsd: "BTC/USD daily close 2024-04-20, public daily OHLC (github.com/Hotstopper/btc_halving data/btc.csv)",
      feesPerBlockCoin:
        "estimate: typical 2024 per-block fees of about 0.1 BTC; the halving day itself was far higher (block 840,000 paid 37.6 BTC)",
      difficultyGrowthPerDay: "derived from the difficulty at blocks 826,560 (70,343,519,904,866.8) and 840,000",
    },
    estimated: true,
  },
  etc: {
    coin: "etc",
    date: "2024-04-20",
    height: 19_900_000,
    difficulty: 2.4e15,
    priceUsd: 27.5,
    feesPerBlockCoin: 0.002,
    difficultyGrowthPerDay: 0,
    sources: {
      height: "estimate: about 13.2 s blocks since block 5,000,000 (2017-12-11)",
      difficulty: "estimate: network hashrate of about 185 TH/s times 13 s",
      priceUsd: "estimate: ETC traded near $27-28 on 2024-04-20",
      feesPerBlockCoin: "estimate: ETC fees are a small fraction of the block reward",
      difficultyGrowthPerDay: "assumption: flat",
    },
    estimated: true,
  },
  ltc: {
    coin: "ltc",
    date: "2024-04-20",
    height: 2_671_000,
    difficulty: 3.8e7,
    priceUsd: 84,
    feesPerBlockCoin: 0.02,
    difficultyGrowthPerDay: 0,
    sources: {
      height: "estimate: 2,520,000 on 2023-08-02 plus 576 blocks a day",
      difficulty: "estimate: network hashrate of about 1.1 PH/s",
      priceUsd: "estimate: LTC traded near $82-85 on 2024-04-20",
      feesPerBlockCoin: "estimate",
      difficultyGrowthPerDay: "assumption: flat",
    },
    estimated: true,
  },
  doge: {
    coin: "doge",
    date: "2024-04-20",
    height: 5_190_000,
    difficulty: 1.54e7,
    priceUsd: 0.16,
    feesPerBlockCoin: 1,
    difficultyGrowthPerDay: 0,
    sources: {
      height: "estimate: 1,440 blocks a day",
      difficulty: "estimate: network hashrate of about 1.1 PH/s (merge-mined with LTC)",
      priceUsd: "estimate: DOGE traded near $0.15-0.16 on 2024-04-20",
      feesPerBlockCoin: "estimate",
      difficultyGrowthPerDay: "assumption: flat",
    },
    estimated: true,
  },
};
