/**
 * The three generative-art collections: different sizes, price levels and mint styles. Supply
 * scales down for short histories (tests simulate a day or two) so every phase still happens.
 */
import { keccak256, parseEther, toHex } from "viem";

export type MintStyle = "batch" | "public-gas-war" | "standard";

export interface CollectionSpec {
  key: string;
  name: string;
  symbol: string;
  mintStyle: MintStyle;
  baseSupply: number;
  mintPriceWei: bigint;
  maxPerTx: number;
  /** Royalty recipients by creator index with basis points; the first is the ERC-2981 receiver. */
  royalties: { creator: number; bps: number }[];
  /** Value of a token with no trait premium at the first sale, in ETH. */
  startValueEth: number;
  /** Daily volatility of the collection's value (log scale). */
  dailyVol: number;
  /** How strongly rare traits are priced (multiplies the trait's surprisal). */
  premiumStrength: number;
  /** Relative share of secondary sales. */
  saleWeight: number;
}

export const COLLECTIONS: CollectionSpec[] = [
  {
    key: "drift",
    name: "Pixel Drift",
    symbol: "DRIFT",
    mintStyle: "batch",
    baseSupply: 3000,
    mintPriceWei: parseEther("0.01"),
    maxPerTx: 20,
    royalties: [{ creator: 0, bps: 500 }],
    startValueEth: 0.03,
    dailyVol: 0.06,
    premiumStrength: 0.18,
    saleWeight: 5,
  },
  {
    key: "moth",
    name: "Gas Moths",
    symbol: "MOTH",
    mintStyle: "public-gas-war",
    baseSupply: 1500,
    mintPriceWei: parseEther("0.05"),
    maxPerTx: 5,
    royalties: [{ creator: 1, bps: 250 }],
    startValueEth: 0.15,
    dailyVol: 0.05,
    premiumStrength: 0.22,
    saleWeight: 3,
  },
  {
    key: "orbit",
    name: "Quiet Orbits",
    symbol: "ORBIT",
    mintStyle: "standard",
    baseSupply: 1000,
    mintPriceWei: parseEther("0.25"),
    maxPerTx: 2,
    royalties: [
      { creator: 2, bps: 300 },
      { creator: 3, bps: 200 },
    ],
    startValueEth: 0.8,
    dailyVol: 0.035,
    premiumStrength: 0.3,
    saleWeight: 2,
  },
];

/** Supply for a history of `days`: full from 30 days up, at least 40 tokens. */
export function supplyFor(spec: CollectionSpec, days: number): number {
  return Math.max(40, Math.round(spec.baseSupply * Math.min(1, days / 30)));
}

export function traitSaltFor(seed: number, spec: CollectionSpec): `0x${string}` {
  return keccak256(toHex(`hashfloor-devnet:${seed}:salt:${spec.key}`));
}

export const totalRoyaltyBps = (spec: CollectionSpec) => spec.royalties.reduce((a, r) => a + r.bps, 0);
