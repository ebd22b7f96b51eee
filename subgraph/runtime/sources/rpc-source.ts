/**
 * A `ChainSource` over JSON-RPC: `eth_getLogs` by address and topic0 over adaptive block ranges
 * (halved when the node refuses a range or a reply is too big, grown again after successes), block
 * headers and transactions only for blocks with candidate logs (all blocks when a block handler
 * exists), and receipts only for transactions whose logs feed a `receipt: true` handler.
 */
import { rpcBlockSchema, rpcReceiptSchema, toHeader, toReceipt, toTransaction } from "../chain/rpc-json.ts";
import { parseRpcLog } from "../chain/rpc-log.ts";
import type { BlockHeader, ChainBlock, ChainLog, ChainReceipt, ChainTransaction, Hex } from "../chain/types.ts";
import { isTooLarge, type RawRequest, rpcRequester } from "./rpc-client.ts";
import type { ChainSource, LogFilter, RangeResult } from "./source.ts";

const q = (n: number) => `0x${n.toString(16)}`;

export interface RpcSourceOptions {
  /** Index only up to head - confirmations. */
  confirmations?: number;
  /** Largest eth_getLogs range tried. */
  maxLogRange?: number;
  /** Blocks fetched concurrently. */
  concurrency?: number;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return out;
}

export class RpcSource implements ChainSource {
  readonly kind = "rpc" as const;
  readonly finite = false;
  readonly request: RawRequest;
  private logRange: number;
  private blockReceipts = true;

  constructor(
    readonly url: string,
    private readonly filter: LogFilter,
    private readonly options: RpcSourceOptions = {},
  ) {
    this.request = rpcRequester(url);
    this.logRange = options.maxLogRange ?? 2000;
  }

  async head(): Promise<number> {
    const n = Number(BigInt((await this.request("eth_blockNumber", [])) as string));
    return Math.max(0, n - (this.options.confirmations ?? 0));
  }

  async header(number: number): Promise<BlockHeader | null> {
    const raw = await this.request("eth_getBlockByNumber", [q(number), false]);
    return raw ? toHeader(rpcBlockSchema.parse(raw)) : null;
  }

  /** eth_getLogs over from..to, splitting the range while the node says it is too big. */
  private async logs(from: number, to: number, params: { address?: Hex[]; topics: Array<Hex[]> }): Promise<ChainLog[]> {
    const out: ChainLog[] = [];
    let start = from;
    while (start <= to) {
      const end = Math.min(to, start + this.logRange - 1);
      try {
        const raw = (await this.request("eth_getLogs", [{ fromBlock: q(start), toBlock: q(end), ...params }])) as unknown[];
        for (const l of raw) out.push(parseRpcLog(l));
        start = end + 1;
        this.logRange = Math.min(this.options.maxLogRange ?? 2000, this.logRange * 2);
      } catch (error) {
        if (!isTooLarge(error) || this.logRange === 1) throw error;
        this.logRange = Math.max(1, Math.floor(this.logRange / 2));
      }
    }
    return out;
  }

  private async receipts(block: number, hashes: Hex[]): Promise<ChainReceipt[]> {
    if (this.blockReceipts) {
      try {
        const raw = (await this.request("eth_getBlockReceipts", [q(block)])) as unknown[];
        const wanted = new Set(hashes);
        return raw.map((r) => toReceipt(rpcReceiptSchema.parse(r))).filter((r) => wanted.has(r.transactionHash));
      } catch (error) {
        if (!/method|not (found|supported|available)|unsupported/i.test(String((error as Error).message))) throw error;
        this.blockReceipts = false;
      }
    }
    return Promise.all(hashes.map(async (h) => toReceipt(rpcReceiptSchema.parse(await this.request("eth_getTransactionReceipt", [h])))));
  }

  async fetchRange(from: number, to: number): Promise<RangeResult> {
    const f = this.filter;
    const queries: Array<Promise<ChainLog[]>> = [];
    if (f.addresses.length > 0 && f.topics.length > 0) queries.push(this.logs(from, to, { address: f.addresses, topics: [f.topics] }));
    if (f.anyAddressTopics.length > 0) queries.push(this.logs(from, to, { topics: [f.anyAddressTopics] }));
    const byBlock = new Map<number, Map<number, ChainLog>>();
    for (const list of await Promise.all(queries)) {
      for (const log of list) {
        if (log.removed) continue;
        let m = byBlock.get(log.blockNumber);
        if (!m) {
          m = new Map();
          byBlock.set(log.blockNumber, m);
        }
        m.set(log.logIndex, log);
      }
    }
    const numbers = new Set<number>([from, to, ...byBlock.keys()]);
    if (f.everyBlock) for (let n = from; n <= to; n++) numbers.add(n);
    const sorted = [...numbers].filter((n) => n >= from && n <= to).sort((a, b) => a - b);
    const blocks = await mapLimit(sorted, this.options.concurrency ?? 16, (n) => this.block(n, [...(byBlock.get(n)?.values() ?? [])]));
    return { blocks: blocks.filter((b): b is ChainBlock => b !== null) };
  }

  private async block(n: number, logs: ChainLog[]): Promise<ChainBlock | null> {
    const raw = await this.request("eth_getBlockByNumber", [q(n), logs.length > 0]);
    if (!raw) return null;
    const parsed = rpcBlockSchema.parse(raw);
    const header = toHeader(parsed);
    logs.sort((a, b) => a.logIndex - b.logIndex);
    const transactions = new Map<Hex, ChainTransaction>();
    for (const t of parsed.transactions ?? []) {
      if (typeof t === "string") continue;
      const tx = toTransaction(t, header.baseFeePerGas);
      transactions.set(tx.hash, tx);
    }
    const receiptTxs = [...new Set(logs.filter((l) => this.filter.receiptTopics.has(l.topics[0])).map((l) => l.transactionHash))];
    const receipts = new Map<Hex, ChainReceipt>();
    if (receiptTxs.length > 0) for (const r of await this.receipts(n, receiptTxs)) receipts.set(r.transactionHash, r);
    return { header, logs, transactions, receipts };
  }

  async close(): Promise<void> {}
}
