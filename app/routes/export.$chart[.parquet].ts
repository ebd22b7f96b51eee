/** `/export/:chart.parquet?…`: the same rows as Parquet (methodology version in the file's key/value metadata). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { etagFor, loadEmbed, notModified } from "~/data/embed.server";
import { METHODOLOGY_VERSION, toParquet } from "~/data/export.server";

export async function loader(args: LoaderFunctionArgs) {
  const embed = await loadEmbed(args);
  const etag = etagFor(embed.version, args.request, "parquet");
  const same = notModified(args.request, etag);
  if (same) return same;
  const name = `hashfloor-${embed.chart}${embed.address ? `-${embed.address}` : ""}${embed.tokenId === undefined ? "" : `-${embed.tokenId}`}-${METHODOLOGY_VERSION}.parquet`;
  return new Response(new Uint8Array(await toParquet(embed.rows)), {
    headers: {
      "Content-Type": "application/vnd.apache.parquet",
      "Content-Disposition": `attachment; filename="${name}"`,
      ETag: etag,
      "Cache-Control": "public, max-age=0, must-revalidate",
      "X-Hashfloor-Methodology": METHODOLOGY_VERSION,
    },
  });
}
