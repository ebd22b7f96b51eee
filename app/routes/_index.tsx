import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { NoData } from "~/components/NoData";
import { Sparkline } from "~/components/Sparkline";
import { Stat } from "~/components/Stat";
import { cached, cleanSalesFor } from "~/data/charts.server";
import { getMarketSummary, listCollections } from "~/data/collections.server";
import { gasNow } from "~/data/gas.server";
import { loadMiningCard } from "~/data/mining.server";
import { getWarehouse } from "~/data/warehouse.server";
import { useLiveLoaderData } from "~/hooks/live";
import { eth, gwei, pct, usd } from "~/lib/format";

export const meta: MetaFunction = () => [
  { title: "Hashfloor — NFT valuation, gas costs and mining profitability" },
  { name: "description", content: "Self-hostable dashboard for NFT floors, valuations, gas costs and mining ROI." },
];

const DAYS = 30;

export async function loader({ context }: LoaderFunctionArgs) {
  const mining = await loadMiningCard();
  const warehouse = await getWarehouse(context);
  if (!warehouse) return json({ empty: true as const, mining });
  const { value } = await cached(warehouse, `overview|${DAYS}`, async () => ({
    collections: await listCollections({ warehouse, days: DAYS, cleanSales: await cleanSalesFor(warehouse) }),
    market: await getMarketSummary({ warehouse, days: DAYS, cleanSales: await cleanSalesFor(warehouse) }),
    gas: await gasNow({ warehouse }),
  }));
  return json({ empty: false as const, mining, ...value });
}

export default function Overview() {
  const data = useLiveLoaderData<typeof loader>();
  return (
    <>
      <h1>Hashfloor</h1>
      <p className="lede">
        What NFTs are worth and what trading them really costs, whether volume is real or wash, and whether a mining machine pays back.
        Every number says how it is computed; every chart can be embedded.
      </p>
      {data.empty ? (
        <NoData />
      ) : (
        <>
          <div className="stats">
            <Stat
              label={`Volume, last ${DAYS} days`}
              value={eth(data.market.volumeEth, 2)}
              explain="Sum of sale prices (all currencies counted at face value in ETH)."
              testId="market-volume"
            />
            <Stat
              label="Wash share of volume"
              value={pct(data.market.volumeEth ? (100 * data.market.washVolumeEth) / data.market.volumeEth : null)}
              explain="Volume of sales that trip at least one wash rule, over all volume."
              testId="market-wash"
            />
            <Stat
              label="Sales"
              value={data.market.sales.toLocaleString("en-US")}
              explain="One row per NFT sold; a bundle of n counts n."
              testId="market-sales"
            />
            <Stat
              label="Newest block"
              value={data.market.lastBlock ?? "—"}
              explain="The newest block the warehouse holds."
              testId="last-block"
            />
          </div>
          <section className="card">
            <h2>Collections by volume</h2>
            <table className="table" data-testid="collections">
              <thead>
                <tr>
                  <th>Collection</th>
                  <th className="num">Volume ({DAYS} d)</th>
                  <th className="num">Sales</th>
                  <th className="num">Wash share</th>
                  <th>Sale floor, daily</th>
                </tr>
              </thead>
              <tbody>
                {data.collections.map((c) => (
                  <tr key={c.address}>
                    <td>
                      <Link to={`/collections/${c.address}`}>{c.name}</Link> <span className="muted">{c.symbol}</span>
                    </td>
                    <td className="num">{eth(c.volumeEth, 2)}</td>
                    <td className="num">{c.sales}</td>
                    <td className="num">{pct(c.volumeEth ? (100 * c.washVolumeEth) / c.volumeEth : null)}</td>
                    <td>
                      <Sparkline values={c.floorSparkEth.map((p) => p.floorEth)} label={`${c.name} daily sale floor`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <div className="grid-2">
            <section className="card">
              <h2>
                <Link to="/gas">Gas now</Link>
              </h2>
              {data.gas ? (
                <ul className="tiers" data-testid="gas-tiers">
                  <li>
                    Base fee {gwei(data.gas.baseFeeGwei)}, next {gwei(data.gas.nextBaseFeeGwei)}
                  </li>
                  {data.gas.tiers.map((t) => (
                    <li key={t.name}>
                      {t.name}: tip {gwei(t.priorityFeeGwei)}, max {gwei(t.maxFeeGwei)}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">No blocks synced yet.</p>
              )}
            </section>
            <section className="card">
              <h2>
                <Link to="/mining">Mining hashprice</Link>
              </h2>
              {data.mining.available ? (
                <p data-testid="hashprice">
                  {usd(data.mining.hashpriceUsdPerThDay)} per TH/s per day <span className="muted">({data.mining.note})</span>
                </p>
              ) : (
                <p className="muted">{data.mining.note}</p>
              )}
            </section>
          </div>
        </>
      )}
    </>
  );
}
