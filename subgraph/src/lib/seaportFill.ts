// biome-ignore-all lint/suspicious/noDoubleEquals: AssemblyScript: == compares strings, BigInt and Bytes by value; === is identity.
// biome-ignore-all lint/suspicious/noShadowRestrictedNames: graph-ts BigInt replaces the JS global in AssemblyScript.
// biome-ignore-all lint/style/useImportType: AssemblyScript 0.19 has no `import type`.
// A Seaport fill (one OrderFulfilled log) as plain data, read either from the event being handled or
// straight from the raw bytes of a sibling log in the transaction receipt. Reading siblings is how a
// matchOrders pair is recognised: its OrdersMatched log comes *after* both OrderFulfilled logs, so only
// the receipt shows the whole group while the first fill is being handled.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";
import { OrderFulfilled } from "./bindings";
import { ITEM_ERC20, ITEM_ERC721, ITEM_NATIVE, ORDER_FULFILLED_TOPIC, ORDERS_MATCHED_TOPIC } from "./constants";

/** One offer or consideration item. `recipient` is the zero address for offer items. */
export class Item {
  constructor(
    public itemType: i32,
    public token: Address,
    public identifier: BigInt,
    public amount: BigInt,
    public recipient: Address,
  ) {}

  isCurrency(): boolean {
    return this.itemType == ITEM_NATIVE || this.itemType == ITEM_ERC20;
  }

  /** ERC-721/1155 (criteria types are resolved to plain ones in the emitted event, but accept them too). */
  isNft(): boolean {
    return this.itemType >= ITEM_ERC721 && this.itemType <= 5;
  }

  sameNft(other: Item): boolean {
    return this.isNft() && other.isNft() && this.token.equals(other.token) && this.identifier.equals(other.identifier);
  }

  sameCurrency(other: Item): boolean {
    return this.itemType == other.itemType && this.token.equals(other.token);
  }
}

export class Fill {
  constructor(
    public orderHash: Bytes,
    public offerer: Address,
    public recipient: Address,
    public offer: Item[],
    public consideration: Item[],
    public logIndex: BigInt,
  ) {}

  /** True when some NFT of this fill (offered or received) is `nft`. */
  touchesNft(nft: Item): boolean {
    for (let i = 0; i < this.offer.length; i++) if (this.offer[i].sameNft(nft)) return true;
    for (let i = 0; i < this.consideration.length; i++) if (this.consideration[i].sameNft(nft)) return true;
    return false;
  }

  /** Currency items in the consideration: the legs of money this order asks for. */
  considerationCurrencyCount(): i32 {
    let count = 0;
    for (let i = 0; i < this.consideration.length; i++) if (this.consideration[i].isCurrency()) count++;
    return count;
  }
}

export function fillFromEvent(event: OrderFulfilled): Fill {
  const offer: Item[] = [];
  const offerTuples = event.params.offer;
  for (let i = 0; i < offerTuples.length; i++) {
    const t = offerTuples[i];
    offer.push(new Item(t[0].toBigInt().toI32(), t[1].toAddress(), t[2].toBigInt(), t[3].toBigInt(), Address.zero()));
  }
  const consideration: Item[] = [];
  const considerationTuples = event.params.consideration;
  for (let i = 0; i < considerationTuples.length; i++) {
    const t = considerationTuples[i];
    consideration.push(new Item(t[0].toBigInt().toI32(), t[1].toAddress(), t[2].toBigInt(), t[3].toBigInt(), t[4].toAddress()));
  }
  return new Fill(event.params.orderHash, event.params.offerer, event.params.recipient, offer, consideration, event.logIndex);
}

function word(data: Bytes, offset: i32): Bytes {
  return Bytes.fromUint8Array(data.slice(offset, offset + 32));
}

function wordToBigInt(data: Bytes, offset: i32): BigInt {
  const bytes = word(data, offset);
  bytes.reverse();
  return BigInt.fromUnsignedBytes(bytes);
}

/** A word used as an offset or length: null when it does not fit the data (malformed log). */
function wordToIndex(data: Bytes, offset: i32): i32 {
  const value = wordToBigInt(data, offset);
  if (value.gt(BigInt.fromI32(data.length))) return -1;
  return value.toI32();
}

