/**
 * graph-node's BigDecimal on native bigint: value = digits x 10^exp, every result normalised to at
 * most 34 significant digits (rounded half up on the magnitude, as the `bigdecimal` crate's
 * `with_prec`), trailing zeros removed, and printed in plain decimal notation.
 */
import { DeterministicError } from "./errors.ts";

export const MAX_SIGNIFICANT_DIGITS = 34;
const MIN_EXP = -6143;
const MAX_EXP = 6144;
/** Digits kept by division before normalising (the `bigdecimal` crate keeps 100). */
const DIVISION_DIGITS = 100;

export interface Decimal {
  digits: bigint;
  exp: number;
}

const abs = (n: bigint) => (n < 0n ? -n : n);
const digitCount = (n: bigint) => (n === 0n ? 1 : abs(n).toString().length);

/** Rounds to 34 significant digits and strips trailing zeros (graph-node's `normalized`). */
export function normalize(d: Decimal): Decimal {
  let { digits, exp } = d;
  if (digits === 0n) return { digits: 0n, exp: 0 };
  const count = digitCount(digits);
  if (count > MAX_SIGNIFICANT_DIGITS) {
    const drop = count - MAX_SIGNIFICANT_DIGITS;
    const p = 10n ** BigInt(drop);
    const q = abs(digits) / p;
    const r = abs(digits) % p;
    const rounded = r * 2n >= p ? q + 1n : q;
    digits = digits < 0n ? -rounded : rounded;
    exp += drop;
  }
  while (digits % 10n === 0n) {
    digits /= 10n;
    exp += 1;
  }
  return { digits, exp };
}

/** graph-node rejects BigDecimals whose exponent is outside decimal128's range. */
export function checkExponent(d: Decimal): Decimal {
  if (d.digits !== 0n && (d.exp < MIN_EXP || d.exp > MAX_EXP)) {
    throw new DeterministicError(`big decimal exponent ${d.exp} is outside the range ${MIN_EXP} to ${MAX_EXP}`);
  }
  return d;
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const exp = Math.min(a.exp, b.exp);
  return [a.digits * 10n ** BigInt(a.exp - exp), b.digits * 10n ** BigInt(b.exp - exp), exp];
}

export function add(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = align(a, b);
  return normalize({ digits: x + y, exp });
}

export function sub(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = align(a, b);
  return normalize({ digits: x - y, exp });
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return normalize({ digits: a.digits * b.digits, exp: a.exp + b.exp });
}

export function div(a: Decimal, b: Decimal): Decimal {
  if (b.digits === 0n) throw new DeterministicError("attempted to divide BigDecimal by zero");
  if (a.digits === 0n) return { digits: 0n, exp: 0 };
  // Scale the dividend so the quotient carries DIVISION_DIGITS significant digits, then normalise.
  const shift = Math.max(0, DIVISION_DIGITS - digitCount(a.digits) + digitCount(b.digits));
  const q = (a.digits * 10n ** BigInt(shift)) / b.digits;
  return normalize({ digits: q, exp: a.exp - b.exp - shift });
}

export function equals(a: Decimal, b: Decimal): boolean {
  return sub(a, b).digits === 0n;
}

/** Parses decimal text, optionally with an exponent (`1.5e-3`), as the `bigdecimal` crate does. */
export function parseDecimal(text: string): Decimal {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) throw new DeterministicError(`failed to parse BigDecimal from "${text}"`);
  const [, sign, intPart, fracPart = "", expPart = "0"] = match;
  const digits = BigInt(`${sign === "-" ? "-" : ""}${intPart}${fracPart}` || "0");
  return normalize({ digits, exp: Number(expPart) - fracPart.length });
}

/** Plain decimal notation, never exponent form (graph-node's Display of a normalised value). */
export function formatDecimal(d: Decimal): string {
  if (d.digits === 0n) return "0";
  const negative = d.digits < 0n;
  const text = abs(d.digits).toString();
  let out: string;
  if (d.exp >= 0) out = text + "0".repeat(d.exp);
  else {
    const point = text.length + d.exp;
    out = point > 0 ? `${text.slice(0, point)}.${text.slice(point)}` : `0.${"0".repeat(-point)}${text}`;
  }
  return negative ? `-${out}` : out;
}

export function fromBigInt(n: bigint): Decimal {
  return normalize({ digits: n, exp: 0 });
}
