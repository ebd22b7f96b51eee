import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getWarehouse } from "~/data/warehouse.server";
import { miningProfitability } from "../../analytics/mining/api.server";

// Resource route: JSON only. Same inputs and the same one-line errors as `hashfloor mining`.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const warehouse = await getWarehouse(context).catch(() => null);
  const result = await miningProfitability(new URL(request.url), { warehouse });
  return json(result.body, { status: result.status, headers: { "cache-control": "no-store" } });
}
