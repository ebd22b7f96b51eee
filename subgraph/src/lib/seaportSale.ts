// biome-ignore-all lint/suspicious/noDoubleEquals: AssemblyScript: == compares strings, BigInt and Bytes by value; === is identity.
// biome-ignore-all lint/suspicious/noShadowRestrictedNames: graph-ts BigInt replaces the JS global in AssemblyScript.
// biome-ignore-all lint/style/useImportType: AssemblyScript 0.19 has no `import type`.
// Turns a Seaport fill into a sale draft, following ../shared/docs/domain.md §1 (Reservoir's strict
// reading plus Dune's bundle handling, every fee recipient kept). Pure logic: no store access, so the
// rules read in one place. A fill that is not a basic sale yields a draft with `skipReason` set.
import { Address, BigInt } from "@graphprotocol/graph-ts";
import { FEE_RECIPIENTS } from "../config";
import { BIGINT_ZERO, SALE_KIND_LISTING, SALE_KIND_OFFER } from "./constants";
import { Fill, Item } from "./seaportFill";

/** One money leg that is not the seller's proceeds. */
export class FeeLeg {
  constructor(
    public recipient: Address,
    public amount: BigInt,
    public isMarketplace: boolean,
    public position: i32,
  ) {}
}

export class SaleDraft {
  skipReason: string = "";
  /** True for a matchOrders counter-order: skipped without a warning, it is the same trade. */
  isMirror: boolean = false;
  kind: string = "";
  nfts: Item[] = [];
  buyer: Address = Address.zero();
  seller: Address = Address.zero();
  currencyType: i32 = 0;
  currency: Address = Address.zero();
  grossPrice: BigInt = BIGINT_ZERO;
  sellerProceeds: BigInt = BIGINT_ZERO;
  fees: FeeLeg[] = [];
}

export function isMarketplaceFeeRecipient(recipient: Address): boolean {
  const hex = recipient.toHexString();
  for (let i = 0; i < FEE_RECIPIENTS.length; i++) if (FEE_RECIPIENTS[i] == hex) return true;
  return false;
}

function skip(draft: SaleDraft, reason: string): SaleDraft {
  draft.skipReason = reason;
  return draft;
}

/** Shape of a fill: LISTING (offer = NFTs only), OFFER (offer = one currency item, consideration has an NFT), or "". */
export function fillShape(fill: Fill): string {
  let offerNfts = 0;
  let offerCurrency = 0;
  for (let i = 0; i < fill.offer.length; i++) {
    if (fill.offer[i].isNft()) offerNfts++;
    else if (fill.offer[i].isCurrency()) offerCurrency++;
  }
  let considerationNfts = 0;
  for (let i = 0; i < fill.consideration.length; i++) if (fill.consideration[i].isNft()) considerationNfts++;
  if (offerNfts > 0 && offerCurrency == 0) return SALE_KIND_LISTING;
  if (offerCurrency == 1 && offerNfts == 0 && considerationNfts > 0) return SALE_KIND_OFFER;
  return "";
}

/**
 * Whether `fill` is the counted side of a matchOrders group. Both orders of a pair move the same NFT;
 * the one that carries the money legs (most currency items in its consideration: seller proceeds,
 * fee, royalties) describes the trade, the other is its mirror. Ties go to the listing, then to the
 * earlier log, so exactly one fill per NFT counts whatever the log order.
 */
function isCountedInGroup(fill: Fill, shape: string, peers: Fill[]): boolean {
  const score = fill.considerationCurrencyCount();
  for (let p = 0; p < peers.length; p++) {
    const peer = peers[p];
    const peerShape = fillShape(peer);
    if (peerShape == "") continue;
    let shares = false;
    for (let i = 0; i < fill.offer.length && !shares; i++) if (peer.touchesNft(fill.offer[i])) shares = true;
    for (let i = 0; i < fill.consideration.length && !shares; i++) if (peer.touchesNft(fill.consideration[i])) shares = true;
    if (!shares) continue;
    const peerScore = peer.considerationCurrencyCount();
    if (peerScore > score) return false;
    if (peerScore < score) continue;
    if (peerShape == SALE_KIND_LISTING && shape == SALE_KIND_OFFER) return false;
    if (peerShape == shape && peer.logIndex.lt(fill.logIndex)) return false;
  }
  return true;
}

/** Recipient of `nft` in some peer's consideration (the buyer's side of a matched pair), or zero. */
function peerReceiver(nft: Item, peers: Fill[]): Address {
  for (let p = 0; p < peers.length; p++) {
    const items = peers[p].consideration;
    for (let i = 0; i < items.length; i++) if (items[i].sameNft(nft)) return items[i].recipient;
  }
  return Address.zero();
}

