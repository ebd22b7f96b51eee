/**
 * SVG snapshots of every chart from fixed data: no current time, UTC everywhere (the charts format
 * with d3's utc* functions, so the machine's zone must not matter; TZ is set to a far one to prove it).
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CHART_IDS, CHARTS, type ChartRows } from "~/lib/chart-specs";
import { DARK, LIGHT } from "./palette";

process.env.TZ = "Pacific/Chatham";

const days = (n: number) => Array.from({ length: n }, (_, i) => `2026-03-${String(i + 1).padStart(2, "0")}`);
const FIXED: Record<(typeof CHART_IDS)[number], ChartRows> = {
  floors: days(8).map((day, i) => ({
    day,
    saleFloorEth: 1 + i * 0.05,
    adaptiveFloorEth: i === 0 ? null : 1.1 + i * 0.04,
    twapFloorEth: i === 0 ? null : 1.08 + i * 0.04,
    calibratedFloorEth: null,
    bandLowEth: i === 0 ? null : 1.08 + i * 0.04,
    bandHighEth: i === 0 ? null : 1.1 + i * 0.04,
  })),
  volume: days(6).map((day, i) => ({ day, cleanVolumeEth: 10 + i, washVolumeEth: i % 2 ? 3 : 0, sales: 5 + i })),
  sales: days(6).map((day, i) => ({
    saleId: `s${i}`,
    time: `${day}T12:00:00Z`,
    tokenId: String(i + 1),
    priceEth: 1 + i / 10,
    rules: i === 2 ? ["rule1_self_trade"] : [],
  })),
  rarity: [0, 1, 2, 3].map((b) => ({ scoreFrom: b / 4, scoreTo: (b + 1) / 4, tokens: 10 - b * 2 })),
  waterfall: [
    { step: "floor", label: "calibrated floor", valueBeforeEth: 0, valueAfterEth: 1.2, deltaEth: 1.2 },
    { step: "base", label: "base (no trait premium)", valueBeforeEth: 1.2, valueAfterEth: 1.1, deltaEth: -0.1 },
    { step: "trait", label: "Palette: Gold", valueBeforeEth: 1.1, valueAfterEth: 1.6, deltaEth: 0.5 },
    { step: "trait", label: "Shape: Loop", valueBeforeEth: 1.6, valueAfterEth: 1.5, deltaEth: -0.1 },
  ],
  basefee: days(5).map((day, i) => ({ time: `${day}T00:00:00Z`, baseFeeGwei: 10 + Math.sin(i) * 3 })),
  heatmap: [0, 1].flatMap((d) => [0, 1, 2].map((h) => ({ dayOfWeek: d, hour: h, avgBaseFeeGwei: 5 + d + h }))),
  payback: days(4).map((day, i) => ({ day, netPositionUsd: -3500 + i * 900, naiveNetPositionUsd: -3500 + i * 1000 })),
  backtest: days(4).map((day, i) => ({ day, profitUsd: 20 - i, cumulativeProfitUsd: 20 * (i + 1), netPositionUsd: -3500 + 20 * (i + 1) })),
  sensitivity: [0.05, 0.1].flatMap((p) =>
    [50000, 100000].map((c) => ({ powerUsdPerKwh: p, coinPriceUsd: c, profitUsdPerDay: c / 10000 - p * 84 })),
  ),
};

describe("charts render deterministic SVG", () => {
  it.each(CHART_IDS.map((id) => [id]))("%s (light and dark)", (id) => {
    const spec = CHARTS[id];
    const light = renderToStaticMarkup(
      spec.render(FIXED[id], { width: 480, height: 240, palette: LIGHT, title: spec.title("Fixture") }).svg,
    );
    const dark = renderToStaticMarkup(spec.render(FIXED[id], { width: 480, height: 240, palette: DARK, title: spec.title("Fixture") }).svg);
    expect(light).toMatch(/^<svg [^>]*role="img"/);
    expect(light).toContain(`<title>${spec.title("Fixture").replace(/&/g, "&amp;")}</title>`);
    expect(dark).toContain(DARK.background);
    expect(light).toMatchSnapshot();
  });

  it("the scatter marks exactly the sales tripping an enabled rule", () => {
    const render = (rules: string[]) =>
      renderToStaticMarkup(
        CHARTS.sales.render(FIXED.sales, { width: 480, height: 240, palette: LIGHT, title: "t", enabledRules: new Set(rules) }).svg,
      );
    expect(render(["rule1_self_trade"])).toContain('data-wash-count="1"');
    expect(render([])).toContain('data-wash-count="0"');
  });

  it("the waterfall draws one bar per step from its value before to its value after, falls in the warning colour", () => {
    const chart = CHARTS.waterfall.render(FIXED.waterfall, { width: 480, height: 240, palette: LIGHT, title: "t" });
    expect(chart.points.map((p) => p.lines[0])).toEqual(FIXED.waterfall.map((r) => r.label));
    const svg = renderToStaticMarkup(chart.svg);
    const fills = [...svg.matchAll(/<rect x="[^"]+" width="[^"]+" y="[^"]+" height="[^"]+" fill="([^"]+)"/g)].map((m) => m[1]);
    expect(fills).toEqual([LIGHT.series[0], LIGHT.wash, LIGHT.series[0], LIGHT.wash]);
    expect(chart.points[2].lines).toEqual(["Palette: Gold", "+0.500 ETH", "→ 1.600 ETH"]);
  });

  it("a brush x maps back into the data range and hit points carry tooltips", () => {
    const chart = CHARTS.basefee.render(FIXED.basefee, { width: 480, height: 240, palette: LIGHT, title: "t" });
    const t = chart.invertX((chart.plot.left + chart.plot.right) / 2);
    expect(t).toBe(Date.parse("2026-03-03T00:00:00Z"));
    expect(chart.points).toHaveLength(5);
    expect(chart.points[0].lines[0]).toBe("2026-03-01 00:00 UTC");
  });

  it("hostile text in a title is escaped, never markup", () => {
    const svg = renderToStaticMarkup(
      CHARTS.volume.render(FIXED.volume, { width: 480, height: 240, palette: LIGHT, title: '<script>alert("x")</script>' }).svg,
    );
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
  });
});
