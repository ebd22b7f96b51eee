/** Display formatting at the edge: numbers arrive in their unit (ETH, gwei, USD) as named. */

// Formatters are built once: toLocaleString constructs a new Intl formatter on every call.
const ethFormats = new Map<number, Intl.NumberFormat>();
const ethFormat = (digits: number) => {
  const known = ethFormats.get(digits);
  if (known) return known;
  const made = new Intl.NumberFormat("en-US", { maximumFractionDigits: digits });
  ethFormats.set(digits, made);
  return made;
};
const USD = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 2 });
export function eth(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  if (v !== 0 && Math.abs(v) < 10 ** -digits) return `${v.toExponential(2)} ETH`;
  return `${ethFormat(digits).format(v)} ETH`;
}

export function usd(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return USD.format(v);
}

export function gwei(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return `${ethFormat(v < 10 ? 3 : 1).format(v)} gwei`;
}

export function pct(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return `${v.toFixed(digits)}%`;
}

export function shortAddress(a: string | null | undefined): string {
  if (!a) return "—";
  return `${a.slice(0, 6)}…${a.slice(-4)}`;
}