/** Offerer of a peer that offered `nft` (the seller's side of a matched pair), or zero. */
function peerOfferer(nft: Item, peers: Fill[]): Address {
  for (let p = 0; p < peers.length; p++) {
    const items = peers[p].offer;
    for (let i = 0; i < items.length; i++) if (items[i].sameNft(nft)) return peers[p].offerer;
  }
  return Address.zero();
}

/** Classifies `fill` (with its matchOrders peers, empty when none) into a sale draft. */
export function draftSale(fill: Fill, peers: Fill[], txFrom: Address): SaleDraft {
  const draft = new SaleDraft();
  const shape = fillShape(fill);
  if (shape == "") {
    draft.isMirror = peers.length > 0;
    return skip(draft, "not a basic sale: offer holds neither NFTs only nor exactly one currency item against an NFT");
  }
  if (peers.length > 0 && !isCountedInGroup(fill, shape, peers)) {
    draft.isMirror = true;
    return skip(draft, "mirror order of a matchOrders pair");
  }
  draft.kind = shape;
  return shape == SALE_KIND_LISTING ? draftListing(draft, fill, peers, txFrom) : draftOffer(draft, fill, peers, txFrom);
}

function draftListing(draft: SaleDraft, fill: Fill, peers: Fill[], txFrom: Address): SaleDraft {
  draft.nfts = fill.offer;
  draft.seller = fill.offerer;
  let buyer = Address.zero();
  const money: Item[] = [];
  for (let i = 0; i < fill.consideration.length; i++) {
    const item = fill.consideration[i];
    if (item.isCurrency()) {
      money.push(item);
      continue;
    }
    let isCopy = false;
    for (let j = 0; j < fill.offer.length; j++) if (item.sameNft(fill.offer[j])) isCopy = true;
    // The buyer's copy of an offered NFT names the buyer; any other NFT asked for makes it a swap.
    if (!isCopy) return skip(draft, "not a basic sale: the listing asks for an NFT in return (swap)");
    buyer = item.recipient;
  }
  if (money.length == 0) return skip(draft, "not a sale: the listing asks for no currency");
  if (buyer.equals(Address.zero())) buyer = fill.recipient;
  if (buyer.equals(Address.zero())) buyer = peerReceiver(fill.offer[0], peers);
  if (buyer.equals(Address.zero())) buyer = txFrom;
  draft.buyer = buyer;
  return priceLegs(draft, money, money[0], BIGINT_ZERO);
}

function draftOffer(draft: SaleDraft, fill: Fill, peers: Fill[], txFrom: Address): SaleDraft {
  const payment = fill.offer[0];
  const nfts: Item[] = [];
  const money: Item[] = [];
  for (let i = 0; i < fill.consideration.length; i++) {
    const item = fill.consideration[i];
    if (item.isNft()) nfts.push(item);
    else if (item.isCurrency()) money.push(item);
  }
  draft.nfts = nfts;
  draft.buyer = nfts[0].recipient.equals(Address.zero()) ? fill.offerer : nfts[0].recipient;
  let seller = fill.recipient;
  if (seller.equals(Address.zero())) seller = peerOfferer(nfts[0], peers);
  if (seller.equals(Address.zero())) seller = txFrom;
  draft.seller = seller;
  // The buyer's offer is the whole price; the consideration's currency items are paid out of it.
  return priceLegs(draft, money, payment, payment.amount);
}

/**
 * Fills currency, gross price, proceeds and fee legs. `grossFromOffer` is zero for a listing (gross =
 * sum of the consideration's currency items) and the offer amount for an accepted offer.
 */
function priceLegs(draft: SaleDraft, money: Item[], currencyItem: Item, grossFromOffer: BigInt): SaleDraft {
  let sum = BIGINT_ZERO;
  let proceeds = BIGINT_ZERO;
  for (let i = 0; i < money.length; i++) {
    const item = money[i];
    if (!item.sameCurrency(currencyItem))
      return skip(draft, "mixed currencies: " + item.token.toHexString() + " next to " + currencyItem.token.toHexString());
    sum = sum.plus(item.amount);
    if (item.recipient.equals(draft.seller)) proceeds = proceeds.plus(item.amount);
    else draft.fees.push(new FeeLeg(item.recipient, item.amount, isMarketplaceFeeRecipient(item.recipient), i));
  }
  draft.currencyType = currencyItem.itemType;
  draft.currency = currencyItem.token;
  if (grossFromOffer.isZero()) {
    draft.grossPrice = sum;
    draft.sellerProceeds = proceeds;
  } else {
    draft.grossPrice = grossFromOffer;
    // Fees come out of the offered amount; whatever is left reaches the seller.
    const feeTotal = sum.minus(proceeds);
    if (feeTotal.gt(grossFromOffer)) return skip(draft, "fees exceed the offered amount");
    draft.sellerProceeds = grossFromOffer.minus(feeTotal);
  }
  return draft;
}
