/**
 * The devnet's cast: every key is derived from the seed, so the same seed gives the same
 * addresses. Traders start with genesis ETH (no on-chain first funder); wash-ring wallets start
 * empty and are funded on chain by their ring's funder, which an exchange wallet funds first —
 * the pattern domain.md §4 rule 4 looks for.
 */
import { keccak256, toHex } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import type { GenesisAccount } from "./edr.ts";
import { Rng } from "./prng.ts";

export type Role = "deployer" | "oracle" | "background" | "exchange" | "trader" | "flipper" | "wash-funder" | "wash-wallet";

export interface Actor {
  address: `0x${string}`;
  privateKey: `0x${string}`;
  role: Role;
  /** Wash ring number, for wash funders and wallets. */
  ring?: number;
  genesisWei: bigint;
}

export interface Cast {
  deployer: Actor;
  oracle: Actor;
  background: Actor;
  exchanges: Actor[];
  traders: Actor[];
  flippers: Actor[];
  washRings: { funder: Actor; wallets: Actor[] }[];
  /** Receive-only addresses. */
  marketplaceFeeRecipient: `0x${string}`;
  creators: `0x${string}`[];
  all: Actor[];
}

const ETH = 10n ** 18n;
export const TRADER_COUNT = 180;
export const FLIPPER_COUNT = 40;
export const WASH_RINGS = 4;
export const WALLETS_PER_RING = 3;

function key(seed: number, role: string, i: number): `0x${string}` {
  return keccak256(toHex(`hashfloor-devnet:${seed}:${role}:${i}`));
}

function actor(seed: number, role: Role, i: number, genesisWei: bigint, ring?: number): Actor {
  const privateKey = key(seed, role, i);
  return { address: privateKeyToAddress(privateKey), privateKey, role, genesisWei, ring };
}

/** Builds the cast for a seed. */
export function buildCast(seed: number): Cast {
  const rng = Rng.stream(seed, "cast");
  const deployer = actor(seed, "deployer", 0, 1_000n * ETH);
  const oracle = actor(seed, "oracle", 0, 100n * ETH);
  const background = actor(seed, "background", 0, 10_000_000n * ETH);
  const exchanges = [0, 1].map((i) => actor(seed, "exchange", i, 1_000_000n * ETH));
  const traders = Array.from({ length: TRADER_COUNT }, (_, i) => actor(seed, "trader", i, BigInt(rng.range(15, 400)) * ETH));
  const flippers = Array.from({ length: FLIPPER_COUNT }, (_, i) => actor(seed, "flipper", i, BigInt(rng.range(60, 300)) * ETH));
  const washRings = Array.from({ length: WASH_RINGS }, (_, r) => ({
    funder: actor(seed, "wash-funder", r, 0n, r),
    wallets: Array.from({ length: WALLETS_PER_RING }, (_, w) => actor(seed, "wash-wallet", r * 10 + w, 0n, r)),
  }));
  const marketplaceFeeRecipient = privateKeyToAddress(key(seed, "fee-recipient", 0));
  const creators = [0, 1, 2, 3].map((i) => privateKeyToAddress(key(seed, "creator", i)));
  const all = [deployer, oracle, background, ...exchanges, ...traders, ...flippers, ...washRings.flatMap((r) => [r.funder, ...r.wallets])];
  return { deployer, oracle, background, exchanges, traders, flippers, washRings, marketplaceFeeRecipient, creators, all };
}

/** Genesis accounts for EDR (every actor is an owned account, so EDR signs natively). */
export function genesisAccounts(cast: Cast): GenesisAccount[] {
  return cast.all.map((a) => ({ privateKey: a.privateKey, balanceWei: a.genesisWei }));
}
