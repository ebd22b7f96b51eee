// biome-ignore-all lint/suspicious/noDoubleEquals: AssemblyScript: == compares strings, BigInt and Bytes by value; === is identity.
// biome-ignore-all lint/suspicious/noShadowRestrictedNames: graph-ts BigInt replaces the JS global in AssemblyScript.
// biome-ignore-all lint/style/useImportType: AssemblyScript 0.19 has no `import type`.
// Every getOrCreate helper lives here, so an entity's defaults are set in one place.
import { Address, BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";
import { Account, Collection, CollectionDailySnapshot, Token, Transaction } from "../../generated/schema";
import { WETH_ADDRESS } from "../config";
import { ERC721Contract } from "./bindings";
import { BIGINT_ZERO, SECONDS_PER_DAY, ZERO_ADDRESS_HEX } from "./constants";

/** graph-node's id for an event entity: transaction hash ++ log index. */
export function eventId(event: ethereum.Event): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32());
}

export function tokenEntityId(collection: Address, tokenId: BigInt): string {
  return collection.toHexString() + "-" + tokenId.toString();
}

/** ETH and WETH are the currencies whose amounts add up into *VolumeWei fields. */
export function isEthLike(currency: Address): boolean {
  const hex = currency.toHexString();
  return hex == ZERO_ADDRESS_HEX || hex == WETH_ADDRESS;
}

export function getOrCreateAccount(address: Address): Account {
  let account = Account.load(address);
  if (account == null) {
    account = new Account(address);
    account.mintCount = BIGINT_ZERO;
    account.buyCount = BIGINT_ZERO;
    account.sellCount = BIGINT_ZERO;
    account.save();
  }
  return account;
}

export function getOrCreateCollection(address: Address, block: ethereum.Block): Collection {
  let collection = Collection.load(address);
  if (collection == null) {
    collection = new Collection(address);
    // try_: a contract without name()/symbol() (or an ERC-1155) must not fail the handler.
    const contract = ERC721Contract.bind(address);
    const name = contract.try_name();
    collection.name = name.reverted ? null : name.value;
    const symbol = contract.try_symbol();
    collection.symbol = symbol.reverted ? null : symbol.value;
    collection.supply = BIGINT_ZERO;
    collection.mintCount = BIGINT_ZERO;
    collection.burnCount = BIGINT_ZERO;
    collection.transferCount = BIGINT_ZERO;
    collection.saleCount = BIGINT_ZERO;
    collection.cumulativeVolumeWei = BIGINT_ZERO;
    collection.cumulativeMarketplaceFeeWei = BIGINT_ZERO;
    collection.cumulativeRoyaltyWei = BIGINT_ZERO;
    collection.otherCurrencySaleCount = BIGINT_ZERO;
    collection.cumulativeMintRevenueWei = BIGINT_ZERO;
    collection.firstSeenBlock = block.number;
    collection.save();
  }
  return collection;
}

/** The token; a token first seen here (minted before the start block, or sold first) gets `owner`. */
export function getOrCreateToken(collection: Address, tokenId: BigInt, owner: Address): Token {
  const id = tokenEntityId(collection, tokenId);
  let token = Token.load(id);
  if (token == null) {
    token = new Token(id);
    token.collection = collection;
    token.tokenId = tokenId;
    token.owner = getOrCreateAccount(owner).id;
    token.burned = false;
    token.transferCount = BIGINT_ZERO;
    token.saleCount = BIGINT_ZERO;
    token.save();
  }
  return token;
}

/**
 * The transaction with its gas. Mints and sales of one transaction share it; it is immutable, so it
 * is written once. Without a receipt (a handler declared without `receipt: true`) gasUsed is unknown
 * and recorded as zero with a warning.
 */
export function getOrCreateTransaction(event: ethereum.Event): Transaction {
  const id = event.transaction.hash;
  let tx = Transaction.load(id);
  if (tx != null) return tx;
  tx = new Transaction(id);
  tx.from = event.transaction.from;
  tx.to = event.transaction.to;
  tx.valueWei = event.transaction.value;
  tx.gasLimit = event.transaction.gasLimit;
  let gasUsed = BIGINT_ZERO;
  const receipt = event.receipt;
  if (receipt == null) {
    log.warning("no receipt for tx {} (log {}): gasUsed recorded as 0", [id.toHexString(), event.logIndex.toString()]);
  } else {
    gasUsed = receipt.gasUsed;
  }
  tx.gasUsed = gasUsed;
  tx.gasPriceWei = event.transaction.gasPrice;
  tx.gasCostWei = gasUsed.times(event.transaction.gasPrice);
  const baseFee = event.block.baseFeePerGas;
  tx.blockBaseFeePerGasWei = baseFee;
  if (baseFee !== null) {
    tx.priorityFeePerGasWei = event.transaction.gasPrice.minus(baseFee);
    tx.burnedFeeWei = gasUsed.times(baseFee);
  }
  tx.blockNumber = event.block.number;
  tx.timestampSec = event.block.timestamp;
  tx.transactionIndex = event.transaction.index;
  tx.save();
  return tx;
}

export function dayOf(timestampSec: BigInt): i32 {
  // Divide first: seconds overflow an i32 in 2038, day numbers do not.
  return timestampSec.div(BigInt.fromI32(SECONDS_PER_DAY)).toI32();
}

export function getOrCreateDailySnapshot(collection: Address, block: ethereum.Block): CollectionDailySnapshot {
  const day = dayOf(block.timestamp);
  const id = Bytes.fromHexString(collection.toHexString()).concatI32(day);
  let snapshot = CollectionDailySnapshot.load(id);
  if (snapshot == null) {
    snapshot = new CollectionDailySnapshot(id);
    snapshot.collection = collection;
    snapshot.day = day;
    snapshot.dayStartSec = BigInt.fromI32(day).times(BigInt.fromI32(SECONDS_PER_DAY));
    snapshot.saleCount = 0;
    snapshot.volumeWei = BIGINT_ZERO;
    snapshot.uniqueBuyerCount = 0;
    snapshot.uniqueSellerCount = 0;
    snapshot.marketplaceFeeWei = BIGINT_ZERO;
    snapshot.royaltyFeeWei = BIGINT_ZERO;
    snapshot.mintCount = 0;
    snapshot.mintRevenueWei = BIGINT_ZERO;
  }
  snapshot.lastUpdatedBlock = block.number;
  return snapshot;
}
