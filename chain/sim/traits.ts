/**
 * TypeScript mirror of ArtTraits.pick (chain/contracts/ArtTraits.sol): which trait values a token
 * has, from keccak256(abi.encode(traitSalt, tokenId)). The ground truth uses it; a test checks it
 * against the contract's tokenURI.
 */
import { encodeAbiParameters, keccak256 } from "viem";

export const TRAIT_TYPES = ["Background", "Form", "Palette", "Density", "Aura"] as const;
export const TRAIT_VALUES: string[][] = [
  ["Midnight", "Dusk", "Paper", "Fog", "Ember", "Abyss"],
  ["Orb", "Tile", "Shard", "Ring", "Strand"],
  ["Neon", "Pastel", "Mono", "Sunset", "Ocean", "Gold"],
  ["Sparse", "Balanced", "Dense", "Swarm"],
  ["None", "Glow", "Halo", "Prism", "Void"],
];
/** Weights out of 10,000, as in the contract. */
export const TRAIT_WEIGHTS: number[][] = [
  [2600, 2200, 1800, 1600, 1200, 600],
  [3000, 2500, 2000, 1700, 800],
  [2500, 2200, 2000, 1700, 1100, 500],
  [3500, 3500, 2200, 800],
  [6000, 2000, 1200, 600, 200],
];

/** Trait value indices of a token, in TRAIT_TYPES order. */
export function traitIndices(traitSalt: `0x${string}`, tokenId: number): number[] {
  const seed = BigInt(keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "uint256" }], [traitSalt, BigInt(tokenId)])));
  return TRAIT_TYPES.map((_, t) => {
    const r = Number((seed >> BigInt(16 * t)) & 0xffffn) % 10000;
    let acc = 0;
    const w = TRAIT_WEIGHTS[t];
    for (let v = 0; v < w.length; v++) {
      acc += w[v];
      if (r < acc) return v;
    }
    return 0;
  });
}

/** Trait names of a token as {trait_type, value} pairs, the way tokenURI lists them. */
export function traitsOf(traitSalt: `0x${string}`, tokenId: number): { trait_type: string; value: string }[] {
  return traitIndices(traitSalt, tokenId).map((v, t) => ({ trait_type: TRAIT_TYPES[t], value: TRAIT_VALUES[t][v] }));
}
