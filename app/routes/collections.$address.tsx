import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useMemo, useState } from "react";
import { ChartCard } from "~/components/ChartCard";
import { NoData } from "~/components/NoData";
import { Stat } from "~/components/Stat";
import { cached, cachedChartRows, cleanSalesFor } from "~/data/charts.server";
import { getCollectionStats } from "~/data/collections.server";
import { getWarehouse } from "~/data/warehouse.server";
import { useLiveLoaderData } from "~/hooks/live";
import { FLOOR_METHODS } from "~/lib/chart-specs";
import { eth, pct, shortAddress } from "~/lib/format";
import { addressParam, chartQuery, parseOr400, searchParamsOf } from "~/lib/params";
import { WASH_RULES } from "~/lib/wash-rules";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data && !data.empty ? `${data.stats.name} — Hashfloor` : "Collection — Hashfloor" },
];

const pageQuery = chartQuery.pick({ days: true });

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const address = parseOr400(addressParam, params.address, "address");
  const { days } = parseOr400(pageQuery, searchParamsOf(request));
  const warehouse = await getWarehouse(context);
  if (!warehouse) return json({ empty: true as const, address });
  // Each part is cached on its own key (per data version): a new `days` re-reads only the ranged
  // series, and the page shares entries with the embeds and exports of the same charts.
  const { value: stats } = await cached(warehouse, `collection-stats|${address}`, async () =>
    getCollectionStats({ warehouse, address, cleanSales: await cleanSalesFor(warehouse) }),
  );
  if (!stats) throw new Response(`No collection ${address} in the warehouse.`, { status: 404, statusText: "Not Found" });
  const rows = async (chart: "floors" | "volume" | "sales" | "rarity") =>
    (await cachedChartRows({ warehouse, chart, address, days })).value;
  const value = {
    stats,
    floors: await rows("floors"),
    volume: await rows("volume"),
    sales: await rows("sales"),
    rarity: await rows("rarity"),
  };
  return json({ empty: false as const, address, days, ...value });
}

export default function Collection() {
  const data = useLiveLoaderData<typeof loader>();
  const [rules, setRules] = useState<ReadonlySet<string>>(() => new Set(WASH_RULES.map((r) => r.key)));
  const [methods, setMethods] = useState<ReadonlySet<string>>(() => new Set(FLOOR_METHODS.map((m) => m.key)));
  const enabled = useMemo(() => rules, [rules]);
  if (data.empty) return <NoData />;
  const { stats, address, days } = data;
  const q = `collection=${address}&days=${days}`;
  const toggle = (set: ReadonlySet<string>, key: string) => {
    const next = new Set(set);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return next;
  };
  return (
    <>
      <p className="crumbs">
        <Link to="/">Overview</Link> / {stats.symbol || shortAddress(address)}
      </p>
      <h1>{stats.name}</h1>
      <p className="muted mono">{address}</p>
      <div className="stats">
        <Stat label="Volume" value={eth(stats.volumeEth, 2)} explain="All sales, wash included, at face value." testId="volume" />
        <Stat label="Sales" value={stats.sales} explain="One row per NFT sold." testId="sales" />
        <Stat
          label="Wash sales"
          value={`${stats.washSales} (${pct((100 * stats.washSales) / Math.max(1, stats.sales))})`}
          explain="Sales tripping at least one wash rule (sales_clean.is_wash)."
          testId="wash-sales"
        />
        <Stat label="Median clean price" value={eth(stats.medianPriceEth)} explain="Median of non-wash sale prices." testId="median" />
        <Stat label="Holders" value={stats.holders} explain="Distinct current owners (burn address excluded)." testId="holders" />
        <Stat
          label="Top-10 holder share"
          value={pct(stats.top10SharePct)}
          explain="Tokens held by the 10 largest holders over all held tokens."
          testId="top10"
        />
        <Stat
          label="Holder Gini"
          value={stats.holderGini === null ? "—" : stats.holderGini.toFixed(2)}
          explain="Inequality of tokens held per holder: 0 when every holder has as many, 1 when one holder has all."
          testId="gini"
        />
      </div>
      <ChartCard
        chart="floors"
        rows={data.floors}
        subject={stats.name}
        heading="Floors"
        query={q}
        methods={methods}
        explain="Three floors, each named: the lowest clean sale over 7 days; Coinbase's adaptive percentile floor; its 24 h TWAP (band: min/max of spot and TWAP). Wash sales never count."
      >
        <fieldset className="switch" aria-label="Floor methods">
          {FLOOR_METHODS.map((m) => (
            <label key={m.key}>
              <input type="checkbox" checked={methods.has(m.key)} onChange={() => setMethods((s) => toggle(s, m.key))} /> {m.label}
            </label>
          ))}
        </fieldset>
      </ChartCard>
      <ChartCard
        chart="volume"
        rows={data.volume}
        subject={stats.name}
        heading="Daily volume"
        query={q}
        explain="Clean volume, with wash volume stacked on top in red."
      />
      <ChartCard
        chart="sales"
        rows={data.sales}
        subject={stats.name}
        heading="Sales and wash trades"
        query={`${q}&rules=${[...enabled].join(",")}`}
        enabledRules={enabled}
        explain="Every sale at its price. A red cross is a sale that trips an enabled wash rule; hover a mark to see which and why."
      >
        <fieldset className="switch" aria-label="Wash rules">
          {WASH_RULES.map((r) => (
            <label key={r.key} title={r.reason}>
              <input type="checkbox" name={r.key} checked={rules.has(r.key)} onChange={() => setRules((s) => toggle(s, r.key))} /> {r.label}
            </label>
          ))}
        </fieldset>
      </ChartCard>
      <ChartCard
        chart="rarity"
        rows={data.rarity}
        subject={stats.name}
        heading="Rarity distribution"
        query={q}
        explain="Tokens per OpenRarity score band (information content over collection entropy; higher is rarer)."
      />
      <section className="card">
        <h2>Pieces</h2>
        <p>
          Open a piece: <PieceLinks address={address} count={Math.min(12, stats.totalSupply ?? 12)} />
        </p>
      </section>
    </>
  );
}

function PieceLinks({ address, count }: { address: string; count: number }) {
  return (
    <>
      {Array.from({ length: count }, (_, i) => String(i + 1)).map((id) => (
        <Link key={id} to={`/collections/${address}/${id}`} className="chip">
          #{id}
        </Link>
      ))}
    </>
  );
}
