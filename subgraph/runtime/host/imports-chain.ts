/**
 * Host functions that touch the block: `store.*` (through the block's entity cache),
 * `dataSource.*`, and `ethereum.call` / `getBalance` / `hasCode` (pinned to the block) / `encode` / `decode`.
 */
import {
  type Abi,
  type AbiFunction,
  type AbiParameter,
  decodeAbiParameters,
  encodeAbiParameters,
  encodeFunctionData,
  parseAbiParameter,
} from "viem";
import type { Hex } from "../chain/types.ts";
import { DeterministicError } from "./errors.ts";
import { coerceToParam, readEthValue, writeEthValue } from "./ethereum-values.ts";
import { TypeIndex } from "./heap.ts";
import type { ChainReadRequest, HostState } from "./state.ts";
import { hex, readEntity, writeBigInt, writeEntity } from "./values.ts";

type HostFn = (...args: never[]) => unknown;

const typesOf = (params: readonly AbiParameter[]): string => params.map(typeText).join(",");
function typeText(p: AbiParameter): string {
  if (p.type.startsWith("tuple")) return `(${typesOf("components" in p ? (p.components ?? []) : [])})${p.type.slice(5)}`;
  return p.type;
}

/** Picks the ABI function by name, and by `name(inputs):(outputs)` when overloaded. */
export function findFunction(abi: Abi, contractName: string, name: string, signature: string): AbiFunction {
  const candidates = abi.filter((x): x is AbiFunction => x.type === "function" && x.name === name);
  if (candidates.length === 0) throw new DeterministicError(`Unknown function "${contractName}::${name}" called from WASM runtime`);
  if (candidates.length === 1 || !signature) return candidates[0];
  const wanted = signature.split(":")[0];
  const match = candidates.find((f) => `${f.name}(${typesOf(f.inputs)})` === wanted);
  if (!match) throw new DeterministicError(`Unknown function "${contractName}::${signature}" called from WASM runtime`);
  return match;
}

export function chainImports(s: () => HostState): Record<string, HostFn> {
  const str = (p: number) => s().heap.readString(p);
  const entityOut = (entity: ReturnType<HostState["ctx"]["cache"]["get"]>) => (entity ? writeEntity(s().heap, [...entity]) : 0);
  return {
    "store.get": (type: number, id: number) => {
      return entityOut(s().ctx.cache.get(str(type), str(id)));
    },
    "store.get_in_block": (type: number, id: number) => {
      return entityOut(s().ctx.cache.getInBlock(str(type), str(id)));
    },
    "store.loadRelated": (type: number, id: number, field: number) => {
      const children = s().ctx.cache.loadRelated(str(type), str(id), str(field));
      const heap = s().heap;
      return heap.writePtrArray(
        children.map((c) => writeEntity(heap, [...c])),
        TypeIndex.ArrayTypedMapStringStoreValue,
      );
    },
    "store.set": (type: number, id: number, data: number) => {
      s().ctx.cache.set(str(type), str(id), readEntity(s().heap, data));
    },
    "store.remove": (type: number, id: number) => {
      s().ctx.cache.remove(str(type), str(id));
    },
    "dataSource.address": () => {
      const address = s().ctx.dataSource.address;
      return s().heap.writeBytes(Buffer.from((address ?? "0x").slice(2), "hex"));
    },
    "dataSource.network": () => s().heap.writeString(s().ctx.dataSource.network),
    "dataSource.context": () => writeEntity(s().heap, [...(s().ctx.dataSource.context ?? new Map())]),
    "dataSource.create": (name: number, params: number) => {
      s().ctx.createDataSource(str(name), s().heap.readPtrArray(params).map(str), null);
    },
    "dataSource.createWithContext": (name: number, params: number, context: number) => {
      s().ctx.createDataSource(str(name), s().heap.readPtrArray(params).map(str), readEntity(s().heap, context));
    },
    "ethereum.call": (callPtr: number) => ethereumCall(s(), callPtr),
    "ethereum.getBalance": (addressPtr: number) => {
      const balance = chainRead(s(), "balance", "ethereum.getBalance", addressPtr) as bigint;
      return writeBigInt(s().heap, balance);
    },
    "ethereum.hasCode": (addressPtr: number) => {
      const hasCode = chainRead(s(), "code", "ethereum.hasCode", addressPtr) as boolean;
      return s().heap.writeWrappedBool(hasCode);
    },
    "ethereum.encode": (valuePtr: number) => {
      try {
        const { param, value } = readEthValue(s().heap, valuePtr);
        return s().heap.writeBytes(Buffer.from(encodeAbiParameters([param], [value]).slice(2), "hex"));
      } catch (error) {
        if (error instanceof DeterministicError) throw error;
        return 0;
      }
    },
    "ethereum.decode": (typesPtr: number, dataPtr: number) => {
      const types = str(typesPtr);
      const data = hex(s().heap.readBytes(dataPtr)) as Hex;
      let param: AbiParameter;
      let value: unknown;
      try {
        param = parseAbiParameter(types) as AbiParameter;
        [value] = decodeAbiParameters([param], data);
      } catch {
        return 0;
      }
      return writeEthValue(s().heap, param, value);
    },
  };
}

