/**
 * Seaport 1.6 orders as marketplaces build them: EIP-712-signed OrderComponents (signed natively by
 * EDR through eth_signTypedData_v4), and calldata for fulfillBasicOrder, fulfillOrder and
 * matchOrders. No conduit: offerers approve Seaport itself (conduitKey 0).
 */
import { type Abi, encodeFunctionData } from "viem";
import type { RequestProvider } from "./rpc-server.ts";
import type { Hex } from "./writer.ts";

export const ItemType = { NATIVE: 0, ERC20: 1, ERC721: 2 } as const;
const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000" as Hex;
const ZERO_HASH = `0x${"0".repeat(64)}` as Hex;

export interface OfferItem {
  itemType: number;
  token: Hex;
  identifierOrCriteria: bigint;
  startAmount: bigint;
  endAmount: bigint;
}
export interface ConsiderationItem extends OfferItem {
  recipient: Hex;
}
export interface OrderParameters {
  offerer: Hex;
  zone: Hex;
  offer: OfferItem[];
  consideration: ConsiderationItem[];
  orderType: number;
  startTime: bigint;
  endTime: bigint;
  zoneHash: Hex;
  salt: bigint;
  conduitKey: Hex;
  totalOriginalConsiderationItems: bigint;
}
export interface SignedOrder {
  parameters: OrderParameters;
  signature: Hex;
}
export interface Payment {
  recipient: Hex;
  amountWei: bigint;
}
export interface Nft {
  token: Hex;
  tokenId: number;
}

const eip712Types = {
  EIP712Domain: [
    { name: "name", type: "string" },
    { name: "version", type: "string" },
    { name: "chainId", type: "uint256" },
    { name: "verifyingContract", type: "address" },
  ],
  OrderComponents: [
    { name: "offerer", type: "address" },
    { name: "zone", type: "address" },
    { name: "offer", type: "OfferItem[]" },
    { name: "consideration", type: "ConsiderationItem[]" },
    { name: "orderType", type: "uint8" },
    { name: "startTime", type: "uint256" },
    { name: "endTime", type: "uint256" },
    { name: "zoneHash", type: "bytes32" },
    { name: "salt", type: "uint256" },
    { name: "conduitKey", type: "bytes32" },
    { name: "counter", type: "uint256" },
  ],
  OfferItem: [
    { name: "itemType", type: "uint8" },
    { name: "token", type: "address" },
    { name: "identifierOrCriteria", type: "uint256" },
    { name: "startAmount", type: "uint256" },
    { name: "endAmount", type: "uint256" },
  ],
  ConsiderationItem: [
    { name: "itemType", type: "uint8" },
    { name: "token", type: "address" },
    { name: "identifierOrCriteria", type: "uint256" },
    { name: "startAmount", type: "uint256" },
    { name: "endAmount", type: "uint256" },
    { name: "recipient", type: "address" },
  ],
};

function item(itemType: number, token: Hex, id: bigint, amount: bigint): OfferItem {
  return { itemType, token, identifierOrCriteria: id, startAmount: amount, endAmount: amount };
}

function params(
  offerer: Hex,
  offer: OfferItem[],
  consideration: ConsiderationItem[],
  startTime: number,
  endTime: number,
  salt: Hex,
): OrderParameters {
  return {
    offerer,
    zone: ZERO_ADDRESS,
    offer,
    consideration,
    orderType: 0, // FULL_OPEN
    startTime: BigInt(startTime),
    endTime: BigInt(endTime),
    zoneHash: ZERO_HASH,
    salt: BigInt(salt),
    conduitKey: ZERO_HASH,
    totalOriginalConsiderationItems: BigInt(consideration.length),
  };
}

/**
 * A listing: the seller offers NFT(s); the consideration pays the seller's proceeds first, then
 * each fee. `currency` null means ETH, else an ERC-20 (WETH).
 */
export function listingOrder(o: {
  seller: Hex;
  nfts: Nft[];
  currency: Hex | null;
  proceedsWei: bigint;
  fees: Payment[];
  startTime: number;
  endTime: number;
  salt: Hex;
}): OrderParameters {
  const [kind, token] = o.currency ? [ItemType.ERC20, o.currency] : [ItemType.NATIVE, ZERO_ADDRESS];
  const offer = o.nfts.map((n) => item(ItemType.ERC721, n.token, BigInt(n.tokenId), 1n));
  const pay = (p: Payment): ConsiderationItem => ({ ...item(kind, token, 0n, p.amountWei), recipient: p.recipient });
  const consideration = [pay({ recipient: o.seller, amountWei: o.proceedsWei }), ...o.fees.filter((f) => f.amountWei > 0n).map(pay)];
  return params(o.seller, offer, consideration, o.startTime, o.endTime, o.salt);
}

