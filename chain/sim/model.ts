/**
 * The market's hidden truth: each collection's base value follows an hourly log random walk, each
 * trait value carries a log premium (rarer values more), and a token's fair value is
 * base(hour) × exp(Σ premiums of its traits). Sale prices scatter around fair value. ETH/USD and
 * BTC/USD follow their own walks. Everything is a pure function of the seed.
 */
import { parseEther } from "viem";
import { Rng } from "../prng.ts";
import type { CollectionSpec } from "./collections.ts";
import { TRAIT_TYPES, TRAIT_VALUES, TRAIT_WEIGHTS, traitIndices } from "./traits.ts";

export interface TraitPremium {
  traitType: string;
  value: string;
  weightBps: number;
  logPremium: number;
}

/** An hourly series that extends itself deterministically on demand (live mode runs past history). */
class Walk {
  private readonly values: number[];
  constructor(
    private readonly rng: Rng,
    start: number,
    private readonly step: (prev: number, hour: number, rng: Rng) => number,
  ) {
    this.values = [start];
  }
  at(hour: number): number {
    const h = Math.max(0, Math.floor(hour));
    while (this.values.length <= h) this.values.push(this.step(this.values[this.values.length - 1], this.values.length, this.rng));
    return this.values[h];
  }
}

export class MarketModel {
  private readonly baseLog: Walk[];
  readonly premiums: TraitPremium[][][];
  private readonly ethUsd: Walk;
  private readonly btcUsd: Walk;
  private readonly gasTarget: Walk;

  constructor(
    seed: number,
    readonly specs: CollectionSpec[],
    /** Hour at which each collection's mint starts: value hype follows it. */
    mintHours: number[],
  ) {
    this.baseLog = specs.map((spec, i) => {
      const hourVol = spec.dailyVol / Math.sqrt(24);
      return new Walk(Rng.stream(seed, `value:${spec.key}`), Math.log(spec.startValueEth), (prev, hour, rng) => {
        // A post-mint run-up that fades over about a week, then a slow drift.
        const sinceMint = hour - mintHours[i];
        const hype = sinceMint > 0 && sinceMint < 168 ? 0.004 * (1 - sinceMint / 168) : -0.0002;
        return prev + hype + hourVol * rng.normal();
      });
    });
    this.premiums = specs.map((spec) => {
      const rng = Rng.stream(seed, `premiums:${spec.key}`);
      return TRAIT_TYPES.map((traitType, t) => {
        const weights = TRAIT_WEIGHTS[t];
        const surprisal = weights.map((w) => -Math.log(w / 10000));
        const mean = surprisal.reduce((a, s, v) => a + (s * weights[v]) / 10000, 0);
        return weights.map((w, v) => ({
          traitType,
          value: TRAIT_VALUES[t][v],
          weightBps: w,
          logPremium: Math.max(-0.3, spec.premiumStrength * (surprisal[v] - mean) * (0.6 + 0.8 * rng.next())),
        }));
      });
    });
    const usdWalk = (dailyVol: number) => (prev: number, _h: number, rng: Rng) =>
      prev * Math.exp((dailyVol / Math.sqrt(24)) * rng.normal());
    this.ethUsd = new Walk(Rng.stream(seed, "eth-usd"), 3000, usdWalk(0.03));
    this.btcUsd = new Walk(Rng.stream(seed, "btc-usd"), 90000, usdWalk(0.025));
    // Desired base fee in log-gwei: mean-reverting around 15 gwei, busier in the afternoon (UTC).
    this.gasTarget = new Walk(Rng.stream(seed, "gas"), Math.log(15), (prev, hour, rng) => {
      const diurnal = 0.35 * Math.sin(((hour % 24) - 9) * (Math.PI / 12));
      return prev + 0.08 * (Math.log(15) + diurnal - prev) + 0.07 * rng.normal();
    });
  }

  /** Base value (no trait premium) of collection `c` at `hour`, in ETH. */
  baseValueEth(c: number, hour: number): number {
    return Math.exp(this.baseLog[c].at(hour));
  }

  /** exp(Σ log premiums) of a token: its fair value relative to the base. */
  multiplier(c: number, traitSalt: `0x${string}`, tokenId: number): number {
    const idx = traitIndices(traitSalt, tokenId);
    return Math.exp(idx.reduce((a, v, t) => a + this.premiums[c][t][v].logPremium, 0));
  }

  fairValueWei(c: number, traitSalt: `0x${string}`, tokenId: number, hour: number): bigint {
    return ethToWei(this.baseValueEth(c, hour) * this.multiplier(c, traitSalt, tokenId));
  }

  /** Feed answers with 8 decimals. */
  ethUsd8(hour: number): bigint {
    return BigInt(Math.round(this.ethUsd.at(hour) * 1e8));
  }
  btcUsd8(hour: number): bigint {
    return BigInt(Math.round(this.btcUsd.at(hour) * 1e8));
  }

  /** The base fee the background traffic steers towards, in wei. */
  desiredBaseFeeWei(hour: number): bigint {
    return BigInt(Math.round(Math.exp(this.gasTarget.at(hour)) * 1e9));
  }
}

/** ETH (float) to wei, rounded to 0.0001 ETH like prices people type. */
export function ethToWei(eth: number): bigint {
  const tenThousandths = Math.max(1, Math.round(eth * 10000));
  return BigInt(tenThousandths) * parseEther("0.0001");
}
