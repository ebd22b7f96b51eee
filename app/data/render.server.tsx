/** Chart → standalone SVG text and PNG bytes (resvg, a Rust rasteriser from npm; no browser). */
import { renderToStaticMarkup } from "react-dom/server";
import { paletteFor } from "../components/charts/palette";
import { CHARTS } from "../lib/chart-specs";
import { WASH_RULES } from "../lib/wash-rules";
import { type EmbedRequest, parseRules } from "./embed.server";

/** The chart as a self-contained SVG document with concrete colours. */
export function renderSvg(e: EmbedRequest): string {
  const theme = e.query.theme === "auto" ? "light" : e.query.theme;
  const chart = CHARTS[e.chart].render(e.rows, {
    width: e.query.width,
    height: e.query.height,
    palette: paletteFor(theme, true),
    title: CHARTS[e.chart].title(e.subject),
    enabledRules: parseRules(
      e.query.rules,
      WASH_RULES.map((r) => r.key),
    ),
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderToStaticMarkup(chart.svg)}`;
}

/** Rasterises SVG text at 2× for sharp PNG embeds. */
export async function svgToPng(svg: string, width: number): Promise<Buffer> {
  const { Resvg } = await import("@resvg/resvg-js");
  const r = new Resvg(svg, {
    fitTo: { mode: "width", value: width * 2 },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  });
  return r.render().asPng();
}
