/** `/embed/:chart?collection=&theme=&width=&height=&days=&rules=`: the chart alone, for iframes (any site may frame it). */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ChartView } from "~/components/ChartView";
import { paletteFor } from "~/components/charts/palette";
import { etagFor, loadEmbed, notModified, parseRules } from "~/data/embed.server";
import { CHARTS } from "~/lib/chart-specs";
import { WASH_RULES } from "~/lib/wash-rules";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Hashfloor` : "Hashfloor chart" }];

export async function loader(args: LoaderFunctionArgs) {
  const embed = await loadEmbed(args);
  const rules = [
    ...parseRules(
      embed.query.rules,
      WASH_RULES.map((r) => r.key),
    ),
  ];
  const etag = etagFor(embed.version, args.request, "html");
  const same = notModified(args.request, etag);
  if (same) throw same;
  return json(
    {
      chart: embed.chart,
      rows: embed.rows,
      subject: embed.subject,
      title: CHARTS[embed.chart].title(embed.subject),
      query: embed.query,
      rules,
    },
    { headers: { ETag: etag, "Cache-Control": "public, max-age=0, must-revalidate" } },
  );
}

export function headers({ loaderHeaders }: { loaderHeaders: Headers }) {
  return { ETag: loaderHeaders.get("ETag") ?? "", "Cache-Control": loaderHeaders.get("Cache-Control") ?? "no-cache" };
}

export default function Embed() {
  const d = useLoaderData<typeof loader>();
  const theme = d.query.theme;
  return (
    <div className="embed" data-theme={theme === "auto" ? undefined : theme}>
      <ChartView
        chart={d.chart}
        rows={d.rows}
        subject={d.subject}
        height={d.query.height - 24}
        initialWidth={d.query.width}
        enabledRules={new Set(d.rules)}
        palette={theme === "auto" ? undefined : paletteFor(theme, true)}
      />
      <a className="embed-credit" href="/" target="_blank" rel="noopener">
        Hashfloor
      </a>
    </div>
  );
}
