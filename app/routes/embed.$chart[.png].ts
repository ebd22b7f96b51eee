/** `/embed/:chart.png?…`: the SVG embed rasterised (2× width), ETag-cached. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { etagFor, loadEmbed, notModified } from "~/data/embed.server";
import { rememberEmbed } from "~/data/embed-cache.server";
import { renderSvg, svgToPng } from "~/data/render.server";

const rendered = new Map<string, Buffer>();

export async function loader(args: LoaderFunctionArgs) {
  const embed = await loadEmbed(args);
  const etag = etagFor(embed.version, args.request, "png");
  const same = notModified(args.request, etag);
  if (same) return same;
  let png = rendered.get(etag);
  if (!png) {
    png = await svgToPng(renderSvg(embed), embed.query.width);
    if (rendered.size > 100) rendered.delete(rendered.keys().next().value as string);
    rendered.set(etag, png);
  }
  const headers = { "Content-Type": "image/png", ETag: etag, "Cache-Control": "public, max-age=0, must-revalidate" };
  // Warehouse charts only: mining embeds follow the hour, not the data version.
  if (embed.warehouse) rememberEmbed(args.request, { version: embed.version, headers, body: new Uint8Array(png) });
  return new Response(new Uint8Array(png), { headers });
}
