import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { ChartCard } from "~/components/ChartCard";
import { NoData } from "~/components/NoData";
import { Stat } from "~/components/Stat";
import { Waterfall } from "~/components/Waterfall";
import { cached } from "~/data/charts.server";
import { getPiece, getPieceRarity, getPieceValuation } from "~/data/piece.server";
import { getWarehouse } from "~/data/warehouse.server";
import { useLiveLoaderData } from "~/hooks/live";
import { eth, pct, shortAddress } from "~/lib/format";
import { addressParam, parseOr400, tokenIdParam } from "~/lib/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data && !data.empty ? `${data.piece.name} · ${data.piece.collectionName} — Hashfloor` : "Piece — Hashfloor" },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const address = parseOr400(addressParam, params.address, "address");
  const tokenId = parseOr400(tokenIdParam, params.tokenId, "tokenId");
  const warehouse = await getWarehouse(context);
  if (!warehouse) return json({ empty: true as const });
  const { value } = await cached(warehouse, `piece|${address}|${tokenId}`, async () => {
    const piece = await getPiece({ warehouse, address, tokenId });
    if (!piece) return null;
    const [rarity, valuation] = [
      await getPieceRarity({ warehouse, address, tokenId }),
      await getPieceValuation({ warehouse, address, tokenId }),
    ];
    return { piece, rarity, valuation };
  });
  if (!value) throw new Response(`No token ${tokenId} of ${address} in the warehouse.`, { status: 404, statusText: "Not Found" });
  return json({ empty: false as const, ...value });
}

export default function Piece() {
  const data = useLiveLoaderData<typeof loader>();
  if (data.empty) return <NoData />;
  const { piece, rarity, valuation } = data;
  const gasPaidEth = piece.events.reduce((s, e) => s + (e.gasCostEth ?? 0), 0);
  return (
    <>
      <p className="crumbs">
        <Link to="/">Overview</Link> / <Link to={`/collections/${piece.address}`}>{piece.collectionName}</Link> / #{piece.tokenId}
      </p>
      <div className="piece">
        <figure className="artwork">
          {piece.imageSrc ? (
            <img src={piece.imageSrc} alt={`Artwork of ${piece.name}`} width={320} height={320} referrerPolicy="no-referrer" />
          ) : (
            <div className="artwork-missing">{piece.imageNote ?? "No image"}</div>
          )}
          <figcaption className="muted">Rendered as an image from the token's metadata; never run as a page.</figcaption>
        </figure>
        <div>
          <h1 data-testid="piece-name">{piece.name}</h1>
          <p className="muted">
            Owner <span className="mono">{shortAddress(piece.owner)}</span>
          </p>
          <div className="stats">
            <Stat
              label="OpenRarity rank"
              value={rarity ? `${rarity.rank} of ${rarity.supply}` : "—"}
              explain="Rank by unique traits, then information content over collection entropy (ties share a rank)."
              testId="rank"
            />
            <Stat
              label="Cost basis"
              value={eth(piece.costBasisEth)}
              explain="What the current owner paid: price of the purchase or mint that gave it to them plus that transaction's gas."
              testId="cost-basis"
            />
            <Stat
              label="Gas paid, all events"
              value={eth(gasPaidEth, 6)}
              explain="Gas of the mint and of every sale transaction (gas used × effective price)."
              testId="gas-paid"
            />
            <Stat
              label="Valuation"
              value={valuation ? eth(valuation.estimateEth) : "—"}
              explain={
                valuation
                  ? `${Math.round(valuation.coverageLevel * 100)}% interval ${eth(valuation.lowerEth)} – ${eth(valuation.upperEth)} (split-conformal); hedonic ridge model on clean sales, backtest MAPE ${valuation.backtestMape === null ? "—" : pct(valuation.backtestMape * 100)}; ${valuation.methodologyVersion}.`
                  : "No valuation model is fitted for this collection yet (it needs enough clean sales)."
              }
              testId="valuation"
            />
          </div>
        </div>
      </div>
      {valuation ? (
        <ChartCard
          chart="waterfall"
          rows={valuation.steps}
          subject={`${piece.collectionName} #${piece.tokenId}`}
          heading="Valuation: floor → trait premiums"
          query={`collection=${piece.address}&token=${piece.tokenId}`}
          height={Math.max(160, 48 + 34 * valuation.steps.length)}
          explain="From the calibrated floor, the model's base for a token with no premium, then each trait's premium (log-linear, so each step multiplies)."
        >
          <Waterfall steps={valuation.steps} />
        </ChartCard>
      ) : null}
      <section className="card">
        <h2>Traits</h2>
        <table className="table" data-testid="traits">
          <thead>
            <tr>
              <th>Trait</th>
              <th>Value</th>
              <th className="num">Tokens with it</th>
              <th className="num">Frequency</th>
            </tr>
          </thead>
          <tbody>
            {piece.traits.map((t) => (
              <tr key={t.traitType}>
                <td>{t.traitType}</td>
                <td>{t.traitValue}</td>
                <td className="num">{t.tokensWithValue}</td>
                <td className="num">{pct(t.frequencyPct)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h2>Provenance</h2>
        <table className="table" data-testid="provenance">
          <thead>
            <tr>
              <th>Event</th>
              <th>Time (UTC)</th>
              <th>From → to</th>
              <th className="num">Price</th>
              <th className="num">Fees</th>
              <th className="num">Gas</th>
            </tr>
          </thead>
          <tbody>
            {piece.events.map((e) => (
              <tr key={`${e.txHash}-${e.kind}`}>
                <td>{e.kind}</td>
                <td>{e.time}</td>
                <td className="mono">
                  {shortAddress(e.from)} → {shortAddress(e.to)}
                </td>
                <td className="num">{eth(e.priceEth)}</td>
                <td className="num">{eth(e.feesEth)}</td>
                <td className="num">{eth(e.gasCostEth, 6)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
