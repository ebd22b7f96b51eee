/**
 * duckdb-wasm for the SQL console. Imported only from the /sql page, inside an effect, so no other
 * page downloads it. Its .wasm and worker are copied to /duckdb/ at build time (served gzipped).
 * Extension auto-install/auto-load are off: the console must never reach the network.
 */
import * as duckdb from "@duckdb/duckdb-wasm";

export interface ConsoleDb {
  query(sql: string): Promise<{ columns: string[]; rows: unknown[][] }>;
  close(): Promise<void>;
}

/** Starts duckdb-wasm in a worker and loads each relation's Arrow IPC extract as a table. */
export async function openConsoleDb(relations: string[], onProgress: (msg: string) => void): Promise<ConsoleDb> {
  onProgress("Starting DuckDB in the browser…");
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: "/duckdb/duckdb-eh.wasm", mainWorker: "/duckdb/duckdb-browser-eh.worker.js" },
    eh: { mainModule: "/duckdb/duckdb-eh.wasm", mainWorker: "/duckdb/duckdb-browser-eh.worker.js" },
  });
  const worker = new Worker(bundle.mainWorker as string);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule);
  const conn = await db.connect();
  await conn.query("SET autoinstall_known_extensions = false");
  await conn.query("SET autoload_known_extensions = false");
  for (const relation of relations) {
    onProgress(`Loading ${relation}…`);
    const r = await fetch(`/api/arrow/${relation}`);
    if (!r.ok) throw new Error(`loading ${relation} failed: ${r.status} ${await r.text()}`);
    await conn.insertArrowFromIPCStream(new Uint8Array(await r.arrayBuffer()), { name: relation, create: true });
  }
  onProgress(`Ready: ${relations.join(", ")}.`);
  return {
    async query(sql) {
      const table = await conn.query(sql);
      const columns = table.schema.fields.map((f) => f.name);
      const rows = table.toArray().map((row) => columns.map((c) => (row as Record<string, unknown>)[c]));
      return { columns, rows };
    },
    async close() {
      await conn.close();
      await db.terminate();
      worker.terminate();
    },
  };
}