function wordToAddress(data: Bytes, offset: i32): Address {
  return Address.fromBytes(Bytes.fromUint8Array(data.slice(offset + 12, offset + 32)));
}

function topicToAddress(topic: Bytes): Address {
  return Address.fromBytes(Bytes.fromUint8Array(topic.slice(12, 32)));
}

/** Decodes `count` items of `words` words each starting at byte `start`; null when out of bounds. */
function decodeItems(data: Bytes, arrayOffset: i32, words: i32): Item[] | null {
  if (arrayOffset < 0 || arrayOffset + 32 > data.length) return null;
  const count = wordToIndex(data, arrayOffset);
  if (count < 0 || arrayOffset + 32 + count * words * 32 > data.length) return null;
  const items: Item[] = [];
  for (let i = 0; i < count; i++) {
    const at = arrayOffset + 32 + i * words * 32;
    // itemType is a uint8: anything wider is not a Seaport item (and would not fit an i32).
    if (wordToBigInt(data, at).gt(BigInt.fromI32(255))) return null;
    const recipient = words == 5 ? wordToAddress(data, at + 128) : Address.zero();
    items.push(
      new Item(
        wordToBigInt(data, at).toI32(),
        wordToAddress(data, at + 32),
        wordToBigInt(data, at + 64),
        wordToBigInt(data, at + 96),
        recipient,
      ),
    );
  }
  return items;
}

/** Decodes a raw OrderFulfilled log from a receipt; null when it is not one or is malformed. */
export function fillFromLog(log: ethereum.Log): Fill | null {
  if (log.topics.length != 3 || !log.topics[0].equals(ORDER_FULFILLED_TOPIC)) return null;
  const data = log.data;
  if (data.length < 128) return null;
  const offer = decodeItems(data, wordToIndex(data, 64), 4);
  const consideration = decodeItems(data, wordToIndex(data, 96), 5);
  if (offer == null || consideration == null) return null;
  return new Fill(word(data, 0), topicToAddress(log.topics[1]), wordToAddress(data, 32), offer, consideration, log.logIndex);
}

/** Order hashes of an OrdersMatched log (`bytes32[]` is its only, non-indexed, field); empty when malformed. */
function matchedHashes(log: ethereum.Log): Bytes[] {
  const hashes: Bytes[] = [];
  if (log.topics.length != 1 || !log.topics[0].equals(ORDERS_MATCHED_TOPIC)) return hashes;
  const data = log.data;
  if (data.length < 64) return hashes;
  const start = wordToIndex(data, 0);
  if (start < 0 || start + 32 > data.length) return hashes;
  const count = wordToIndex(data, start);
  if (count < 0 || start + 32 + count * 32 > data.length) return hashes;
  for (let i = 0; i < count; i++) hashes.push(word(data, start + 32 + i * 32));
  return hashes;
}

/**
 * The other fills matched with `fill` by an OrdersMatched log of the same Seaport contract in the same
 * transaction; empty when the fill was not part of matchOrders/matchAdvancedOrders.
 */
export function matchedPeers(fill: Fill, exchange: Address, receipt: ethereum.TransactionReceipt | null): Fill[] {
  const peers: Fill[] = [];
  if (receipt == null) return peers;
  const logs = receipt.logs;
  let group: Bytes[] = [];
  for (let i = 0; i < logs.length; i++) {
    if (!logs[i].address.equals(exchange)) continue;
    const hashes = matchedHashes(logs[i]);
    for (let j = 0; j < hashes.length; j++) {
      if (hashes[j].equals(fill.orderHash)) group = hashes;
    }
  }
  if (group.length == 0) return peers;
  for (let i = 0; i < logs.length; i++) {
    if (!logs[i].address.equals(exchange) || logs[i].logIndex.equals(fill.logIndex)) continue;
    const peer = fillFromLog(logs[i]);
    if (peer == null) continue;
    for (let j = 0; j < group.length; j++) {
      if (group[j].equals(peer.orderHash) && !peer.orderHash.equals(fill.orderHash)) {
        peers.push(peer);
        break;
      }
    }
  }
  return peers;
}
