/** Typical gas: OZ enumerable single mint ≈ 155k; Seaport ERC-721 for ETH with one fee ≈ 132k (domain.md §7). */
export const MINT_GAS = 155_000;
export const SEAPORT_PURCHASE_GAS = 132_000;
