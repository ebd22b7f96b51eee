/**
 * The pipelined writer's thread: commits batches on its own connection while the indexer runs the
 * next batch's handlers on the main thread (graph-node likewise writes from a queue on another
 * thread). Loaded by plain Node with type stripping, so only erasable TypeScript here and below.
 */
import { parentPort, workerData } from "node:worker_threads";
import { buildLayout } from "./layout.ts";
import { parseSubgraphSchema } from "./schema.ts";
import { Sqlite } from "./sqlite.ts";
import { type CommitBatch, StoreWriter } from "./writer.ts";

/**
 * `generation` counts the writes the store made on its own connection (a revert, a synchronous
 * commit): when it changed, versions this thread remembers may be gone, so it forgets them.
 */
export type WriterRequest = { id: number; blocks: CommitBatch; dataSources?: string; generation: number } | { id: number; close: true };
export type WriterReply = { id: number; error?: { name: string; message: string } };

const { file, schemaSdl } = workerData as { file: string; schemaSdl: string };
const db = new Sqlite(file);
const schema = parseSubgraphSchema(schemaSdl);
const writer = new StoreWriter(db, schema, buildLayout(schema));
const port = parentPort as NonNullable<typeof parentPort>;
let generation = 0;

port.on("message", (request: WriterRequest) => {
  if ("close" in request) {
    db.close();
    port.postMessage({ id: request.id } satisfies WriterReply);
    port.close();
    return;
  }
  try {
    if (request.generation !== generation) {
      writer.versions.forget();
      generation = request.generation;
    }
    writer.commit(request.blocks, request.dataSources);
    port.postMessage({ id: request.id } satisfies WriterReply);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    port.postMessage({ id: request.id, error: { name: e.name, message: e.message } } satisfies WriterReply);
  }
});
