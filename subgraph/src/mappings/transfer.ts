// biome-ignore-all lint/suspicious/noDoubleEquals: AssemblyScript: == compares strings, BigInt and Bytes by value; === is identity.
// biome-ignore-all lint/suspicious/noShadowRestrictedNames: graph-ts BigInt replaces the JS global in AssemblyScript.
// biome-ignore-all lint/style/useImportType: AssemblyScript 0.19 has no `import type`.
import { Address, BigInt, ethereum, log } from "@graphprotocol/graph-ts";
import { Mint, Transfer as TransferEntity } from "../../generated/schema";
import { ERC721Contract, Transfer } from "../lib/bindings";
import { BIGINT_ONE, TRANSFER_TOPIC, ZERO_ADDRESS, ZERO_TOPIC } from "../lib/constants";
import { eventId, getOrCreateAccount, getOrCreateCollection, getOrCreateToken, getOrCreateTransaction } from "../lib/entities";
import { recordMintInSnapshot } from "../lib/snapshots";

/** Transfer logs of `collection` from the zero address in the receipt: the mint price divisor. */
function mintsInTransaction(collection: Address, receipt: ethereum.TransactionReceipt | null): i32 {
  if (receipt == null) return 1;
  let count = 0;
  const logs = receipt.logs;
  for (let i = 0; i < logs.length; i++) {
    const entry = logs[i];
    // 4 topics: ERC-721 (tokenId indexed). An ERC-20 Transfer has 3 and never mints an NFT.
    if (!entry.address.equals(collection) || entry.topics.length != 4 || !entry.topics[0].equals(TRANSFER_TOPIC)) continue;
    if (entry.topics[1].equals(ZERO_TOPIC)) count++;
  }
  return count > 0 ? count : 1;
}

/**
 * ERC-721 Transfer: mint (from 0x0), transfer, burn (to 0x0).
 *
 * Surprises in the data:
 * - ERC-20 Transfer shares topic0 (0xddf252ad…) but has 3 topics; graph-node's decode fails on it and
 *   skips the log before the handler runs (e.g. WETH transfers in Seaport offer fills). Counting mints
 *   in the receipt therefore also checks for 4 topics.
 * - Batch mints (ERC721A, e.g. Azuki 0x…c544 mints of 5 in one tx) carry one tx value for n tokens: the
 *   price per token is value / n (Dune's nft.mints rule); the remainder of a non-even split (< n wei)
 *   is dropped.
 * - A mint paid in ERC-20 or through a router shows tx value 0: its price reads 0, never a guess.
 * - tokenURI may revert (burned or unrevealed tokens, non-standard contracts): stored as null.
 */
export function handleTransfer(event: Transfer): void {
  const address = event.address;
  const from = event.params.from;
  const to = event.params.to;
  const tokenId = event.params.tokenId;
  const isMint = from.equals(ZERO_ADDRESS);
  const isBurn = to.equals(ZERO_ADDRESS);

  const collection = getOrCreateCollection(address, event.block);
  const token = getOrCreateToken(address, tokenId, to);
  getOrCreateAccount(to);

  const transfer = new TransferEntity(eventId(event));
  transfer.collection = address;
  transfer.token = token.id;
  transfer.from = from;
  transfer.to = to;
  transfer.isMint = isMint;
  transfer.isBurn = isBurn;
  transfer.transactionHash = event.transaction.hash;
  transfer.blockNumber = event.block.number;
  transfer.timestampSec = event.block.timestamp;
  transfer.logIndex = event.logIndex;
  transfer.save();

  token.owner = to;
  token.transferCount = token.transferCount.plus(BIGINT_ONE);
  collection.transferCount = collection.transferCount.plus(BIGINT_ONE);

  if (isMint) {
    const tx = getOrCreateTransaction(event);
    const minted = mintsInTransaction(address, event.receipt);
    const divisor = BigInt.fromI32(minted);
    const mint = new Mint(eventId(event));
    mint.collection = address;
    mint.token = token.id;
    mint.minter = to;
    mint.transaction = tx.id;
    mint.priceWei = event.transaction.value.div(divisor);
    mint.currency = ZERO_ADDRESS;
    mint.tokensMintedInTransaction = minted;
    mint.gasUsedShare = tx.gasUsed.div(divisor);
    mint.gasCostWei = tx.gasCostWei.div(divisor);
    mint.blockNumber = event.block.number;
    mint.timestampSec = event.block.timestamp;
    mint.logIndex = event.logIndex;
    mint.save();

    const uri = ERC721Contract.bind(address).try_tokenURI(tokenId);
    if (uri.reverted) {
      log.info("tokenURI({}) reverted on {} (tx {}, log {})", [
        tokenId.toString(),
        address.toHexString(),
        event.transaction.hash.toHexString(),
        event.logIndex.toString(),
      ]);
    } else {
      token.tokenURI = uri.value;
    }
    token.mint = mint.id;
    token.burned = false;
    collection.mintCount = collection.mintCount.plus(BIGINT_ONE);
    collection.supply = collection.supply.plus(BIGINT_ONE);
    collection.cumulativeMintRevenueWei = collection.cumulativeMintRevenueWei.plus(mint.priceWei);
    const minter = getOrCreateAccount(to);
    minter.mintCount = minter.mintCount.plus(BIGINT_ONE);
    minter.save();
    recordMintInSnapshot(address, event.block, mint.priceWei);
  }
  if (isBurn) {
    token.burned = true;
    collection.burnCount = collection.burnCount.plus(BIGINT_ONE);
    collection.supply = collection.supply.minus(BIGINT_ONE);
  }
  token.save();
  collection.save();
}
