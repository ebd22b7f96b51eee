/**
 * graph-node's BigDecimal text (34 significant digits, no trailing zeros, plain notation) and an
 * order-preserving text key for BigInt/BigDecimal columns, so SQLite can compare and sort them with
 * plain string comparison.
 */

/** value = sign × digits × 10^exp; digits has no leading zeros ("" for zero). */
interface Decimal {
  negative: boolean;
  digits: string;
  exp: number;
}

/** Raised for text that is not a decimal number. */
export class DecimalParseError extends Error {
  override name = "DecimalParseError";
}

const MAX_SIGNIFICANT_DIGITS = 34;
const decimalPattern = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function parseDecimal(text: string): Decimal {
  const m = decimalPattern.exec(text.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new DecimalParseError(`invalid BigDecimal: ${text}`);
  const frac = m[3] ?? "";
  let digits = `${m[2]}${frac}`.replace(/^0+/, "");
  let exp = Number(m[4] ?? "0") - frac.length;
  const stripped = digits.replace(/0+$/, "");
  exp += digits.length - stripped.length;
  digits = stripped;
  return digits === "" ? { negative: false, digits: "", exp: 0 } : { negative: m[1] === "-", digits, exp };
}

/** Round to 34 significant digits, half to even, as graph-node's normalisation. */
function roundSignificant(d: Decimal): Decimal {
  if (d.digits.length <= MAX_SIGNIFICANT_DIGITS) return d;
  const drop = d.digits.length - MAX_SIGNIFICANT_DIGITS;
  let kept = BigInt(d.digits.slice(0, MAX_SIGNIFICANT_DIGITS));
  const rest = d.digits.slice(MAX_SIGNIFICANT_DIGITS);
  const half = `5${"0".repeat(rest.length - 1)}`;
  if (rest > half || (rest === half && kept % 2n === 1n)) kept += 1n;
  const digits = kept.toString();
  const stripped = digits.replace(/0+$/, "");
  return { negative: d.negative, digits: stripped, exp: d.exp + drop + digits.length - stripped.length };
}

function toPlain(d: Decimal): string {
  if (d.digits === "") return "0";
  const sign = d.negative ? "-" : "";
  if (d.exp >= 0) return `${sign}${d.digits}${"0".repeat(d.exp)}`;
  const point = d.digits.length + d.exp;
  if (point > 0) return `${sign}${d.digits.slice(0, point)}.${d.digits.slice(point)}`;
  return `${sign}0.${"0".repeat(-point)}${d.digits}`;
}

/** graph-node's normalised text of a BigDecimal (e.g. "1.50" → "1.5", "1e3" → "1000"). */
export function normalizeBigDecimal(text: string): string {
  return toPlain(roundSignificant(parseDecimal(text)));
}

function keyOf(d: Decimal): string {
  if (d.digits === "") return "1";
  // Position of the leading digit, offset so it is never negative within graph-node's limits.
  const lead = d.exp + d.digits.length - 1 + 500000;
  if (!d.negative) return `2${String(lead).padStart(7, "0")}${d.digits}`;
  const complement = d.digits.replace(/\d/g, (c) => String(9 - Number(c)));
  return `0${String(9999999 - lead).padStart(7, "0")}${complement}~`;
}

/** Order-preserving key of a BigDecimal's text. */
export function bigDecimalKey(text: string): string {
  return keyOf(roundSignificant(parseDecimal(text)));
}

/** Order-preserving key of a BigInt. */
export function bigIntKey(value: bigint): string {
  return keyOf(parseDecimal(value.toString()));
}

/** Exact sum of two BigDecimal texts, normalised. */
export function addBigDecimal(a: string, b: string): string {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const exp = Math.min(x.exp, y.exp);
  const scaled = (d: Decimal) => (d.digits === "" ? 0n : (d.negative ? -1n : 1n) * BigInt(d.digits) * 10n ** BigInt(d.exp - exp));
  const sum = scaled(x) + scaled(y);
  return normalizeBigDecimal(`${sum.toString()}e${exp}`);
}

/** Compare two BigDecimal texts (-1, 0, 1). */
export function compareBigDecimal(a: string, b: string): number {
  const ka = bigDecimalKey(a);
  const kb = bigDecimalKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
