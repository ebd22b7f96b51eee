// The runtime's own test mapping: each branch exercises one host behaviour the runtime tests assert.
import { Address, BigDecimal, BigInt, Bytes, Entity, crypto, dataSource, ethereum, log, store } from "@graphprotocol/graph-ts";
import { Nft, Spawn, Transfer as TransferEvent } from "../generated/Nft/Nft";
import { Child } from "../generated/templates";
import { Account, BenchToken, BenchTransfer, Stats, Token, Transfer } from "../generated/schema";

// Module state: graph-node gives every trigger a fresh instance, so this never exceeds 1 in a handler.
let callsInThisInstance = 0;

function getStats(): Stats {
  let stats = Stats.load("all");
  if (stats == null) {
    stats = new Stats("all");
    stats.transfers = BigInt.zero();
    stats.blocks = 0;
    stats.childTransfers = 0;
    stats.children = [];
    stats.instanceCalls = 0;
  }
  return stats;
}

function getAccount(address: Address): Account {
  let account = Account.load(address);
  if (account == null) {
    account = new Account(address);
    account.transferCount = 0;
    account.heldAfterLastTransfer = 0;
  }
  return account;
}

export function handleTransfer(event: TransferEvent): void {
  let tokenId = event.params.tokenId;
  // Deterministic failures on purpose: the runtime must drop the whole block and stop.
  if (tokenId.equals(BigInt.fromI32(666))) {
    log.critical("token 666 is forbidden (tx {})", [event.transaction.hash.toHexString()]);
  }
  if (tokenId.equals(BigInt.fromI32(667))) {
    let zero = BigInt.zero();
    tokenId = tokenId.div(zero);
  }
  if (tokenId.equals(BigInt.fromI32(668))) {
    // store.set with a value of the wrong type: schema validation must reject it.
    let bad = new Entity();
    bad.setString("id", "bad");
    bad.setString("transfers", "not an Int");
    store.set("Token", "bad", bad);
  }

  let from = getAccount(event.params.from);
  from.transferCount = from.transferCount + 1;
  from.save();
  let to = getAccount(event.params.to);
  to.transferCount = to.transferCount + 1;
  to.save();

  let id = tokenId.toString();
  let token = Token.loadInBlock(id);
  let touchedTwice = token != null;
  if (token == null) token = Token.load(id);
  if (token == null) {
    token = new Token(id);
    token.tokenId = tokenId;
    token.transfers = 0;
  }
  token.owner = to.id;
  token.transfers = token.transfers + 1;
  token.touchedTwiceInBlock = touchedTwice;
  token.tokenIdThousandths = tokenId.toBigDecimal().div(BigDecimal.fromString("1000"));
  let encoded = ethereum.encode(ethereum.Value.fromUnsignedBigInt(tokenId))!;
  let decoded = ethereum.decode("uint256", encoded)!.toBigInt();
  if (!decoded.equals(tokenId)) log.critical("encode/decode round trip failed for {}", [id]);
  token.encodedTokenId = encoded;
  let name = Nft.bind(event.address).try_name();
  token.contractName = name.reverted ? null : name.value;
  token.save();

  // Burning to the zero address removes the token.
  if (event.params.to.equals(Address.zero())) store.remove("Token", id);

  let transfer = new Transfer(event.transaction.hash.concatI32(event.logIndex.toI32()));
  transfer.from = event.params.from;
  transfer.to = event.params.to;
  transfer.tokenId = tokenId;
  transfer.blockNumber = event.block.number;
  transfer.timestampSeconds = event.block.timestamp;
  transfer.logIndex = event.logIndex;
  transfer.txFrom = event.transaction.from;
  transfer.gasPriceWei = event.transaction.gasPrice;
  let receipt = event.receipt;
  transfer.gasUsed = receipt == null ? BigInt.zero() : receipt.gasUsed;
  transfer.receiptLogCount = receipt == null ? -1 : receipt.logs.length;
  transfer.save();

  // loadRelated sees this block's writes too.
  to.heldAfterLastTransfer = to.tokens.load().length;
  to.save();

  let stats = getStats();
  stats.transfers = stats.transfers.plus(BigInt.fromI32(1));
  stats.lastTransferHash = Bytes.fromByteArray(crypto.keccak256(transfer.id));
  stats.save();
  log.info("transfer {} of token {} on {}", [transfer.id.toHexString(), id, dataSource.network()]);
}

export function handleSpawn(event: Spawn): void {
  Child.create(event.params.child);
  let stats = getStats();
  let children = stats.children;
  children.push(event.params.child);
  stats.children = children;
  stats.save();
}

export function handleChildTransfer(event: TransferEvent): void {
  let stats = getStats();
  stats.childTransfers = stats.childTransfers + 1;
  stats.save();
  log.debug("child {} transfer", [dataSource.address().toHexString()]);
}

export function handleBlock(block: ethereum.Block): void {
  let stats = getStats();
  callsInThisInstance = callsInThisInstance + 1;
  stats.instanceCalls = callsInThisInstance;
  stats.blocks = stats.blocks + 1;
  stats.lastBlockHash = block.hash;
  stats.save();
}

// Benchmark handler (bench.yaml): the same work the Ponder comparison does per event.
export function handleTransferLean(event: TransferEvent): void {
  let transfer = new BenchTransfer(event.transaction.hash.concatI32(event.logIndex.toI32()));
  transfer.from = event.params.from;
  transfer.to = event.params.to;
  transfer.tokenId = event.params.tokenId;
  transfer.blockNumber = event.block.number;
  transfer.save();
  let id = event.params.tokenId.toString();
  let token = BenchToken.load(id);
  if (token == null) {
    token = new BenchToken(id);
    token.transfers = 0;
  }
  token.owner = event.params.to;
  token.transfers = token.transfers + 1;
  token.save();
}
