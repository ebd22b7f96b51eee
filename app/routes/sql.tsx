import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { NoData } from "~/components/NoData";
import { availableConsoleRelations, MAX_EXTRACT_ROWS } from "~/data/arrow.server";
import { getWarehouse } from "~/data/warehouse.server";
import type { ConsoleDb } from "~/lib/duckdb.client";

export const meta: MetaFunction = () => [{ title: "SQL console — Hashfloor" }];

const EXAMPLES = [
  {
    label: "Wash share per collection",
    sql: "SELECT contract_address, count(*) AS sales,\n  round(100.0 * count(*) FILTER (WHERE is_wash) / count(*), 1) AS wash_pct\nFROM sales_clean GROUP BY ALL ORDER BY sales DESC;",
  },
  {
    label: "Sales per wash rule",
    sql: "SELECT count(*) FILTER (WHERE rule1_self_trade) AS self_trade,\n  count(*) FILTER (WHERE rule2_back_and_forth) AS back_and_forth,\n  count(*) FILTER (WHERE rule3_repeat_party) AS repeat_party,\n  count(*) FILTER (WHERE rule4_common_funder) AS common_funder\nFROM sales_clean;",
  },
  { label: "Latest floors", sql: "SELECT * FROM floor_daily ORDER BY bucket_start DESC LIMIT 20;" },
  {
    label: "Rarest tokens",
    sql: "SELECT contract_address, token_id, rank, round(score, 3) AS score\nFROM rarity_openrarity ORDER BY rank LIMIT 20;",
  },
];

export async function loader({ context }: LoaderFunctionArgs) {
  const warehouse = await getWarehouse(context);
  if (!warehouse) return json({ relations: null, maxRows: MAX_EXTRACT_ROWS });
  return json({ relations: await availableConsoleRelations(warehouse), maxRows: MAX_EXTRACT_ROWS });
}

export default function SqlConsole() {
  const { relations, maxRows } = useLoaderData<typeof loader>();
  const db = useRef<ConsoleDb | null>(null);
  const [status, setStatus] = useState("Loading the SQL engine…");
  const [ready, setReady] = useState(false);
  const [sql, setSql] = useState(EXAMPLES[0].sql);
  const [result, setResult] = useState<{ columns: string[]; rows: unknown[][] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!relations) return;
    let cancelled = false;
    // duckdb-wasm is imported here, in an effect, so only this page ever downloads it.
    import("~/lib/duckdb.client")
      .then(({ openConsoleDb }) => openConsoleDb(relations, (m) => !cancelled && setStatus(m)))
      .then((opened) => {
        if (cancelled) return void opened.close();
        db.current = opened;
        setReady(true);
      })
      .catch((e: Error) => !cancelled && setStatus(`The SQL engine failed to start: ${e.message}`));
    return () => {
      cancelled = true;
      void db.current?.close();
      db.current = null;
    };
  }, [relations]);

  if (!relations) return <NoData />;
  const run = async () => {
    if (!db.current) return;
    setError(null);
    try {
      setResult(await db.current.query(sql));
    } catch (e) {
      setResult(null);
      setError((e as Error).message);
    }
  };
  return (
    <>
      <h1>SQL console</h1>
      <p className="explain">
        DuckDB running in your browser over Arrow extracts of the warehouse views ({relations.join(", ")}; up to{" "}
        {maxRows.toLocaleString("en-US")} rows each). Nothing you run here reaches the server.
      </p>
      <p className="status" role="status" data-testid="sql-status">
        {status}
      </p>
      <div className="chart-tools">
        {EXAMPLES.map((e) => (
          <button key={e.label} type="button" className="link-button" onClick={() => setSql(e.sql)}>
            {e.label}
          </button>
        ))}
      </div>
      <textarea className="sql-editor" aria-label="SQL query" value={sql} onChange={(e) => setSql(e.target.value)} spellCheck={false} />
      <p>
        <button type="button" className="link-button" disabled={!ready} onClick={() => void run()}>
          Run query
        </button>
      </p>
      {error ? (
        <p className="status" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        <div className="sql-results">
          <p className="muted">{result.rows.length} rows</p>
          <table className="table" data-testid="sql-results">
            <thead>
              <tr>
                {result.columns.map((c) => (
                  <th key={c}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: result rows have no identity; they are replaced wholesale
                <tr key={i}>
                  {r.map((v, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                    <td key={j}>{v === null || v === undefined ? "NULL" : String(v)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
