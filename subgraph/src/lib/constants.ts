// biome-ignore-all lint/suspicious/noDoubleEquals: AssemblyScript: == compares strings, BigInt and Bytes by value; === is identity.
// biome-ignore-all lint/suspicious/noShadowRestrictedNames: graph-ts BigInt replaces the JS global in AssemblyScript.
// biome-ignore-all lint/style/useImportType: AssemblyScript 0.19 has no `import type`.
import { Address, BigInt, Bytes } from "@graphprotocol/graph-ts";

export const ZERO_ADDRESS = Address.zero();
export const ZERO_ADDRESS_HEX = "0x0000000000000000000000000000000000000000";
/** A zero address as an indexed topic (32 bytes). */
export const ZERO_TOPIC = Bytes.fromHexString("0x0000000000000000000000000000000000000000000000000000000000000000");
export const BIGINT_ZERO = BigInt.zero();
export const BIGINT_ONE = BigInt.fromI32(1);
export const SECONDS_PER_DAY = 86400;

/** keccak256("Transfer(address,address,uint256)"): shared by ERC-20 and ERC-721 (3 vs 4 topics). */
export const TRANSFER_TOPIC = Bytes.fromHexString("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
/** keccak256 of the OrderFulfilled signature (Seaport 1.1–1.6). */
export const ORDER_FULFILLED_TOPIC = Bytes.fromHexString("0x9d9af8e38d66c62e2c12f0225249fd9d721c54b83f48d9352c97c6cacdcb6f31");
/** keccak256("OrdersMatched(bytes32[])"). */
export const ORDERS_MATCHED_TOPIC = Bytes.fromHexString("0x4b9f2d36e1b4c93de62cc077b00b1a91d84b6c31b4a14e012718dcca230689e7");

/** Seaport item types. */
export const ITEM_NATIVE: i32 = 0;
export const ITEM_ERC20: i32 = 1;
export const ITEM_ERC721: i32 = 2;

export const SALE_KIND_LISTING = "LISTING";
export const SALE_KIND_OFFER = "OFFER";
export const FEE_KIND_MARKETPLACE = "MARKETPLACE";
export const FEE_KIND_ROYALTY = "ROYALTY";
