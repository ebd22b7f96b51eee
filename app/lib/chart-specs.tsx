/**
 * Every chart the app can show or embed: its id, title, whether it needs a collection, and how its
 * rows (as the loader sends them) become a RenderedChart. Shared by pages (client and server),
 * embeds (HTML, SVG, PNG) and exports, so one chart looks the same everywhere.
 */
import { barChart } from "~/components/charts/bars";
import { heatmapChart } from "~/components/charts/heatmap";
import { lineChart } from "~/components/charts/line";
import { scatterChart } from "~/components/charts/scatter";
import type { ChartOptions, RenderedChart } from "~/components/charts/types";
import { waterfallChart } from "~/components/charts/waterfall";
import { WASH_RULES } from "./wash-rules";

export const CHART_IDS = [
  "floors",
  "volume",
  "sales",
  "rarity",
  "waterfall",
  "basefee",
  "heatmap",
  "payback",
  "sensitivity",
  "backtest",
] as const;
/**
 * Charts computed by the mining model from the query string; payback and sensitivity need no
 * warehouse, the backtest also reads its loaded history.
 */
export const MINING_CHARTS: ReadonlySet<string> = new Set(["payback", "sensitivity", "backtest"]);
export type ChartId = (typeof CHART_IDS)[number];

/** Rows per chart, as JSON (what the data layer returns and exports write). */
export type ChartRows = Record<string, string | number | null | string[]>[];

/** The floor methods the floors chart can show (a method switch picks a subset). */
export const FLOOR_METHODS = [
  { key: "sale", column: "saleFloorEth", label: "sale floor 7 d" },
  { key: "adaptive", column: "adaptiveFloorEth", label: "adaptive percentile" },
  { key: "twap", column: "twapFloorEth", label: "TWAP 24 h" },
  { key: "calibrated", column: "calibratedFloorEth", label: "calibrated" },
] as const;
const FLOOR_METHODS_ALL: ReadonlySet<string> = new Set(FLOOR_METHODS.map((m) => m.key));

interface Spec {
  title: (subject: string) => string;
  needsCollection: boolean;
  /** Needs `token=` too (one piece of the collection). */
  needsToken?: boolean;
  render(rows: ChartRows, o: ChartOptions & { enabledRules?: ReadonlySet<string>; methods?: ReadonlySet<string> }): RenderedChart;
}

const ms = (day: string) => Date.parse(day.length === 10 ? `${day}T00:00:00Z` : day);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
export const ALL_RULES: ReadonlySet<string> = new Set(WASH_RULES.map((r) => r.key));

