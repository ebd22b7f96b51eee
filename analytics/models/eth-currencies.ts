/**
 * eth_currencies lists ERC-20s priced 1:1 with ETH. Mainnet's WETH and Blur Pool ship with the models;
 * a devnet deploys its own WETH at an address only its deployment.json knows, so whoever starts or
 * reads a devnet registers it here, or its WETH sales get no ETH price.
 */
import type { Warehouse } from "../db.ts";

export async function registerEthCurrency({
  warehouse,
  address,
  note,
}: {
  warehouse: Warehouse;
  address: string;
  note: string;
}): Promise<void> {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new Error(`registerEthCurrency: ${address} is not a 0x-prefixed 20-byte address`);
  await warehouse.run("INSERT OR IGNORE INTO eth_currencies VALUES ($1, $2)", [address.toLowerCase(), note]);
}
