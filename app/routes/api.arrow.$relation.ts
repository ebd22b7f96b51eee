/** `/api/arrow/:relation`: one warehouse view as an Arrow IPC stream for the SQL console, ETag-cached. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { CONSOLE_RELATIONS, relationToArrowIpc } from "~/data/arrow.server";
import { cached } from "~/data/charts.server";
import { etagFor, notModified } from "~/data/embed.server";
import { getWarehouse } from "~/data/warehouse.server";
import { parseOr400 } from "~/lib/params";

const relationParam = z.enum(CONSOLE_RELATIONS, { message: `must be one of ${CONSOLE_RELATIONS.join(", ")}, e.g. sales_clean` });

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const relation = parseOr400(relationParam, params.relation, "relation");
  const warehouse = await getWarehouse(context);
  if (!warehouse) return new Response("No data is loaded yet.", { status: 503 });
  const { value, version } = await cached(warehouse, `arrow|${relation}`, () => relationToArrowIpc({ warehouse, relation }));
  const etag = etagFor(version, request, "arrow");
  const same = notModified(request, etag);
  if (same) return same;
  return new Response(new Uint8Array(value), {
    headers: { "Content-Type": "application/vnd.apache.arrow.stream", ETag: etag, "Cache-Control": "public, max-age=0, must-revalidate" },
  });
}