export const CHARTS: Record<ChartId, Spec> = {
  floors: {
    title: (s) => `${s}: floors (ETH)`,
    needsCollection: true,
    render: (rows, o) => {
      const methods = o.methods ?? FLOOR_METHODS_ALL;
      const series = FLOOR_METHODS.filter((m) => methods.has(m.key) && rows.some((r) => r[m.column] !== null)).map((m) => ({
        name: m.label,
        values: rows.map((r) => num(r[m.column])),
      }));
      const twapBand = rows.some((r) => r.twapFloorEth !== null);
      return lineChart(
        {
          timesMs: rows.map((r) => ms(String(r.day))),
          series,
          band: {
            name: twapBand ? "TWAP band" : "P25–P75 clean",
            low: rows.map((r) => num(r.bandLowEth)),
            high: rows.map((r) => num(r.bandHighEth)),
          },
          unit: "ETH",
        },
        o,
      );
    },
  },
  volume: {
    title: (s) => `${s}: daily volume (ETH)`,
    needsCollection: true,
    render: (rows, o) =>
      barChart(
        {
          labels: rows.map((r) => String(r.day)),
          stacks: [
            { name: "clean", values: rows.map((r) => Number(r.cleanVolumeEth)), color: "clean" },
            { name: "wash", values: rows.map((r) => Number(r.washVolumeEth)), color: "wash" },
          ],
          unit: "ETH",
        },
        o,
      ),
  },
  sales: {
    title: (s) => `${s}: sales, wash trades marked`,
    needsCollection: true,
    render: (rows, o) =>
      scatterChart(
        {
          points: rows.map((r) => ({
            timeMs: ms(String(r.time)),
            value: Number(r.priceEth),
            label: `#${r.tokenId}`,
            rules: (r.rules as string[]) ?? [],
          })),
          unit: "ETH",
          reasons: Object.fromEntries(WASH_RULES.map((r) => [r.key, `${r.label} (${r.reason})`])),
        },
        { ...o, enabledRules: o.enabledRules ?? ALL_RULES },
      ),
  },
  rarity: {
    title: (s) => `${s}: rarity score distribution`,
    needsCollection: true,
    render: (rows, o) =>
      barChart(
        {
          labels: rows.map((r) => `${Number(r.scoreFrom).toFixed(2)}–${Number(r.scoreTo).toFixed(2)}`),
          stacks: [{ name: "tokens", values: rows.map((r) => Number(r.tokens)), color: "series" }],
          unit: "tokens",
        },
        o,
      ),
  },
  waterfall: {
    // The subject names the piece: "Collection #42".
    title: (s) => `${s}: valuation, floor → trait premiums (ETH)`,
    needsCollection: true,
    needsToken: true,
    render: (rows, o) =>
      waterfallChart(
        {
          steps: rows.map((r) => ({
            label: String(r.label),
            valueBeforeEth: Number(r.valueBeforeEth),
            valueAfterEth: Number(r.valueAfterEth),
            deltaEth: Number(r.deltaEth),
          })),
          unit: "ETH",
        },
        o,
      ),
  },
  basefee: {
    title: () => "Base fee per gas (gwei)",
    needsCollection: false,
    render: (rows, o) =>
      lineChart(
        {
          timesMs: rows.map((r) => ms(String(r.time))),
          series: [{ name: "base fee", values: rows.map((r) => num(r.baseFeeGwei)) }],
          unit: "gwei",
        },
        o,
      ),
  },
  heatmap: {
    title: () => "Average base fee by hour of week (gwei, UTC)",
    needsCollection: false,
    render: (rows, o) =>
      heatmapChart(
        {
          cells: rows.map((r) => ({ row: Number(r.dayOfWeek), col: Number(r.hour), value: Number(r.avgBaseFeeGwei) })),
          rowLabels: DAYS,
          colLabels: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0")),
          colSuffix: ":00 UTC",
          unit: "gwei average (UTC)",
        },
        o,
      ),
  },
  payback: {
    title: () => "Mining payback: net position (USD)",
    needsCollection: false,
    render: (rows, o) =>
      lineChart(
        {
          timesMs: rows.map((r) => ms(String(r.day))),
          series: [
            { name: "with difficulty growth", values: rows.map((r) => num(r.netPositionUsd)) },
            { name: "naive (today's profit forever)", values: rows.map((r) => num(r.naiveNetPositionUsd)) },
          ],
          unit: "USD",
        },
        o,
      ),
  },
  backtest: {
    title: () => "Mining backtest on loaded history: net position (USD)",
    needsCollection: false,
    render: (rows, o) =>
      lineChart(
        {
          timesMs: rows.map((r) => ms(String(r.day))),
          // Daily profit (in the rows and exports) is drawn only through its sum: on the net
          // position's scale it would be a flat line at zero.
          series: [{ name: "net position (cumulative profit − hardware cost)", values: rows.map((r) => num(r.netPositionUsd)) }],
          unit: "USD",
        },
        o,
      ),
  },
  sensitivity: {
    title: () => "Mining profit per day (USD) by power price and coin price",
    needsCollection: false,
    render: (rows, o) => {
      const powers = [...new Set(rows.map((r) => Number(r.powerUsdPerKwh)))];
      const prices = [...new Set(rows.map((r) => Number(r.coinPriceUsd)))];
      return heatmapChart(
        {
          cells: rows.map((r) => ({
            row: powers.indexOf(Number(r.powerUsdPerKwh)),
            col: prices.indexOf(Number(r.coinPriceUsd)),
            value: Number(r.profitUsdPerDay),
          })),
          rowLabels: powers.map((p) => `$${p.toFixed(2)}`),
          colLabels: prices.map((p) => `$${Math.round(p).toLocaleString("en-US")}`),
          unit: "USD/day",
        },
        o,
      );
    },
  },
};

export function isChartId(s: string): s is ChartId {
  return (CHART_IDS as readonly string[]).includes(s);
}
