/** `/export/:chart.csv?collection=&days=`: the rows behind a chart, methodology stamped, ETag-cached. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { etagFor, loadEmbed, notModified } from "~/data/embed.server";
import { METHODOLOGY_VERSION, toCsv } from "~/data/export.server";

export async function loader(args: LoaderFunctionArgs) {
  const embed = await loadEmbed(args);
  const etag = etagFor(embed.version, args.request, "csv");
  const same = notModified(args.request, etag);
  if (same) return same;
  const name = `hashfloor-${embed.chart}${embed.address ? `-${embed.address}` : ""}${embed.tokenId === undefined ? "" : `-${embed.tokenId}`}-${METHODOLOGY_VERSION}.csv`;
  return new Response(toCsv(embed.rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      ETag: etag,
      "Cache-Control": "public, max-age=0, must-revalidate",
      "X-Hashfloor-Methodology": METHODOLOGY_VERSION,
    },
  });
}
