/**
 * Incremental subgraph → warehouse sync. A sync *window* covers the entities changed in blocks
 * [from, to], where `to` is the subgraph's head when the window opened; every page of the window is
 * pinned to block `to`, so one window sees one consistent state. Pages are read by `id_gt` with a
 * literal `first: 1000`, and each page commits together with its cursor, so a run killed halfway
 * leaves whole pages and a cursor behind, and the next run resumes the same window at the same block.
 *
 * sync_state rows: `subgraph` = { doneThrough, window } (block_number = doneThrough);
 * `subgraph:<entity>` = { afterId, done } for the open window (block_number = window.to).
 */
import type { Warehouse } from "../db.ts";
import type { GraphClient } from "../graphclient/client.ts";
import { SubgraphError } from "../graphclient/client.ts";
import { type EntitySpec, entitySpecs } from "./entities.ts";
import { readState, type TableRows, writeState, writeTableRows } from "./write.ts";

export const pageSize = 1000;

export interface SyncProgress {
  stage: "subgraph" | "blocks" | "first_funding" | "metadata";
  message: string;
  /** Entity or table the counts refer to. */
  what?: string;
  rows?: number;
}

export interface SubgraphSyncResult {
  /** Block the warehouse now reflects (null when the subgraph has indexed nothing yet). */
  doneThroughBlock: number | null;
  /** Entities fetched, per entity. */
  fetched: Record<string, number>;
  pages: number;
  /** Time spent waiting for pages and writing them, for benchmarks. */
  fetchMs: number;
  writeMs: number;
}

interface WindowState {
  doneThrough: number | null;
  window: { from: number; to: number } | null;
}

async function readWindow(warehouse: Warehouse): Promise<WindowState> {
  const state = await readState(warehouse, "subgraph");
  if (!state) return { doneThrough: null, window: null };
  const parsed = JSON.parse(state.cursor) as WindowState;
  return { doneThrough: parsed.doneThrough ?? null, window: parsed.window ?? null };
}

async function writeWindow(warehouse: Warehouse, state: WindowState): Promise<void> {
  await writeState(warehouse, "subgraph", JSON.stringify(state), state.doneThrough);
}

/** One page: fetch, validate, write rows and cursor atomically. Returns the entity count. */
async function syncPage(
  warehouse: Warehouse,
  client: GraphClient,
  spec: EntitySpec,
  window: { from: number; to: number },
  afterId: string,
  timing: { fetchMs: number; writeMs: number },
): Promise<{ count: number; lastId: string }> {
  const fetchStart = performance.now();
  const raw = await client.page(spec.operation, spec.field, { block: window.to, fromBlock: window.from, afterId });
  const rows: TableRows = {};
  let lastId = afterId;
  for (const [i, item] of raw.entries()) {
    const parsed = spec.schema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SubgraphError(
        `subgraph returned a malformed ${spec.name} entity (${String((item as { id?: unknown })?.id ?? `#${i}`)}): ${issue.path.join(".")} ${issue.message}`,
      );
    }
    for (const [table, list] of Object.entries(spec.toRows(parsed.data)) as Array<
      [keyof TableRows, NonNullable<TableRows[keyof TableRows]>]
    >) {
      rows[table] ??= [];
      rows[table].push(...list);
    }
    lastId = String((item as { id: string }).id);
  }
  const done = raw.length < pageSize;
  const writeStart = performance.now();
  timing.fetchMs += writeStart - fetchStart;
  await warehouse.transaction(async () => {
    await writeTableRows(warehouse, rows);
    await writeState(warehouse, `subgraph:${spec.name}`, JSON.stringify({ afterId: lastId, done }), window.to);
  });
  timing.writeMs += performance.now() - writeStart;
  return { count: raw.length, lastId };
}

async function syncWindow(
  warehouse: Warehouse,
  client: GraphClient,
  window: { from: number; to: number },
  result: SubgraphSyncResult,
  onProgress: (p: SyncProgress) => void,
): Promise<void> {
  for (const spec of entitySpecs) {
    const saved = await readState(warehouse, `subgraph:${spec.name}`);
    const entityState = saved && saved.blockNumber === window.to ? (JSON.parse(saved.cursor) as { afterId: string; done: boolean }) : null;
    if (entityState?.done) continue;
    let afterId = entityState?.afterId ?? (spec.idType === "Bytes" ? "0x" : "");
    for (;;) {
      const page = await syncPage(warehouse, client, spec, window, afterId, result);
      result.pages++;
      result.fetched[spec.name] = (result.fetched[spec.name] ?? 0) + page.count;
      onProgress({
        stage: "subgraph",
        what: spec.name,
        rows: result.fetched[spec.name],
        message: `${spec.name}: ${result.fetched[spec.name]} @ block ${window.to}`,
      });
      if (page.count < pageSize) break;
      afterId = page.lastId;
    }
  }
  await warehouse.transaction(async () => {
    await writeWindow(warehouse, { doneThrough: window.to, window: null });
    await warehouse.run("DELETE FROM sync_state WHERE source LIKE 'subgraph:%'");
  });
}

/**
 * Brings the warehouse up to the subgraph's head: finishes an interrupted window first (at its own
 * pinned block), then syncs what changed since. Throws SubgraphError (warehouse consistent and
 * resumable) when the endpoint keeps failing.
 */
export async function syncSubgraph({
  warehouse,
  client,
  onProgress = () => {},
}: {
  warehouse: Warehouse;
  client: GraphClient;
  onProgress?: (p: SyncProgress) => void;
}): Promise<SubgraphSyncResult> {
  let state = await readWindow(warehouse);
  const result: SubgraphSyncResult = { doneThroughBlock: state.doneThrough, fetched: {}, pages: 0, fetchMs: 0, writeMs: 0 };
  if (state.window) {
    onProgress({ stage: "subgraph", message: `resuming blocks ${state.window.from}–${state.window.to}` });
    await syncWindow(warehouse, client, state.window, result, onProgress);
    state = { doneThrough: state.window.to, window: null };
  }
  const head = await client.head();
  if (head.hasIndexingErrors) {
    throw new SubgraphError(
      `subgraph at ${client.url} reports indexing errors (deployment ${head.deployment}); fix and redeploy it, then sync again`,
    );
  }
  if (state.doneThrough !== null && head.blockNumber <= state.doneThrough) {
    onProgress({ stage: "subgraph", message: `up to date at block ${state.doneThrough}` });
    result.doneThroughBlock = state.doneThrough;
    return result;
  }
  const window = { from: state.doneThrough === null ? 0 : state.doneThrough + 1, to: head.blockNumber };
  await warehouse.transaction(() => writeWindow(warehouse, { doneThrough: state.doneThrough, window }));
  onProgress({ stage: "subgraph", message: `syncing blocks ${window.from}–${window.to}` });
  await syncWindow(warehouse, client, window, result, onProgress);
  result.doneThroughBlock = window.to;
  return result;
}
