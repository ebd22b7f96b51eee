/**
 * Shared by embed, export and oEmbed routes: parse `chart`, `collection`, theme/size/range params
 * (400 on anything bad), load the rows through the version-keyed cache, and answer conditional
 * requests with 304 when the ETag still matches.
 */
import { createHash } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { Warehouse } from "../../analytics/db";
import { getCollectionName } from "../../analytics/queries/collections";
import { CHART_IDS, CHARTS, type ChartId, type ChartRows, MINING_CHARTS } from "../lib/chart-specs";
import { addressParam, chartQuery, parseOr400, searchParamsOf, tokenIdParam } from "../lib/params";
import { cached, cachedChartRows, currentVersion, miningChartRows } from "./charts.server";
import { getWarehouse } from "./warehouse.server";

const chartIdParam = z.enum(CHART_IDS, { message: `must be one of ${CHART_IDS.join(", ")}, e.g. floors` });
const embedQuery = chartQuery.extend({
  collection: addressParam.optional(),
  token: tokenIdParam.optional(),
  rules: z.string().max(400).optional(),
});

export interface EmbedRequest {
  chart: ChartId;
  address?: string;
  /** The piece, for charts of one token (the waterfall). */
  tokenId?: string;
  subject: string;
  query: z.infer<typeof embedQuery>;
  rows: ChartRows;
  version: string;
  warehouse: Warehouse | null;
}

/** Parses and loads one chart request; throws 400/404/503 Responses with readable messages. */
export async function loadEmbed({
  request,
  params,
  context,
}: {
  request: Request;
  params: { chart?: string };
  context: AppLoadContext;
}): Promise<EmbedRequest> {
  const chart = parseOr400(chartIdParam, params.chart, "chart");
  const query = parseOr400(embedQuery, searchParamsOf(request));
  if (CHARTS[chart].needsCollection && !query.collection) {
    throw new Response(
      `Bad parameter collection: the ${chart} chart needs one, e.g. ?collection=0x5fbdb2315678afecb367f032d93f642f64180aa3`,
      {
        status: 400,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      },
    );
  }
  if (CHARTS[chart].needsToken && query.token === undefined) {
    throw new Response(
      `Bad parameter token: the ${chart} chart needs one, e.g. ?collection=0x5fbdb2315678afecb367f032d93f642f64180aa3&token=1`,
      { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } },
    );
  }
  if (MINING_CHARTS.has(chart)) {
    const search = new URL(request.url).searchParams;
    // Mining answers follow live network data, not the warehouse: the ETag turns over hourly. The
    // backtest also follows the warehouse's loaded history.
    let version = `mining-${new Date().toISOString().slice(0, 13)}`;
    let history: Warehouse | null = null;
    if (chart === "backtest") {
      history = await getWarehouse(context).catch(() => null);
      if (history) version += `|${await currentVersion(history)}`;
    }
    const rows = await miningChartRows({ chart: chart as "payback" | "sensitivity" | "backtest", search, warehouse: history });
    return { chart, subject: "Mining", query, rows, version, warehouse: null };
  }
  const warehouse = await getWarehouse(context);
  if (!warehouse)
    throw new Response("No data is loaded yet: the warehouse does not exist. Run `npm start` or `hashfloor sync`.", { status: 503 });
  const address = CHARTS[chart].needsCollection ? query.collection : undefined;
  let subject = "Market";
  if (address) {
    // Per data version like the rows: a cached embed then costs no warehouse query at all.
    const { value: name } = await cached(warehouse, `collection-name|${address}`, () => getCollectionName({ warehouse, address }));
    if (name === null)
      throw new Response(`No collection ${address} in the warehouse.`, {
        status: 404,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    subject = name;
  }
  const tokenId = CHARTS[chart].needsToken ? query.token : undefined;
  if (tokenId !== undefined) subject = `${subject} #${tokenId}`;
  const { value: rows, version } = await cachedChartRows({ warehouse, chart, address, tokenId, days: query.days });
  return { chart, address, tokenId, subject, query, rows, version, warehouse };
}

/** A strong ETag over the data version and everything in the URL that shapes the output. */
export function etagFor(version: string, request: Request, variant: string): string {
  const url = new URL(request.url);
  url.searchParams.sort();
  return `"${createHash("sha1").update(`${version}|${variant}|${url.pathname}?${url.searchParams}`).digest("base64url")}"`;
}

/** True when an If-None-Match header value names `etag` (strong or weak form). */
export function etagMatches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  return ifNoneMatch?.split(",").some((t) => t.trim() === etag || t.trim() === `W/${etag}`) ?? false;
}

/** 304 when the client already has `etag`. */
export function notModified(request: Request, etag: string): Response | null {
  if (etagMatches(request.headers.get("If-None-Match"), etag)) {
    return new Response(null, { status: 304, headers: { ETag: etag, "Cache-Control": "public, max-age=0, must-revalidate" } });
  }
  return null;
}

/** The enabled wash rules from `rules=a,b` (unknown names are a 400); all rules when absent. */
export function parseRules(rules: string | undefined, known: readonly string[]): Set<string> {
  if (rules === undefined) return new Set(known);
  const list = rules.split(",").filter(Boolean);
  const bad = list.find((r) => !known.includes(r));
  if (bad)
    throw new Response(`Bad parameter rules: unknown rule ${JSON.stringify(bad.slice(0, 40))}; use names like ${known[0]}`, {
      status: 400,
    });
  return new Set(list);
}
