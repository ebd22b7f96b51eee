/**
 * Parsing and formatting of the units people type: hashrates with a unit ("200TH", "3.68 GH/s"),
 * growth rates with a period ("2%/retarget", "1.5%/month"), percentages.
 */

/** Thrown for input a person typed wrong; the message is one line naming the field with an accepted example. */
export class MiningInputError extends Error {
  override name = "MiningInputError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const hashUnits: Record<string, number> = { h: 1, kh: 1e3, mh: 1e6, gh: 1e9, th: 1e12, ph: 1e15, eh: 1e18 };

/** "200TH", "200 TH/s", "3.68GH" → hashes per second. A bare number is refused: its unit would be a guess. */
export function parseHashrateHps(text: string, field = "hashrate"): number {
  const m = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*([kmgtpe]?h)(?:\/s)?\s*$/i.exec(text);
  if (!m) {
    const hint = /^\s*[\d.]+\s*$/.test(text) ? "has no unit" : "is not a hashrate";
    throw new MiningInputError(field, `${field} "${text}" ${hint}; give a number with H, KH, MH, GH, TH, PH or EH, e.g. --${field} 200TH`);
  }
  const value = Number(m[1]) * hashUnits[m[2].toLowerCase()];
  if (!(value > 0)) throw new MiningInputError(field, `${field} must be more than 0, e.g. --${field} 200TH`);
  return value;
}

/** 2e14 → "200 TH/s". */
export function formatHashrate(hps: number): string {
  const units: [string, number][] = [
    ["EH/s", 1e18],
    ["PH/s", 1e15],
    ["TH/s", 1e12],
    ["GH/s", 1e9],
    ["MH/s", 1e6],
    ["kH/s", 1e3],
  ];
  for (const [unit, size] of units) if (hps >= size) return `${Number((hps / size).toPrecision(4))} ${unit}`;
  return `${hps} H/s`;
}

export type GrowthPeriod = "retarget" | "day" | "month" | "year";
const daysPer: Record<Exclude<GrowthPeriod, "retarget">, number> = { day: 1, month: 30.436875, year: 365.2425 };

/** "2%/retarget" → { percent: 2, period: "retarget" }; "0" → 0 %/day. */
export function parseGrowth(text: string, field: string): { percent: number; period: GrowthPeriod } {
  if (/^\s*-?0+(\.0+)?\s*%?\s*$/.test(text)) return { percent: 0, period: "day" };
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*%\s*\/\s*(retarget|day|month|year)\s*$/i.exec(text);
  if (!m)
    throw new MiningInputError(
      field,
      `${field} "${text}" is not a rate; give a percentage per retarget, day, month or year, e.g. --${field} 2%/retarget`,
    );
  const percent = Number(m[1]);
  if (percent <= -100) throw new MiningInputError(field, `${field} must be above -100%, e.g. --${field} 2%/retarget`);
  return { percent, period: m[2].toLowerCase() as GrowthPeriod };
}

/** Converts a growth rate to compound growth per day; `retargetDays` is the coin's retarget length in days. */
export function growthPerDay({ percent, period }: { percent: number; period: GrowthPeriod }, retargetDays: number): number {
  const days = period === "retarget" ? retargetDays : daysPer[period];
  return (1 + percent / 100) ** (1 / days) - 1;
}

/** Compound growth per day → growth per `days` days, as a percentage. */
export function growthPercentOver(perDay: number, days: number): number {
  return ((1 + perDay) ** days - 1) * 100;
}
