/** `/api/head`: the warehouse's data version and newest block, polled by pages to know when to refresh. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { cached } from "~/data/charts.server";
import { getWarehouse } from "~/data/warehouse.server";

export async function loader({ context }: LoaderFunctionArgs) {
  const warehouse = await getWarehouse(context);
  if (!warehouse) return json({ version: "empty", blockNumber: null }, { headers: { "Cache-Control": "no-store" } });
  const { value: blockNumber, version } = await cached(warehouse, "head", async () => {
    const [b] = await warehouse.all<{ n: number | null }>(
      "SELECT CAST(greatest((SELECT max(block_number) FROM blocks), (SELECT max(block_number) FROM sales)) AS DOUBLE) AS n",
    );
    return b?.n ?? null;
  });
  return json({ version, blockNumber }, { headers: { "Cache-Control": "no-store" } });
}
