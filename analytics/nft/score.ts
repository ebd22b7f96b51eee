/**
 * Scores the warehouse against the devnet simulator's ground truth (chain/truth.ts, files under
 * data/devnet/truth/): wash-detection precision and recall per rule (domain.md §4) and overall,
 * and valuation error (backtest MAPE against realised prices; MAPE and interval coverage against
 * the simulator's fair value). Sales are matched on (tx hash, contract, token id).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Warehouse } from "../db.ts";
import { WASH_RULE_KEYS } from "../queries/wash-sql.ts";

export class TruthFileError extends Error {
  override name = "TruthFileError";
}

const truthSaleSchema = z.object({
  tx_hash: z.string().regex(/^0x[0-9a-fA-F]+$/),
  collection: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  token_id: z.string().regex(/^\d+$/),
  gross_price_wei: z.string().regex(/^\d+$/),
  fair_value_wei: z.string().regex(/^\d*$/),
  is_wash: z.enum(["true", "false"]),
  wash_rules: z.string().regex(/^(\d(;\d)*)?$/),
});

export interface TruthSale {
  key: string;
  isWash: boolean;
  washRules: number[];
  fairValueEth: number | null;
}

const saleKey = (txHash: string, contract: string, tokenId: string) => `${txHash.toLowerCase()}/${contract.toLowerCase()}/${tokenId}`;

/** Reads `dir/sales.csv` and, when present, `dir/live_sales.csv` (the simulator's truth), validating every row. */
export function readTruthSales(dir: string): TruthSale[] {
  if (!existsSync(join(dir, "sales.csv"))) throw new TruthFileError(`no sales.csv in ${dir}`);
  const live = join(dir, "live_sales.csv");
  return [...readTruthFile(join(dir, "sales.csv")), ...(existsSync(live) ? readTruthFile(live) : [])];
}

function readTruthFile(file: string): TruthSale[] {
  const [header, ...lines] = readFileSync(file, "utf8").trimEnd().split(/\r?\n/);
  const columns = header.split(",");
  return lines
    .filter((l) => l.length > 0)
    .map((line, i) => {
      const cells = line.split(",");
      const parsed = truthSaleSchema.safeParse(Object.fromEntries(columns.map((c, k) => [c, cells[k]])));
      if (!parsed.success)
        throw new TruthFileError(`${file} line ${i + 2}: ${parsed.error.issues[0].path.join(".")} ${parsed.error.issues[0].message}`);
      const r = parsed.data;
      return {
        key: saleKey(r.tx_hash, r.collection, r.token_id),
        isWash: r.is_wash === "true",
        washRules: r.wash_rules ? r.wash_rules.split(";").map(Number) : [],
        fairValueEth: r.fair_value_wei ? Number(BigInt(r.fair_value_wei)) / 1e18 : null,
      };
    });
}

export interface RuleScore {
  rule: number | "any";
  flagged: number;
  truthPositives: number;
  truePositives: number;
  /** Share of flagged sales the simulator built to trip this rule. */
  precision: number;
  /** Share of sales built to trip this rule that were flagged by it. */
  recall: number;
  /** Share of flagged sales that are wash under any rule. */
  precisionAnyWash: number;
}

export interface ScoreReport {
  matchedSales: number;
  truthOnlySales: number;
  warehouseOnlySales: number;
  rules: RuleScore[];
  valuation: {
    collections: number;
    testSales: number;
    backtestMape: number | null;
    fairValueMape: number | null;
    fairValueCoverage: number | null;
    priceCoverage: number | null;
  };
}

/** sales_clean's rule columns in rule order: rule n is ruleColumns[n - 1] (the truth files number rules 1–7). */
const ruleColumns = WASH_RULE_KEYS;
const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);

