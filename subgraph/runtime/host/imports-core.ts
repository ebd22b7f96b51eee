/**
 * Pure host functions: `abort`, `bigInt.*`, `bigDecimal.*`, `typeConversion.*`, `crypto.keccak256`,
 * `log.log`, with graph-node's error cases (division by zero, u8 exponents, critical logs).
 */
import { keccak256 } from "viem";
import * as dec from "./bigdecimal.ts";
import { DeterministicError } from "./errors.ts";
import type { HostState } from "./state.ts";
import { checkBigInt, fromHex, hex, readBigDecimal, readBigInt, writeBigDecimal, writeBigInt } from "./values.ts";

type HostFn = (...args: never[]) => unknown;

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

function base58(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = "";
  while (n > 0n) {
    out = BASE58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = `1${out}`;
  }
  return out;
}

function u8Arg(name: string, value: number): bigint {
  if (value < 0 || value > 255) throw new DeterministicError(`${name} must fit in a u8, got ${value}`);
  return BigInt(value);
}

export function coreImports(s: () => HostState): Record<string, HostFn> {
  const big = (p: number) => readBigInt(s().heap, p);
  const outBig = (n: bigint) => writeBigInt(s().heap, checkBigInt(n));
  const decimal = (p: number) => readBigDecimal(s().heap, p);
  const outDec = (d: dec.Decimal) => writeBigDecimal(s().heap, dec.checkExponent(d));
  const str = (p: number) => s().heap.readString(p);
  const outStr = (text: string) => s().heap.writeString(text);
  return {
    abort(msg: number, file: number, line: number, column: number) {
      const message = msg ? str(msg) : "(no message)";
      const where = file ? str(file) : "(unknown file)";
      throw new DeterministicError(`Mapping aborted at ${where}, line ${line}, column ${column}, with message: ${message}`);
    },
    "bigInt.plus": (x: number, y: number) => outBig(big(x) + big(y)),
    "bigInt.minus": (x: number, y: number) => outBig(big(x) - big(y)),
    "bigInt.times": (x: number, y: number) => outBig(big(x) * big(y)),
    "bigInt.dividedBy": (x: number, y: number) => {
      const d = big(y);
      if (d === 0n) throw new DeterministicError("attempted to divide BigInt by zero");
      return outBig(big(x) / d);
    },
    "bigInt.mod": (x: number, y: number) => {
      const d = big(y);
      if (d === 0n) throw new DeterministicError("attempted to calculate the remainder of a BigInt division by zero");
      return outBig(big(x) % d);
    },
    "bigInt.dividedByDecimal": (x: number, y: number) => outDec(dec.div(dec.fromBigInt(big(x)), decimal(y))),
    "bigInt.pow": (x: number, exp: number) => outBig(big(x) ** u8Arg("exponent", exp)),
    "bigInt.fromString": (p: number) => {
      const text = str(p);
      if (!/^[+-]?\d+$/.test(text)) throw new DeterministicError(`failed to parse BigInt from "${text}"`);
      return outBig(BigInt(text));
    },
    "bigInt.bitOr": (x: number, y: number) => outBig(big(x) | big(y)),
    "bigInt.bitAnd": (x: number, y: number) => outBig(big(x) & big(y)),
    "bigInt.leftShift": (x: number, bits: number) => outBig(big(x) << u8Arg("shift", bits)),
    "bigInt.rightShift": (x: number, bits: number) => outBig(big(x) >> u8Arg("shift", bits)),
    "bigDecimal.plus": (x: number, y: number) => outDec(dec.add(decimal(x), decimal(y))),
    "bigDecimal.minus": (x: number, y: number) => outDec(dec.sub(decimal(x), decimal(y))),
    "bigDecimal.times": (x: number, y: number) => outDec(dec.mul(decimal(x), decimal(y))),
    "bigDecimal.dividedBy": (x: number, y: number) => outDec(dec.div(decimal(x), decimal(y))),
    "bigDecimal.equals": (x: number, y: number) => (dec.equals(decimal(x), decimal(y)) ? 1 : 0),
    "bigDecimal.toString": (x: number) => outStr(dec.formatDecimal(decimal(x))),
    "bigDecimal.fromString": (p: number) => outDec(dec.parseDecimal(str(p))),
    "typeConversion.bytesToString": (p: number) =>
      outStr(
        Buffer.from(s().heap.readBytes(p))
          .toString("utf8")
          .replace(new RegExp(`${String.fromCharCode(0)}+$`), ""),
      ),
    "typeConversion.bytesToHex": (p: number) => outStr(hex(s().heap.readBytes(p))),
    "typeConversion.bigIntToString": (p: number) => outStr(big(p).toString()),
    "typeConversion.bigIntToHex": (p: number) => {
      const n = big(p);
      return outStr(n < 0n ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`);
    },
    "typeConversion.stringToH160": (p: number) => {
      const text = str(p);
      const body = text.startsWith("0x") ? text.slice(2) : text;
      if (!/^[0-9a-fA-F]{40}$/.test(body)) throw new DeterministicError(`Failed to convert string to Address/H160: '${text}'`);
      return s().heap.writeBytes(fromHex(body));
    },
    "typeConversion.bytesToBase58": (p: number) => outStr(base58(s().heap.readBytes(p))),
    "crypto.keccak256": (p: number) => s().heap.writeBytes(keccak256(s().heap.readBytes(p), "bytes")),
    "log.log": (level: number, msg: number) => {
      const message = str(msg);
      if (level === 0) throw new DeterministicError(`Critical error logged in mapping with log message: ${message}`);
      s().ctx.log(level, message);
    },
  };
}

/** Host functions graph-node links but a local runtime deliberately refuses (deterministic error when called). */
export const REFUSED_IMPORTS = [
  "ipfs.cat",
  "ipfs.getBlock",
  "ipfs.map",
  "ens.nameByHash",
  "arweave.transactionData",
  "box.profile",
  "yaml.fromBytes",
  "yaml.try_fromBytes",
];
