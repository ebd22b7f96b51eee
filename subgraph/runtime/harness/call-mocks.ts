/**
 * `ethereum.call` mocks for the harness, as matchstick's `createMockedFunction`: match by contract
 * address, function (name or graph-ts signature `name(uint256):(string)`) and optionally arguments;
 * answer with decoded return values (encoded here with the manifest's ABI), raw return data, or a revert.
 */
import { type Abi, encodeAbiParameters } from "viem";
import type { Hex } from "../chain/types.ts";
import { findFunction } from "../host/imports-chain.ts";
import type { EthCallRequest } from "../host/state.ts";
import type { Manifest } from "../manifest/manifest.ts";

export interface EthCallMock {
  /** Contract address (any case). */
  address: string;
  /** Function name (`tokenURI`) or graph-ts signature (`tokenURI(uint256):(string)`). */
  function: string;
  /** Only match these arguments (bigint or decimal strings for integers, 0x-hex for addresses and bytes). */
  args?: unknown[];
  /** Decoded return values, in output order. */
  returns?: unknown[];
  /** Raw ABI-encoded return data instead of `returns`. */
  returnData?: Hex;
  /** The call reverts (`try_` bindings see `reverted`). */
  reverts?: boolean;
}

const norm = (v: unknown): unknown => {
  if (typeof v === "bigint" || typeof v === "number") return v.toString();
  if (typeof v === "string") return /^-?\d+$/.test(v) ? v : v.toLowerCase();
  if (Array.isArray(v)) return v.map(norm);
  if (v && typeof v === "object") return Object.values(v).map(norm);
  return v;
};

function abiFor(manifest: Manifest, contractName: string): Abi | undefined {
  for (const ds of [...manifest.dataSources, ...manifest.templates]) {
    const abi = ds.mapping.abis.get(contractName);
    if (abi) return abi;
  }
  return undefined;
}

/** Turns a mock list into a resolver; undefined = no mock matched (falls through to RPC if any). */
export function mockResolver(mocks: EthCallMock[], manifest: Manifest, hasRpc: boolean): (call: EthCallRequest) => Hex | null | undefined {
  return (call) => {
    const mock = mocks.find((m) => {
      if (m.address.toLowerCase() !== call.address.toLowerCase()) return false;
      const byName = !m.function.includes("(");
      if (byName ? m.function !== call.functionName : m.function !== call.functionSignature) return false;
      return m.args === undefined || JSON.stringify(norm(m.args)) === JSON.stringify(norm(call.args));
    });
    if (!mock) {
      if (hasRpc) return undefined;
      return undefined;
    }
    if (mock.reverts) return null;
    if (mock.returnData) return mock.returnData;
    const abi = abiFor(manifest, call.contractName);
    if (!abi) return null;
    const fn = findFunction(abi, call.contractName, call.functionName, call.functionSignature);
    return encodeAbiParameters(fn.outputs, (mock.returns ?? []) as never) as Hex;
  };
}