/** Compares sales_clean and the valuation predictions with the truth rows. */
export async function scoreAgainstTruth({ warehouse, truth }: { warehouse: Warehouse; truth: TruthSale[] }): Promise<ScoreReport> {
  const rows = await warehouse.all<
    Record<string, boolean | string> & { tx_hash: string; contract_address: string; token_id: string; sale_id: string }
  >(`SELECT sale_id, tx_hash, contract_address, token_id, is_wash, ${ruleColumns.join(", ")} FROM sales_clean`);
  const truthByKey = new Map(truth.map((t) => [t.key, t]));
  const matched = rows.flatMap((r) => {
    const t = truthByKey.get(saleKey(r.tx_hash, r.contract_address, r.token_id));
    return t ? [{ row: r, truth: t }] : [];
  });
  const rules: RuleScore[] = [];
  for (const rule of [...ruleColumns.map((_, i) => i + 1), "any" as const]) {
    const flaggedBy = (r: (typeof matched)[number]["row"]) => Boolean(rule === "any" ? r.is_wash : r[ruleColumns[rule - 1]]);
    const positive = (t: TruthSale) => (rule === "any" ? t.isWash : t.washRules.includes(rule));
    const flagged = matched.filter((m) => flaggedBy(m.row));
    const truePositives = flagged.filter((m) => positive(m.truth)).length;
    const truthPositives = matched.filter((m) => positive(m.truth)).length;
    rules.push({
      rule,
      flagged: flagged.length,
      truthPositives,
      truePositives,
      precision: ratio(truePositives, flagged.length),
      recall: ratio(truePositives, truthPositives),
      precisionAnyWash: ratio(flagged.filter((m) => m.truth.isWash).length, flagged.length),
    });
  }
  const predictions = await warehouse.all<{
    sale_id: string;
    price_eth: number;
    estimate_eth: number;
    lower_eth: number | null;
    upper_eth: number | null;
  }>("SELECT sale_id, price_eth, estimate_eth, lower_eth, upper_eth FROM valuation_predictions WHERE split = 'test'");
  const truthBySale = new Map(matched.map((m) => [m.row.sale_id, m.truth]));
  const withFair = predictions.flatMap((p) => {
    const fair = truthBySale.get(p.sale_id)?.fairValueEth;
    return fair ? [{ ...p, fair }] : [];
  });
  const [models] = await warehouse.all<{ collections: string; mape: number | null }>(
    "SELECT count(*) AS collections, sum(backtest_mape * test_sales) / nullif(sum(test_sales), 0) AS mape FROM valuation_models",
  );
  const inside = (x: number, lo: number | null, hi: number | null) => lo !== null && hi !== null && x >= lo && x <= hi;
  return {
    matchedSales: matched.length,
    truthOnlySales: truth.length - matched.length,
    warehouseOnlySales: rows.length - matched.length,
    rules,
    valuation: {
      collections: Number(models?.collections ?? 0),
      testSales: predictions.length,
      backtestMape: models?.mape ?? null,
      fairValueMape: withFair.length
        ? withFair.reduce((s, p) => s + Math.abs(p.estimate_eth - p.fair) / p.fair, 0) / withFair.length
        : null,
      fairValueCoverage: withFair.length ? withFair.filter((p) => inside(p.fair, p.lower_eth, p.upper_eth)).length / withFair.length : null,
      priceCoverage: predictions.length
        ? predictions.filter((p) => inside(p.price_eth, p.lower_eth, p.upper_eth)).length / predictions.length
        : null,
    },
  };
}

/** The report as the lines `hashfloor score` prints. */
export function formatScoreReport(report: ScoreReport): string[] {
  const pct = (x: number | null) => (x === null || Number.isNaN(x) ? "—" : `${(x * 100).toFixed(1)}%`);
  const lines = [
    `sales matched to truth: ${report.matchedSales} (truth only: ${report.truthOnlySales}, warehouse only: ${report.warehouseOnlySales})`,
    "wash rule   flagged  planted  hit   precision  recall  flagged-that-are-wash",
  ];
  for (const r of report.rules) {
    lines.push(
      `${String(r.rule).padEnd(10)} ${String(r.flagged).padStart(8)} ${String(r.truthPositives).padStart(8)} ${String(r.truePositives).padStart(5)} ${pct(r.precision).padStart(10)} ${pct(r.recall).padStart(7)} ${pct(r.precisionAnyWash).padStart(10)}`,
    );
  }
  const v = report.valuation;
  lines.push(
    `valuation: ${v.collections} collections, ${v.testSales} backtest sales; MAPE vs price ${pct(v.backtestMape)}, vs fair value ${pct(v.fairValueMape)}; interval coverage of fair value ${pct(v.fairValueCoverage)}, of price ${pct(v.priceCoverage)}`,
  );
  return lines;
}

/**
 * The bars a devnet run must clear (chosen from the measured run: seed 1, 30 days, recall 100% on
 * every planted rule, 88.9% precision, fair-value MAPE 10.2%, price coverage 78.2% at 80% nominal):
 * recall ≥ 0.9 on every planted rule, overall precision ≥ 0.85, fair-value MAPE ≤ 0.15, price
 * interval coverage within 0.7–0.9. Returns the failures (empty when all pass).
 */
export function scoreThresholdFailures(report: ScoreReport): string[] {
  const failures: string[] = [];
  for (const r of report.rules) {
    if (r.truthPositives > 0 && r.recall < 0.9) failures.push(`rule ${r.rule}: recall ${r.recall.toFixed(3)} < 0.9`);
  }
  const any = report.rules.find((r) => r.rule === "any");
  if (any && !(any.precision >= 0.85)) failures.push(`wash precision ${any.precision.toFixed(3)} < 0.85`);
  const v = report.valuation;
  if (v.fairValueMape === null || v.fairValueMape > 0.15) failures.push(`valuation MAPE vs fair value ${v.fairValueMape} > 0.15`);
  if (v.priceCoverage === null || v.priceCoverage < 0.7 || v.priceCoverage > 0.9)
    failures.push(`interval coverage of price ${v.priceCoverage} outside 0.7–0.9`);
  return failures;
}