/** A WETH offer (or a match's mirror order): the buyer offers WETH and asks for the NFT plus fees. */
export function offerOrder(o: {
  buyer: Hex;
  weth: Hex;
  amountWei: bigint;
  nft: Nft;
  fees: Payment[];
  startTime: number;
  endTime: number;
  salt: Hex;
}): OrderParameters {
  const consideration: ConsiderationItem[] = [
    { ...item(ItemType.ERC721, o.nft.token, BigInt(o.nft.tokenId), 1n), recipient: o.buyer },
    ...o.fees.filter((f) => f.amountWei > 0n).map((f) => ({ ...item(ItemType.ERC20, o.weth, 0n, f.amountWei), recipient: f.recipient })),
  ];
  return params(o.buyer, [item(ItemType.ERC20, o.weth, 0n, o.amountWei)], consideration, o.startTime, o.endTime, o.salt);
}

/** Signs the order's EIP-712 OrderComponents (counter 0) with the offerer's key, inside EDR. */
export async function signOrder(provider: RequestProvider, seaport: Hex, chainId: number, p: OrderParameters): Promise<SignedOrder> {
  const { totalOriginalConsiderationItems: _, ...components } = p;
  const message = JSON.parse(JSON.stringify({ ...components, counter: 0n }, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
  const typedData = {
    types: eip712Types,
    primaryType: "OrderComponents",
    domain: { name: "Seaport", version: "1.6", chainId, verifyingContract: seaport },
    message,
  };
  const signature = (await provider.request({ method: "eth_signTypedData_v4", params: [p.offerer, JSON.stringify(typedData)] })) as Hex;
  return { parameters: p, signature };
}

/** Calldata for fulfillBasicOrder (ETH_TO_ERC721_FULL_OPEN) from a signed single-NFT ETH listing. */
export function fulfillBasicOrderData(abi: Abi, order: SignedOrder): Hex {
  const p = order.parameters;
  const [proceeds, ...fees] = p.consideration;
  const nft = p.offer[0];
  return encodeFunctionData({
    abi,
    functionName: "fulfillBasicOrder",
    args: [
      {
        considerationToken: ZERO_ADDRESS,
        considerationIdentifier: 0n,
        considerationAmount: proceeds.startAmount,
        offerer: p.offerer,
        zone: p.zone,
        offerToken: nft.token,
        offerIdentifier: nft.identifierOrCriteria,
        offerAmount: 1n,
        basicOrderType: 0,
        startTime: p.startTime,
        endTime: p.endTime,
        zoneHash: p.zoneHash,
        salt: p.salt,
        offererConduitKey: p.conduitKey,
        fulfillerConduitKey: ZERO_HASH,
        totalOriginalAdditionalRecipients: BigInt(fees.length),
        additionalRecipients: fees.map((f) => ({ amount: f.startAmount, recipient: f.recipient })),
        signature: order.signature,
      },
    ],
  });
}

export function fulfillOrderData(abi: Abi, order: SignedOrder): Hex {
  return encodeFunctionData({ abi, functionName: "fulfillOrder", args: [order, ZERO_HASH] });
}

/**
 * matchOrders for a WETH listing and the buyer's mirror order: the listing's NFT goes to the
 * mirror's NFT consideration, and the mirror's WETH pays each of the listing's consideration items.
 */
export function matchOrdersData(abi: Abi, listing: SignedOrder, mirror: SignedOrder): Hex {
  const fulfillments = [
    { offerComponents: [{ orderIndex: 0n, itemIndex: 0n }], considerationComponents: [{ orderIndex: 1n, itemIndex: 0n }] },
    ...listing.parameters.consideration.map((_, j) => ({
      offerComponents: [{ orderIndex: 1n, itemIndex: 0n }],
      considerationComponents: [{ orderIndex: 0n, itemIndex: BigInt(j) }],
    })),
  ];
  return encodeFunctionData({ abi, functionName: "matchOrders", args: [[listing, mirror], fulfillments] });
}

/** Sum of the consideration items' amounts (what the buyer pays in total for a listing). */
export const considerationTotal = (p: OrderParameters) =>
  p.consideration.filter((c) => c.itemType !== ItemType.ERC721).reduce((a, c) => a + c.startAmount, 0n);
