import { existsSync } from "node:fs";
import { join } from "node:path";
import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getEnv } from "../../config/env";

export const meta: MetaFunction = () => [
  { title: "Hashfloor — NFT valuation, gas costs and mining profitability" },
  { name: "description", content: "Self-hostable dashboard for NFT floors, valuations, gas costs and mining ROI." },
];

export async function loader() {
  const warehousePath = join(getEnv().HASHFLOOR_DATA_DIR, "warehouse.duckdb");
  return json({ dataLoaded: existsSync(warehousePath), warehousePath });
}

export default function Index() {
  const { dataLoaded, warehousePath } = useLoaderData<typeof loader>();
  return (
    <section className="intro">
      <h1>Hashfloor</h1>
      <p>
        An open, self-hostable dashboard for collectors and miners: what an NFT is worth (floors, a valuation with an interval, rarity),
        what its trades and mints really cost in gas, whether a collection&apos;s volume is real or wash, and whether a mining machine pays
        back under rising difficulty and halvings.
      </p>
      {dataLoaded ? (
        <p className="status status-ok">Warehouse found at {warehousePath}.</p>
      ) : (
        <p className="status status-empty" role="status">
          No data is loaded yet: the warehouse ({warehousePath}) does not exist. The embedded devnet, indexer and sync will fill it.
        </p>
      )}
    </section>
  );
}
