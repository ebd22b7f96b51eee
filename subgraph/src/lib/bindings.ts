// biome-ignore-all lint/suspicious/noDoubleEquals: AssemblyScript: == compares strings, BigInt and Bytes by value; === is identity.
// biome-ignore-all lint/suspicious/noShadowRestrictedNames: graph-ts BigInt replaces the JS global in AssemblyScript.
// biome-ignore-all lint/style/useImportType: AssemblyScript 0.19 has no `import type`.
// Hand-written event and contract bindings (what `graph codegen` would generate per data source).
// Writing them once here lets every data source share the same mapping files whatever its name in a
// manifest; the ABIs in subgraph/abis/ stay the source of truth for signatures.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";

/** ERC-721 Transfer(address indexed from, address indexed to, uint256 indexed tokenId). */
export class Transfer extends ethereum.Event {
  get params(): TransferParams {
    return new TransferParams(this);
  }
}

export class TransferParams {
  _event: Transfer;
  constructor(event: Transfer) {
    this._event = event;
  }
  get from(): Address {
    return this._event.parameters[0].value.toAddress();
  }
  get to(): Address {
    return this._event.parameters[1].value.toAddress();
  }
  get tokenId(): BigInt {
    return this._event.parameters[2].value.toBigInt();
  }
}

/** Seaport OrderFulfilled(bytes32, address indexed, address indexed, address, SpentItem[], ReceivedItem[]). */
export class OrderFulfilled extends ethereum.Event {
  get params(): OrderFulfilledParams {
    return new OrderFulfilledParams(this);
  }
}

export class OrderFulfilledParams {
  _event: OrderFulfilled;
  constructor(event: OrderFulfilled) {
    this._event = event;
  }
  get orderHash(): Bytes {
    return this._event.parameters[0].value.toBytes();
  }
  get offerer(): Address {
    return this._event.parameters[1].value.toAddress();
  }
  get zone(): Address {
    return this._event.parameters[2].value.toAddress();
  }
  get recipient(): Address {
    return this._event.parameters[3].value.toAddress();
  }
  /** (itemType, token, identifier, amount) tuples. */
  get offer(): Array<ethereum.Tuple> {
    return this._event.parameters[4].value.toTupleArray<ethereum.Tuple>();
  }
  /** (itemType, token, identifier, amount, recipient) tuples. */
  get consideration(): Array<ethereum.Tuple> {
    return this._event.parameters[5].value.toTupleArray<ethereum.Tuple>();
  }
}

/** Chainlink AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt). */
export class AnswerUpdated extends ethereum.Event {
  get params(): AnswerUpdatedParams {
    return new AnswerUpdatedParams(this);
  }
}

export class AnswerUpdatedParams {
  _event: AnswerUpdated;
  constructor(event: AnswerUpdated) {
    this._event = event;
  }
  get current(): BigInt {
    return this._event.parameters[0].value.toBigInt();
  }
  get roundId(): BigInt {
    return this._event.parameters[1].value.toBigInt();
  }
  get updatedAt(): BigInt {
    return this._event.parameters[2].value.toBigInt();
  }
}

/** Read-only ERC-721 calls; "ERC721" must be listed under the data source's `abis`. */
export class ERC721Contract extends ethereum.SmartContract {
  static bind(address: Address): ERC721Contract {
    return new ERC721Contract("ERC721", address);
  }

  try_name(): ethereum.CallResult<string> {
    return stringResult(super.tryCall("name", "name():(string)", []));
  }

  try_symbol(): ethereum.CallResult<string> {
    return stringResult(super.tryCall("symbol", "symbol():(string)", []));
  }

  try_tokenURI(tokenId: BigInt): ethereum.CallResult<string> {
    return stringResult(super.tryCall("tokenURI", "tokenURI(uint256):(string)", [ethereum.Value.fromUnsignedBigInt(tokenId)]));
  }
}

function stringResult(result: ethereum.CallResult<Array<ethereum.Value>>): ethereum.CallResult<string> {
  if (result.reverted) return new ethereum.CallResult<string>();
  const values = result.value;
  // A contract that answers with something other than one string is treated like a revert.
  if (values.length != 1 || values[0].kind != ethereum.ValueKind.STRING) return new ethereum.CallResult<string>();
  return ethereum.CallResult.fromValue(values[0].toString());
}
