/**
 * A chart with its heading, an explanation of how the number is computed, and the share controls:
 * copy embed code (an iframe to /embed/…), SVG/PNG images and CSV/Parquet downloads of its rows.
 */
import { type ReactNode, useState } from "react";
import type { ChartId, ChartRows } from "~/lib/chart-specs";
import { ChartView } from "./ChartView";

export interface ChartCardProps {
  chart: ChartId;
  rows: ChartRows;
  subject: string;
  heading: string;
  /** How the chart is computed, in a sentence or two. */
  explain: ReactNode;
  /** Query string shared by embed and export links, e.g. "collection=0x…&days=90". */
  query: string;
  enabledRules?: ReadonlySet<string>;
  methods?: ReadonlySet<string>;
  children?: ReactNode;
  height?: number;
}

export function ChartCard({ chart, rows, subject, heading, explain, query, enabledRules, methods, children, height }: ChartCardProps) {
  const [copied, setCopied] = useState<string | null>(null);
  const q = query ? `?${query}` : "";
  const embedCode = (origin: string) =>
    `<iframe src="${origin}/embed/${chart}${q}" width="640" height="360" style="border:0" loading="lazy" title="${heading.replace(/"/g, "&quot;")}"></iframe>`;
  return (
    <section className="card chart-card" aria-labelledby={`h-${chart}`}>
      <h2 id={`h-${chart}`}>{heading}</h2>
      <p className="explain">{explain}</p>
      {children}
      <ChartView chart={chart} rows={rows} subject={subject} enabledRules={enabledRules} methods={methods} height={height} />
      <div className="chart-tools">
        <button
          type="button"
          className="link-button"
          onClick={() => {
            const code = embedCode(window.location.origin);
            setCopied(code);
            void navigator.clipboard?.writeText(code).catch(() => undefined);
          }}
        >
          Copy embed code
        </button>
        <a href={`/embed/${chart}.svg${q}`} download>
          SVG
        </a>
        <a href={`/embed/${chart}.png${q}`} download>
          PNG
        </a>
        <a href={`/export/${chart}.csv${q}`} download>
          CSV
        </a>
        <a href={`/export/${chart}.parquet${q}`} download>
          Parquet
        </a>
      </div>
      {copied ? (
        <textarea className="embed-code" readOnly value={copied} aria-label="Embed code (copied to the clipboard)" rows={2} />
      ) : null}
    </section>
  );
}
