// biome-ignore-all lint/suspicious/noDoubleEquals: AssemblyScript: == compares strings, BigInt and Bytes by value; === is identity.
// biome-ignore-all lint/suspicious/noShadowRestrictedNames: graph-ts BigInt replaces the JS global in AssemblyScript.
// biome-ignore-all lint/style/useImportType: AssemblyScript 0.19 has no `import type`.
import { Address, BigInt, log } from "@graphprotocol/graph-ts";
import { Sale, SaleFee } from "../../generated/schema";
import { FEE_MARKETPLACES, FEE_RECIPIENTS, SEAPORT_ADDRESSES, SEAPORT_VERSIONS } from "../config";
import { OrderFulfilled } from "../lib/bindings";
import { BIGINT_ONE, BIGINT_ZERO, FEE_KIND_MARKETPLACE, FEE_KIND_ROYALTY } from "../lib/constants";
import { eventId, getOrCreateAccount, getOrCreateCollection, getOrCreateToken, getOrCreateTransaction, isEthLike } from "../lib/entities";
import { Fill, fillFromEvent, matchedPeers } from "../lib/seaportFill";
import { draftSale, SaleDraft } from "../lib/seaportSale";
import { recordSaleInSnapshot, SaleAmounts } from "../lib/snapshots";

function seaportVersion(exchange: Address): string {
  const hex = exchange.toHexString();
  for (let i = 0; i < SEAPORT_ADDRESSES.length; i++) if (SEAPORT_ADDRESSES[i] == hex) return SEAPORT_VERSIONS[i];
  return "unknown";
}

function marketplaceOf(draft: SaleDraft): string {
  for (let i = 0; i < draft.fees.length; i++) {
    if (!draft.fees[i].isMarketplace) continue;
    const hex = draft.fees[i].recipient.toHexString();
    for (let j = 0; j < FEE_RECIPIENTS.length; j++) if (FEE_RECIPIENTS[j] == hex) return FEE_MARKETPLACES[j];
  }
  return "unknown";
}

/** Splits `total` into n shares; the first share takes the remainder so the shares sum to `total`. */
function share(total: BigInt, n: i32, index: i32): BigInt {
  const size = BigInt.fromI32(n);
  const base = total.div(size);
  return index == 0 ? base.plus(total.minus(base.times(size))) : base;
}

/**
 * Seaport OrderFulfilled (1.1, 1.4, 1.5 and 1.6 share the event): one Sale per NFT of a basic fill,
 * rules in ../lib/seaportSale.ts (domain.md §1).
 *
 * Surprises in the data:
 * - An accepted WETH offer lists the buyer's WETH in `offer` and the fee legs in `consideration`; adding
 *   them to the offer amount reported a Moonbirds sale at 12.685 WETH instead of 11.8 (Dune spellbook
 *   issue #1510, fixed in PR #1572). Here the price of an accepted offer is the offer amount.
 * - Royalties can go to several recipients (0.5 ETH buy in tx 0xb7dcca50…f269a has two: Dune spellbook
 *   issue #1573); every currency item of the consideration becomes its own SaleFee row.
 * - matchOrders / matchAdvancedOrders emit one OrderFulfilled per order and then OrdersMatched with all
 *   order hashes: the counter-order is the same trade seen from the other side and must not count twice.
 *   The receipt (receipt: true) shows the group before OrdersMatched is reached.
 * - Seaport 1.1 emits the zero address as `recipient` for matched orders; later versions emit the caller.
 * - The real Seaport 1.4 sale in ethereum-etl's test blocks (tx 0x42ace258…fc3c, log 205) is checked
 *   against these rules in test/conformance/subgraph-realdata.test.ts.
 */
