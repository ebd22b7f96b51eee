/**
 * Runs one block through the subgraph as graph-node does: triggers sorted (once-block handlers,
 * then logs by log index, then block handlers), every live data source tried per trigger in order,
 * each handler in a fresh module instance with its own cache layer; data sources created in the
 * block are then run on the same block, breadth-first. A deterministic handler failure drops the
 * block (unless the subgraph has `nonFatalErrors`); `ethereum.call` / `getBalance` / `hasCode` results
 * are fetched on demand and the handler re-run (see NeedCallError), so no handler logic ever lives in TypeScript.
 */
import type { ChainBlock, ChainLog, Hex } from "../chain/types.ts";
import { DeterministicError } from "../host/errors.ts";
import { writeBlock, writeEvent } from "../host/ethereum-objects.ts";
import { MappingModule } from "../host/module.ts";
import {
  type ChainReader,
  type ChainReadRequest,
  type EthCallRequest,
  NeedCallError,
  NeedChainReadError,
  type TriggerContext,
} from "../host/state.ts";
import { decodeLog } from "../manifest/events.ts";
import { apiAtLeast, type DataSource, type EventHandler, type Manifest } from "../manifest/manifest.ts";
import type { EntityChange } from "../store/types.ts";
import { type ChainReadMock, ChainReads, NoCallSourceError } from "./chain-reads.ts";
import { type CreatedDataSource, DataSourceSet } from "./data-sources.ts";
import { EntityCache, type StoreReader, type TaggedEntity } from "./entity-cache.ts";