/** graph-node checks the apiVersion before it reads the address; the address must be 20 bytes. */
function chainRead(state: HostState, kind: ChainReadRequest["kind"], name: string, addressPtr: number): bigint | boolean {
  const { heap, ctx } = state;
  if (!ctx.chainReads) throw new DeterministicError(`${name} call is not supported before API version 0.0.9`);
  const bytes = heap.readBytes(addressPtr);
  if (bytes.length !== 20) throw new DeterministicError(`expected array of length 20, found length ${bytes.length}`);
  return ctx.chainRead({ kind, address: hex(bytes) as Hex, blockNumber: ctx.block.number, blockHash: ctx.block.hash });
}

function ethereumCall(state: HostState, ptr: number): number {
  const { heap, ctx } = state;
  const contractName = heap.readString(heap.u32(ptr));
  const address = hex(heap.readBytes(heap.u32(ptr + 4))) as Hex;
  const functionName = heap.readString(heap.u32(ptr + 8));
  const signaturePtr = heap.u32(ptr + 12);
  const functionSignature = signaturePtr ? heap.readString(signaturePtr) : "";
  const rawArgs = heap.readPtrArray(heap.u32(ptr + 16)).map((p) => readEthValue(heap, p).value);
  const abi = ctx.dataSource.abis.get(contractName);
  if (!abi)
    throw new DeterministicError(
      `Could not find ABI for contract "${contractName}", try adding it to the 'abis' section of the subgraph manifest`,
    );
  const fn = findFunction(abi, contractName, functionName, functionSignature);
  if (rawArgs.length !== fn.inputs.length) {
    throw new DeterministicError(
      `${contractName}::${functionName} takes ${fn.inputs.length} arguments, the mapping passed ${rawArgs.length}`,
    );
  }
  const args = fn.inputs.map((input, i) => coerceToParam(input, rawArgs[i]));
  const data = encodeFunctionData({ abi: [fn], functionName: fn.name, args }) as Hex;
  const returned = ctx.ethCall({
    contractName,
    address,
    functionName,
    functionSignature,
    args,
    data,
    blockNumber: ctx.block.number,
    blockHash: ctx.block.hash,
  });
  // A revert, an empty reply and an undecodable reply all reach the mapping as null.
  if (returned === null || returned === "0x") return 0;
  let outputs: readonly unknown[];
  try {
    outputs = decodeAbiParameters(fn.outputs, returned);
  } catch {
    return 0;
  }
  const values = fn.outputs.map((p, i) => writeEthValue(heap, p, outputs[i]));
  return heap.writePtrArray(values, TypeIndex.ArrayEthereumValue);
}
