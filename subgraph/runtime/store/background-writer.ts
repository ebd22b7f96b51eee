/**
 * Runs `StoreWriter.commit` on a worker thread (writer-worker.ts) so SQLite's work overlaps the
 * indexer's handler work on a second core. Batches commit in the order given, each atomically;
 * a failed batch rejects its promise with the writer's error (StoreWriteError keeps its type).
 */
import { Worker } from "node:worker_threads";
import { StoreWriteError } from "./write.ts";
import type { CommitBatch } from "./writer.ts";
import type { WriterReply, WriterRequest } from "./writer-worker.ts";

type Pending = { resolve: () => void; reject: (error: Error) => void };

/** Whether this Node can load the worker's TypeScript itself (type stripping, on by default from 22.18). */
export const canWriteInBackground = (): boolean => Boolean((process.features as { typescript?: string | false }).typescript);

export class BackgroundWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(file: string, schemaSdl: string) {
    this.worker = new Worker(new URL("./writer-worker.ts", import.meta.url), { workerData: { file, schemaSdl } });
    this.worker.on("message", (reply: WriterReply) => {
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      if (!p) return;
      if (!reply.error) return p.resolve();
      const error = reply.error.name === "StoreWriteError" ? new StoreWriteError(reply.error.message) : new Error(reply.error.message);
      p.reject(error);
    });
    // The thread keeps the process alive only while a commit is in flight.
    this.worker.unref();
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => this.fail(new Error(`the store's writer thread exited (code ${code}) with commits pending`)));
  }

  /** Commits in flight (sent, not yet durable). */
  get inFlight(): number {
    return this.pending.size;
  }

  /** `generation`: see WriterRequest (bump it after writing to the file from another connection). */
  commit(blocks: CommitBatch, dataSources: string | undefined, generation: number): Promise<void> {
    return this.send((id) => ({ id, blocks, dataSources, generation }));
  }

  /** Waits for every queued commit, then stops the thread. */
  async close(): Promise<void> {
    if (this.failure) return;
    await this.send((id) => ({ id, close: true })).catch(() => undefined);
    await this.worker.terminate();
  }

  private send(make: (id: number) => WriterRequest): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage(make(id));
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
