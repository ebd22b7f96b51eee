import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { ChartCard } from "~/components/ChartCard";
import { Stat } from "~/components/Stat";
import { listMachineOptions, loadMiningBacktest, paybackRows, runMining, sensitivityRows } from "~/data/mining.server";
import { getWarehouse } from "~/data/warehouse.server";
import { useLiveLoaderData } from "~/hooks/live";
import { usd } from "~/lib/format";

export const meta: MetaFunction = () => [{ title: "Mining — Hashfloor" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const [machines, result] = await Promise.all([listMachineOptions(), runMining(search)]);
  if (!result.ok) throw new Response(result.message, { status: result.status, statusText: "Bad Request" });
  const a = result.answer;
  // A backtest needs loaded history; its absence (or a failure) only hides the card.
  const warehouse = await getWarehouse(context).catch(() => null);
  const backtest = warehouse ? await loadMiningBacktest({ warehouse, answer: a }).catch(() => null) : null;
  return json({
    machines,
    query: Object.fromEntries(search),
    coinName: a.coinName,
    algorithm: a.algorithm,
    machine: a.machine,
    inputs: a.inputs,
    network: a.network,
    growth: a.growth,
    today: a.today,
    projection: { ...a.projection, days: undefined },
    methodologyVersion: a.methodologyVersion,
    payback: paybackRows(a),
    sensitivity: sensitivityRows(a),
    embedQuery: [...search].length ? search.toString() : "",
    backtest,
  });
}

const FIELDS = [
  { name: "kwh", label: "Power price ($/kWh)", example: "0.05" },
  { name: "hashrate", label: "Hashrate (instead of a machine)", example: "200TH" },
  { name: "power", label: "Power (W)", example: "3500" },
  { name: "pool-fee", label: "Pool fee (%)", example: "2" },
  { name: "hardware-cost", label: "Hardware cost ($)", example: "3500" },
  { name: "growth", label: "Difficulty growth", example: "2%/retarget" },
  { name: "coin-price", label: "Coin price ($)", example: "95000" },
] as const;

export default function Mining() {
  const d = useLiveLoaderData<typeof loader>();
  const t = d.today;
  const p = d.projection;
  return (
    <>
      <h1>Mining</h1>
      <p className="explain">
        {d.coinName} ({d.algorithm}){d.machine ? ` on ${d.machine.model}${d.machine.verified ? "" : " (specs not verified)"}` : ""}. Network
        data: <strong data-testid="network-label">{d.network.label}</strong>
        {d.network.isSnapshot ? ` — an offline snapshot dated ${d.network.date}` : ""}. Methodology {d.methodologyVersion}.
      </p>
      <Form method="get" className="card form-grid" aria-label="Mining inputs">
        <label>
          Coin
          <select name="coin" defaultValue={d.query.coin ?? "btc"}>
            <option value="btc">Bitcoin (SHA-256)</option>
            <option value="etc">Ethereum Classic (Etchash)</option>
            <option value="ltc">Litecoin + Dogecoin (Scrypt)</option>
          </select>
        </label>
        <label>
          Machine
          <select name="machine" defaultValue={d.query.machine ?? d.machine?.model ?? ""}>
            <option value="">(free inputs below)</option>
            {d.machines.map((m) => (
              <option key={m.model} value={m.model}>
                {m.model} · {m.algorithm}
                {m.verified ? "" : " (unverified)"}
              </option>
            ))}
          </select>
        </label>
        {FIELDS.map((f) => (
          <label key={f.name}>
            {f.label}
            <input name={f.name} defaultValue={d.query[f.name] ?? ""} placeholder={f.example} />
          </label>
        ))}
        <label>
          &nbsp;
          <button type="submit" className="link-button">
            Compute
          </button>
        </label>
      </Form>
      <div className="stats">
        <Stat label="Revenue / day" value={usd(t.revenueUsdPerDay)} explain="Coins per day × price, after the pool fee." testId="revenue" />
        <Stat
          label="Power cost / day"
          value={usd(t.powerCostUsdPerDay)}
          explain={`${t.powerKwhPerDay.toFixed(1)} kWh × power price.`}
          testId="power-cost"
        />
        <Stat label="Profit / day" value={usd(t.profitUsdPerDay)} explain="Revenue − power − hosting." testId="profit" />
        <Stat
          label="Hashprice"
          value={`$${t.hashpriceUsdPerThDay.toPrecision(3)}/TH/day`}
          explain="Hashrate Index definition: USD per TH/s per day before pool fee."
          testId="hashprice"
        />
        <Stat
          label="Break-even power"
          value={t.breakEvenPowerUsdPerKwh === null ? "—" : `$${t.breakEvenPowerUsdPerKwh.toFixed(4)}/kWh`}
          explain="Power price at which profit is zero."
          testId="break-even-power"
        />
        <Stat
          label="Break-even coin price"
          value={usd(t.breakEvenCoinPriceUsd)}
          explain="Coin price at which profit is zero."
          testId="break-even-price"
        />
        <Stat
          label="Payback"
          value={p.verdict}
          explain={`Difficulty growth ${p.horizonMonths}-month projection (${d.growth.source}); naive payback ${p.naivePaybackDays === null ? "never" : `${Math.round(p.naivePaybackDays)} days`}.`}
          testId="payback"
        />
      </div>
      {d.backtest ? (
        <ChartCard
          chart="backtest"
          rows={d.backtest.rows}
          subject="Mining"
          heading="Backtest"
          query={d.embedQuery}
          explain="This machine bought a year before the last loaded day and run on the loaded daily history (difficulty, rewards, price): each day's profit and the net position, cumulative profit minus hardware cost."
        >
          <p data-testid="backtest">
            Bought on {d.backtest.boughtOn} and run through {d.backtest.lastDay ?? "the last loaded day"} on the loaded history:{" "}
            {d.backtest.verdict}; profit {usd(d.backtest.totalProfitUsd)}
            {d.backtest.roiPercent === null ? "" : `, ROI ${d.backtest.roiPercent.toFixed(1)}%`}.
          </p>
        </ChartCard>
      ) : (
        <p className="muted">No mining history is loaded, so there is no backtest (load some with hashfloor mining import).</p>
      )}
      <ChartCard
        chart="payback"
        rows={d.payback}
        subject="Mining"
        heading="Payback: growth vs naive"
        query={d.embedQuery}
        explain="Net position (cumulative profit minus hardware cost) day by day: difficulty stepped each retarget by the growth rate and rewards stepped at halvings, against today's profit forever."
      />
      <ChartCard
        chart="sensitivity"
        rows={d.sensitivity}
        subject="Mining"
        heading="Sensitivity"
        query={d.embedQuery}
        explain="Profit per day for power prices (rows) × coin prices (columns), the machine running all day."
        height={320}
      />
    </>
  );
}