export function handleOrderFulfilled(event: OrderFulfilled): void {
  const fill: Fill = fillFromEvent(event);
  const peers = matchedPeers(fill, event.address, event.receipt);
  const draft = draftSale(fill, peers, event.transaction.from);
  const where = "tx " + event.transaction.hash.toHexString() + " log " + event.logIndex.toString();
  if (draft.skipReason != "") {
    if (draft.isMirror) log.debug("Seaport fill skipped ({}): {}", [where, draft.skipReason]);
    else log.warning("Seaport fill skipped ({}): {}", [where, draft.skipReason]);
    return;
  }

  const tx = getOrCreateTransaction(event);
  const version = seaportVersion(event.address);
  const marketplace = marketplaceOf(draft);
  const n = draft.nfts.length;
  const buyer = getOrCreateAccount(draft.buyer);
  const seller = getOrCreateAccount(draft.seller);
  const saleBase = eventId(event);
  const ethLike = isEthLike(draft.currency);

  for (let i = 0; i < n; i++) {
    const nft = draft.nfts[i];
    const collection = getOrCreateCollection(nft.token, event.block);
    const token = getOrCreateToken(nft.token, nft.identifier, draft.buyer);
    const sale = new Sale(saleBase.concatI32(i));
    sale.transaction = tx.id;
    sale.orderHash = fill.orderHash;
    sale.protocol = "Seaport";
    sale.protocolVersion = version;
    sale.exchange = event.address;
    sale.marketplace = marketplace;
    sale.kind = draft.kind;
    sale.logIndex = event.logIndex;
    sale.bundleIndex = i;
    sale.bundleSize = n;
    sale.isBundle = n > 1;
    sale.priceIsEstimated = n > 1;
    sale.collection = nft.token;
    sale.token = token.id;
    sale.tokenId = nft.identifier;
    sale.amount = nft.amount;
    sale.buyer = buyer.id;
    sale.seller = seller.id;
    sale.currency = draft.currency;
    sale.grossPriceWei = share(draft.grossPrice, n, i);
    sale.sellerProceedsWei = share(draft.sellerProceeds, n, i);
    let marketplaceFee = BIGINT_ZERO;
    let royaltyFee = BIGINT_ZERO;
    for (let f = 0; f < draft.fees.length; f++) {
      const leg = draft.fees[f];
      const fee = new SaleFee(sale.id.concatI32(leg.position));
      fee.sale = sale.id;
      fee.kind = leg.isMarketplace ? FEE_KIND_MARKETPLACE : FEE_KIND_ROYALTY;
      fee.recipient = leg.recipient;
      fee.amountWei = share(leg.amount, n, i);
      fee.currency = draft.currency;
      fee.save();
      if (leg.isMarketplace) marketplaceFee = marketplaceFee.plus(fee.amountWei);
      else royaltyFee = royaltyFee.plus(fee.amountWei);
    }
    sale.marketplaceFeeWei = marketplaceFee;
    sale.royaltyFeeWei = royaltyFee;
    sale.blockNumber = event.block.number;
    sale.timestampSec = event.block.timestamp;
    sale.save();

    token.owner = buyer.id;
    token.lastSale = sale.id;
    token.lastSalePriceWei = sale.grossPriceWei;
    token.lastSaleCurrency = draft.currency;
    token.saleCount = token.saleCount.plus(BIGINT_ONE);
    token.save();

    collection.saleCount = collection.saleCount.plus(BIGINT_ONE);
    if (ethLike) {
      collection.cumulativeVolumeWei = collection.cumulativeVolumeWei.plus(sale.grossPriceWei);
      collection.cumulativeMarketplaceFeeWei = collection.cumulativeMarketplaceFeeWei.plus(marketplaceFee);
      collection.cumulativeRoyaltyWei = collection.cumulativeRoyaltyWei.plus(royaltyFee);
    } else {
      collection.otherCurrencySaleCount = collection.otherCurrencySaleCount.plus(BIGINT_ONE);
    }
    collection.save();
    recordSaleInSnapshot(
      nft.token,
      event.block,
      draft.buyer,
      draft.seller,
      new SaleAmounts(sale.grossPriceWei, marketplaceFee, royaltyFee, draft.currency),
    );
  }
  buyer.buyCount = buyer.buyCount.plus(BigInt.fromI32(n));
  buyer.save();
  // Reload: buyer and seller can be the same account (wash trades), and the copy above was just saved.
  const sellerNow = getOrCreateAccount(draft.seller);
  sellerNow.sellCount = sellerNow.sellCount.plus(BigInt.fromI32(n));
  sellerNow.save();
}
