// biome-ignore-all lint/suspicious/noDoubleEquals: AssemblyScript: == compares strings, BigInt and Bytes by value; === is identity.
// biome-ignore-all lint/suspicious/noShadowRestrictedNames: graph-ts BigInt replaces the JS global in AssemblyScript.
// biome-ignore-all lint/style/useImportType: AssemblyScript 0.19 has no `import type`.
// Daily collection snapshots: one row per collection and UTC day, updated by sales and mints.
import { Address, BigInt, ethereum } from "@graphprotocol/graph-ts";
import { CollectionDailySnapshot, DailyTrader } from "../../generated/schema";
import { getOrCreateDailySnapshot, isEthLike } from "./entities";

/** Records `account` in the snapshot's role set; true when it was not there yet. */
function markTrader(snapshot: CollectionDailySnapshot, role: string, roleByte: i32, account: Address): boolean {
  const id = snapshot.id.concatI32(roleByte).concat(account);
  if (DailyTrader.load(id) != null) return false;
  const trader = new DailyTrader(id);
  trader.snapshot = snapshot.id;
  trader.account = account;
  trader.role = role;
  trader.save();
  return true;
}

export class SaleAmounts {
  constructor(
    public grossPrice: BigInt,
    public marketplaceFee: BigInt,
    public royaltyFee: BigInt,
    public currency: Address,
  ) {}
}

export function recordSaleInSnapshot(
  collection: Address,
  block: ethereum.Block,
  buyer: Address,
  seller: Address,
  amounts: SaleAmounts,
): void {
  const snapshot = getOrCreateDailySnapshot(collection, block);
  if (isEthLike(amounts.currency)) {
    snapshot.saleCount = snapshot.saleCount + 1;
    snapshot.volumeWei = snapshot.volumeWei.plus(amounts.grossPrice);
    snapshot.marketplaceFeeWei = snapshot.marketplaceFeeWei.plus(amounts.marketplaceFee);
    snapshot.royaltyFeeWei = snapshot.royaltyFeeWei.plus(amounts.royaltyFee);
    const min = snapshot.minSalePriceWei;
    if (min === null || amounts.grossPrice.lt(min)) snapshot.minSalePriceWei = amounts.grossPrice;
    const max = snapshot.maxSalePriceWei;
    if (max === null || amounts.grossPrice.gt(max)) snapshot.maxSalePriceWei = amounts.grossPrice;
  }
  if (markTrader(snapshot, "BUYER", 1, buyer)) snapshot.uniqueBuyerCount = snapshot.uniqueBuyerCount + 1;
  if (markTrader(snapshot, "SELLER", 2, seller)) snapshot.uniqueSellerCount = snapshot.uniqueSellerCount + 1;
  snapshot.save();
}

export function recordMintInSnapshot(collection: Address, block: ethereum.Block, priceWei: BigInt): void {
  const snapshot = getOrCreateDailySnapshot(collection, block);
  snapshot.mintCount = snapshot.mintCount + 1;
  snapshot.mintRevenueWei = snapshot.mintRevenueWei.plus(priceWei);
  snapshot.save();
}
