/**
 * oEmbed provider (https://oembed.com): `/oembed?url=<page or embed URL on this host>&maxwidth=&maxheight=`
 * answers a `rich` type with an iframe of the matching /embed/ chart.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { CHART_IDS } from "~/lib/chart-specs";
import { parseOr400, searchParamsOf } from "~/lib/params";

const dim = (name: string) =>
  z
    .string()
    .regex(/^[0-9]{1,4}$/, { message: `must be a whole number of pixels, e.g. ${name}=640` })
    .transform(Number)
    .refine((n) => n >= 160 && n <= 2400, { message: `must be from 160 to 2400, e.g. ${name}=640` })
    .optional();
const oembedQuery = z.object({
  url: z
    .string({ required_error: "is required, e.g. url=http://localhost:3000/embed/basefee" })
    .max(2000, { message: "is too long (2000 characters at most)" }),
  format: z.enum(["json"], { message: "must be json (xml is not offered), e.g. format=json" }).optional(),
  maxwidth: dim("maxwidth"),
  maxheight: dim("maxheight"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const q = parseOr400(oembedQuery, searchParamsOf(request));
  const self = new URL(request.url);
  let target: URL;
  try {
    target = new URL(q.url);
  } catch {
    throw new Response("Bad parameter url: must be an absolute URL of a chart on this site, e.g. url=http://localhost:3000/embed/basefee", {
      status: 400,
    });
  }
  const m = /^\/embed\/([a-z]+)$/.exec(target.pathname);
  if (target.host !== self.host || !m || !(CHART_IDS as readonly string[]).includes(m[1])) {
    throw new Response(`Bad parameter url: not an embeddable chart on this site; use /embed/<${CHART_IDS.join("|")}>`, { status: 404 });
  }
  const width = Math.min(q.maxwidth ?? 640, 2400);
  const height = Math.min(q.maxheight ?? 360, 1600);
  const src = new URL(target.pathname + target.search, self.origin);
  src.searchParams.set("width", String(width));
  src.searchParams.set("height", String(height));
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return json({
    version: "1.0",
    type: "rich",
    provider_name: "Hashfloor",
    provider_url: self.origin,
    title: `Hashfloor ${m[1]} chart`,
    width,
    height,
    html: `<iframe src="${esc(src.toString())}" width="${width}" height="${height}" style="border:0" loading="lazy" title="Hashfloor ${m[1]} chart"></iframe>`,
    thumbnail_url: new URL(`/embed/${m[1]}.png${src.search}`, self.origin).toString(),
    thumbnail_width: width * 2,
    thumbnail_height: height * 2,
  });
}
