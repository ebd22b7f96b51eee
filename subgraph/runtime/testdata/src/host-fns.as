// Runtime test mapping for ethereum.getBalance / hasCode and json.*: the Transfer's tokenId picks
// what to exercise, and the JSON text is the transaction input, so tests choose it freely.
import { BigInt, Bytes, JSONValue, JSONValueKind, ethereum, json } from "@graphprotocol/graph-ts";
import { Transfer } from "../generated/Nft/Nft";
import { ChainProbe, JsonProbe } from "../generated/schema";

function dump(value: JSONValue): string {
  if (value.kind == JSONValueKind.NULL) return "null";
  if (value.kind == JSONValueKind.BOOL) return value.toBool() ? "true" : "false";
  // graph-ts keeps a NUMBER as its text; JSONValue.toString() only accepts STRING.
  if (value.kind == JSONValueKind.NUMBER) return "#" + changetype<string>(value.data as u32);
  if (value.kind == JSONValueKind.STRING) return "'" + value.toString() + "'";
  let parts = new Array<string>();
  if (value.kind == JSONValueKind.ARRAY) {
    let items = value.toArray();
    for (let i = 0; i < items.length; i++) parts.push(dump(items[i]));
    return "[" + parts.join(",") + "]";
  }
  let entries = value.toObject().entries;
  for (let i = 0; i < entries.length; i++) parts.push(entries[i].key + ":" + dump(entries[i].value));
  return "{" + parts.join(",") + "}";
}

function newJsonProbe(event: Transfer): JsonProbe {
  let probe = new JsonProbe(event.transaction.hash.concatI32(event.logIndex.toI32()));
  probe.ok = true;
  return probe;
}

export function handleProbe(event: Transfer): void {
  let mode = event.params.tokenId.toI32();
  let input: Bytes = event.transaction.input;
  if (mode == 1) {
    let probe = new ChainProbe(event.transaction.hash.concatI32(event.logIndex.toI32()));
    probe.blockNumber = event.block.number;
    probe.subject = event.params.to;
    probe.subjectBalance = ethereum.getBalance(event.params.to);
    probe.subjectHasCode = ethereum.hasCode(event.params.to).inner;
    probe.contractBalance = ethereum.getBalance(event.address);
    probe.contractHasCode = ethereum.hasCode(event.address).inner;
    probe.save();
    return;
  }
  let probe = newJsonProbe(event);
  if (mode == 2) {
    let result = json.try_fromBytes(input);
    probe.ok = result.isOk;
    if (result.isOk) probe.tree = dump(result.value);
  } else if (mode == 3) {
    probe.tree = dump(json.fromBytes(input));
  } else if (mode == 4) {
    probe.asI64 = json.toI64(input.toString());
  } else if (mode == 5) {
    probe.asU64 = BigInt.fromU64(json.toU64(input.toString()));
  } else if (mode == 6) {
    probe.asF64Bits = reinterpret<i64>(json.toF64(input.toString()));
  } else if (mode == 7) {
    probe.asBigInt = json.toBigInt(input.toString());
  } else if (mode == 8) {
    // The JSONValue helpers on a parsed number go through the same host functions.
    let value = json.fromBytes(input);
    probe.asI64 = value.toI64();
    probe.asBigInt = value.toBigInt();
    probe.asF64Bits = reinterpret<i64>(value.toF64());
  } else {
    return;
  }
  probe.save();
}
