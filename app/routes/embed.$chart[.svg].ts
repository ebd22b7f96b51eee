/** `/embed/:chart.svg?collection=&theme=&width=&height=&days=&rules=`: the chart as SVG, ETag-cached. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { etagFor, loadEmbed, notModified } from "~/data/embed.server";
import { rememberEmbed } from "~/data/embed-cache.server";
import { renderSvg } from "~/data/render.server";

const rendered = new Map<string, string>();

export async function loader(args: LoaderFunctionArgs) {
  const embed = await loadEmbed(args);
  const etag = etagFor(embed.version, args.request, "svg");
  const same = notModified(args.request, etag);
  if (same) return same;
  let svg = rendered.get(etag);
  if (!svg) {
    svg = renderSvg(embed);
    if (rendered.size > 300) rendered.delete(rendered.keys().next().value as string);
    rendered.set(etag, svg);
  }
  const headers = {
    "Content-Type": "image/svg+xml; charset=utf-8",
    ETag: etag,
    "Cache-Control": "public, max-age=0, must-revalidate",
    // An SVG opened directly must not run anything even if a name slipped through.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *",
  };
  // Warehouse charts only: mining embeds follow the hour, not the data version.
  if (embed.warehouse) rememberEmbed(args.request, { version: embed.version, headers, body: svg });
  return new Response(svg, { headers });
}
