import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { ChartCard } from "~/components/ChartCard";
import { NoData } from "~/components/NoData";
import { Stat } from "~/components/Stat";
import { cached, chartRows } from "~/data/charts.server";
import { gasNow } from "~/data/gas.server";
import { getWarehouse } from "~/data/warehouse.server";
import { useLiveLoaderData } from "~/hooks/live";
import { eth, gwei, usd } from "~/lib/format";
import { MINT_GAS, SEAPORT_PURCHASE_GAS } from "~/lib/gas-constants";
import { chartQuery, parseOr400, searchParamsOf } from "~/lib/params";

export const meta: MetaFunction = () => [{ title: "Gas — Hashfloor" }];

const pageQuery = chartQuery.pick({ days: true });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { days } = parseOr400(pageQuery, searchParamsOf(request));
  const warehouse = await getWarehouse(context);
  if (!warehouse) return json({ empty: true as const });
  const { value } = await cached(warehouse, `gas|${days}`, async () => ({
    now: await gasNow({ warehouse }),
    basefee: await chartRows({ warehouse, chart: "basefee", days }),
    heatmap: await chartRows({ warehouse, chart: "heatmap", days }),
  }));
  return json({ empty: false as const, days, ...value });
}

export default function Gas() {
  const data = useLiveLoaderData<typeof loader>();
  if (data.empty) return <NoData />;
  const { now } = data;
  const q = `days=${data.days}`;
  return (
    <>
      <h1>Gas</h1>
      {now ? (
        <>
          <p className="muted">
            At block {now.blockNumber} ({now.blockTime}).
          </p>
          <div className="stats">
            <Stat label="Base fee" value={gwei(now.baseFeeGwei)} explain="Base fee per gas of the newest block." testId="base-fee" />
            <Stat
              label="Next base fee"
              value={gwei(now.nextBaseFeeGwei)}
              explain="EIP-1559, exact integer arithmetic from the newest block's gas used and limit."
              testId="next-base-fee"
            />
            <Stat
              label={`Mint now (${(MINT_GAS / 1000).toFixed(0)}k gas)`}
              value={
                <>
                  {eth(now.mintCostEth, 6)} <span className="muted">{usd(now.ethUsd === null ? null : now.mintCostEth * now.ethUsd)}</span>
                </>
              }
              explain="Typical OpenZeppelin enumerable mint × (next base fee + standard tip)."
              testId="mint-cost"
            />
            <Stat
              label={`Seaport purchase now (${(SEAPORT_PURCHASE_GAS / 1000).toFixed(0)}k gas)`}
              value={
                <>
                  {eth(now.purchaseCostEth, 6)}{" "}
                  <span className="muted">{usd(now.ethUsd === null ? null : now.purchaseCostEth * now.ethUsd)}</span>
                </>
              }
              explain="ERC-721 for ETH with one fee recipient × (next base fee + standard tip)."
              testId="purchase-cost"
            />
          </div>
          <section className="card">
            <h2>Fee tiers</h2>
            <p className="explain">
              MetaMask's fee-history method: per tier, the median over the last 5 blocks of each block's 10th/20th/30th percentile tip, ×
              0.94/0.97/0.98, at least 1/1.5/2 gwei; max fee = base fee × 1.10/1.20/1.25 + tip. The last row is viem's simpler rule (1.2 ×
              base fee + tip), which can leave a transaction stuck after two full blocks.
            </p>
            <table className="table" data-testid="fee-tiers">
              <thead>
                <tr>
                  <th>Tier</th>
                  <th className="num">Priority fee (tip)</th>
                  <th className="num">Max fee</th>
                </tr>
              </thead>
              <tbody>
                {now.tiers.map((t) => (
                  <tr key={t.name}>
                    <td>{t.name}</td>
                    <td className="num">{gwei(t.priorityFeeGwei)}</td>
                    <td className="num">{gwei(t.maxFeeGwei)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : (
        <p className="muted">No blocks synced yet.</p>
      )}
      <ChartCard
        chart="basefee"
        rows={data.basefee}
        subject="Market"
        heading="Base fee history"
        query={q}
        explain="Base fee per block (averaged into at most 2,000 points). Drag across the chart to zoom; double-click to reset."
      />
      <ChartCard
        chart="heatmap"
        rows={data.heatmap}
        subject="Market"
        heading="When gas is cheap"
        query={q}
        explain="Average base fee by UTC hour of the week."
        height={260}
      />
    </>
  );
}