export const LOG_LEVELS = ["critical", "error", "warning", "info", "debug"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export interface MappingLog {
  level: LogLevel;
  message: string;
}

export interface HandlerFailure {
  message: string;
  handler: string;
  dataSource: string;
}

export type BlockOutcome =
  | { ok: true; changes: EntityChange[]; created: CreatedDataSource[]; handlerCalls: number; eventsHandled: number }
  | { ok: false; failure: HandlerFailure; handlerCalls: number };

/**
 * Asynchronous `ethereum.call` answers (RPC). It may carry the `chainReader` for getBalance/hasCode,
 * so callers that only pass a fetcher along (the indexer) wire both without knowing about it.
 */
export type CallFetcher = ((request: EthCallRequest) => Promise<Hex | null>) & { chainReader?: ChainReader };

export interface RunnerOptions {
  /** Synchronous answers (tests): return data, null = revert, undefined = not known. */
  callMock?: (request: EthCallRequest) => Hex | null | undefined;
  /** Asynchronous answers (RPC), cached per block hash, address and calldata. */
  callFetcher?: CallFetcher;
  /** Synchronous getBalance (bigint) / hasCode (boolean) answers (tests); undefined = not known. */
  chainMock?: ChainReadMock;
  /** getBalance/hasCode at the block (RPC); defaults to `callFetcher.chainReader`. */
  chainReader?: ChainReader;
  onLog?: (log: MappingLog, where: { block: number; handler: string }) => void;
}

export { NoCallSourceError };

type Trigger = { kind: "log"; log: ChainLog } | { kind: "block"; once: boolean };

export class SubgraphRunner {
  readonly dataSources: DataSourceSet;
  private readonly modules = new Map<string, MappingModule>();
  private readonly callCache = new Map<string, Hex | null>();
  private readonly chainReads: ChainReads;
  /** What the running handler's host calls add to (handlers run one at a time). */
  private running: { logs: MappingLog[]; created: CreatedDataSource[]; block: number } = { logs: [], created: [], block: 0 };
  // The context's functions are made once, not per trigger: they read `running`.
  private readonly ethCall = (request: EthCallRequest) => this.answerCall(request);
  private readonly chainRead = (request: ChainReadRequest) => this.chainReads.answer(request);
  private readonly createDataSource = (template: string, args: string[], context: TaggedEntity | null) => {
    this.running.created.push(this.dataSources.prepare(template, args, context, this.running.block));
  };
  private readonly log = (level: number, message: string) => {
    this.running.logs.push({ level: LOG_LEVELS[level] ?? "debug", message });
  };

  constructor(
    readonly manifest: Manifest,
    private readonly store: StoreReader,
    private readonly options: RunnerOptions = {},
  ) {
    this.dataSources = new DataSourceSet(manifest);
    this.chainReads = new ChainReads(options.chainMock, options.chainReader ?? options.callFetcher?.chainReader);
    // Compile (and check imports of) every module up front, so a bad build fails before indexing.
    for (const m of [...manifest.dataSources, ...manifest.templates]) this.module(m.mapping.file);
  }

  private module(file: string): MappingModule {
    let m = this.modules.get(file);
    if (!m) {
      m = new MappingModule(file);
      this.modules.set(file, m);
    }
    return m;
  }

  /** Processes one block; entity changes are returned, not committed. */
  async processBlock(block: ChainBlock): Promise<BlockOutcome> {
    const cache = new EntityCache(this.store, this.manifest.schema, true);
    const created: CreatedDataSource[] = [];
    const counter = { calls: 0, events: 0 };
    const number = block.header.number;
    const triggers: Trigger[] = [
      { kind: "block", once: true },
      ...block.logs.map((log) => ({ kind: "log", log }) as Trigger),
      { kind: "block", once: false },
    ];
    let hosts = this.dataSources.all.filter((ds) => number >= ds.startBlock && (ds.endBlock === null || number <= ds.endBlock));
    while (hosts.length > 0) {
      const createdHere: CreatedDataSource[] = [];
      for (const trigger of triggers) {
        for (const ds of hosts) {
          const failure = await this.runTrigger(trigger, ds, block, cache, createdHere, counter);
          if (failure && !this.manifest.nonFatalErrors) {
            this.dataSources.revertTo(number - 1);
            return { ok: false, failure, handlerCalls: counter.calls };
          }
        }
      }
      // graph-node re-scans the block for the data sources it just created, until none are created.
      hosts = createdHere.map((r) => this.dataSources.add(r));
      created.push(...createdHere);
    }
    return { ok: true, changes: cache.changes(), created, handlerCalls: counter.calls, eventsHandled: counter.events };
  }

  private handlersFor(
    trigger: Trigger,
    ds: DataSource,
    block: ChainBlock,
  ): Array<{ handler: string; event?: EventHandler; params?: ReturnType<typeof decodeLog> }> {
    if (trigger.kind === "block") {
      const offset = block.header.number - ds.startBlock;
      return ds.mapping.blockHandlers
        .filter((h) => (trigger.once ? h.filter?.kind === "once" && offset === 0 : h.filter?.kind !== "once"))
        .filter((h) => h.filter?.kind !== "polling" || offset % h.filter.every === 0)
        .map((h) => ({ handler: h.handler }));
    }
    const log = trigger.log;
    if (ds.address !== null && ds.address !== log.address) return [];
    if (log.topics.length === 0) return [];
    const matching = ds.mapping.eventHandlers.filter(
      (h) => h.topic0 === log.topics[0] && h.topicFilters.every((f, i) => f === null || f.includes(log.topics[i + 1])),
    );
    const out = [];
    for (const h of matching) {
      const params = decodeLog(h.abiEvent, log);
      if (params) out.push({ handler: h.handler, event: h, params });
    }
    if (out.length > 1) throw new DeterministicError(`Multiple handlers defined for event \`${log.topics[0]}\` in data source ${ds.name}`);
    return out;
  }

  private async runTrigger(
    trigger: Trigger,
    ds: DataSource,
    block: ChainBlock,
    cache: EntityCache,
    createdHere: CreatedDataSource[],
    counter: { calls: number; events: number },
  ): Promise<HandlerFailure | null> {
    for (const { handler, event, params } of this.handlersFor(trigger, ds, block)) {
      const module = this.module(ds.mapping.file);
      const logs: MappingLog[] = [];
      const createdByHandler: CreatedDataSource[] = [];
      this.running = { logs, created: createdByHandler, block: block.header.number };
      const ctx: TriggerContext = {
        cache,
        dataSource: { name: ds.name, address: ds.address, network: ds.network, context: ds.context, abis: ds.mapping.abis },
        block: { number: block.header.number, hash: block.header.hash },
        strictFields: apiAtLeast(ds.mapping.apiVersion, "0.0.8"),
        chainReads: apiAtLeast(ds.mapping.apiVersion, "0.0.9"),
        ethCall: this.ethCall,
        chainRead: this.chainRead,
        createDataSource: this.createDataSource,
        log: this.log,
      };
      const writeArg =
        trigger.kind === "block"
          ? (heap: Parameters<Parameters<MappingModule["run"]>[2]>[0]) => writeBlock(heap, block.header)
          : (heap: Parameters<Parameters<MappingModule["run"]>[2]>[0]) => {
              const log = trigger.log;
              const transaction = block.transactions.get(log.transactionHash);
              if (!transaction)
                throw new Error(`source gave no transaction ${log.transactionHash} for log ${log.logIndex} of block ${log.blockNumber}`);
              let receipt = null;
              if (event?.receipt) {
                receipt = block.receipts.get(log.transactionHash) ?? null;
                if (!receipt) throw new Error(`source gave no receipt for ${log.transactionHash} (handler ${handler} has receipt: true)`);
              }
              return writeEvent(heap, { log, block: block.header, transaction, params: params ?? [], receipt });
            };
      for (;;) {
        counter.calls++;
        try {
          module.run(handler, ctx, writeArg);
          cache.commitHandler();
          if (trigger.kind === "log") counter.events++;
          createdHere.push(...createdByHandler);
          for (const l of logs) this.options.onLog?.(l, { block: block.header.number, handler });
          break;
        } catch (error) {
          cache.discardHandler();
          createdByHandler.length = 0;
          logs.length = 0;
          if (error instanceof NeedCallError) {
            await this.fetchCall(error.request);
            continue;
          }
          if (error instanceof NeedChainReadError) {
            await this.chainReads.fetch(error.request);
            continue;
          }
          if (error instanceof DeterministicError) {
            this.options.onLog?.({ level: "error", message: error.message }, { block: block.header.number, handler });
            return { message: error.message, handler, dataSource: ds.name };
          }
          throw error;
        }
      }
    }
    return null;
  }

  private callKey(r: EthCallRequest): string {
    return `${r.blockHash}:${r.address}:${r.data}`;
  }

  private answerCall(request: EthCallRequest): Hex | null {
    const key = this.callKey(request);
    const cached = this.callCache.get(key);
    if (cached !== undefined) return cached;
    const mocked = this.options.callMock?.(request);
    if (mocked !== undefined) return mocked;
    if (!this.options.callFetcher) {
      throw new NoCallSourceError(
        `ethereum.call ${request.contractName}.${request.functionSignature || request.functionName} on ${request.address} has no mock and no RPC to answer it`,
      );
    }
    throw new NeedCallError(request);
  }

  private async fetchCall(request: EthCallRequest): Promise<void> {
    const result = await (this.options.callFetcher as NonNullable<RunnerOptions["callFetcher"]>)(request);
    // Bounded cache: results are only reused within recent blocks.
    if (this.callCache.size > 10_000) this.callCache.clear();
    this.callCache.set(this.callKey(request), result);
  }
}
