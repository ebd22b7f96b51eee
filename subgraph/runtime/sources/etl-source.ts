/**
 * A `ChainSource` over ethereum-etl files, loaded once into memory (grouped by block), then served
 * range by range like the RPC source so the indexing loop is the same for both.
 */
import type { BlockHeader, ChainBlock, ChainLog, ChainReceipt, ChainTransaction, Hex } from "../chain/types.ts";
import { logsBloom } from "./bloom.ts";
import { EtlFormatError, listEtlFiles, readEtlRows } from "./etl-files.ts";
import { type EtlReceiptFields, etlBlock, etlLog, etlReceiptFields, etlTransaction } from "./etl-rows.ts";
import type { ChainSource, LogFilter, RangeResult } from "./source.ts";

interface EtlData {
  headers: Map<number, BlockHeader>;
  transactions: Map<Hex, ChainTransaction>;
  receiptFields: Map<Hex, EtlReceiptFields>;
  /** All logs per block, in log order. */
  logs: Map<number, ChainLog[]>;
}

async function loadEtl(files: string[]): Promise<EtlData> {
  const data: EtlData = { headers: new Map(), transactions: new Map(), receiptFields: new Map(), logs: new Map() };
  for await (const batch of readEtlRows(files))
    for (const { kind, row } of batch) {
      if (kind === "block") {
        const h = etlBlock(row);
        data.headers.set(h.number, h);
      } else if (kind === "transaction") {
        const { tx, receipt } = etlTransaction(row);
        data.transactions.set(tx.hash, tx);
        if (receipt) data.receiptFields.set(tx.hash, receipt);
      } else if (kind === "receipt") {
        const fields = etlReceiptFields(row, "");
        if (fields) data.receiptFields.set(String(row.transaction_hash).toLowerCase() as Hex, fields);
      } else {
        const log = etlLog(row);
        let list = data.logs.get(log.blockNumber);
        if (!list) {
          list = [];
          data.logs.set(log.blockNumber, list);
        }
        list.push(log);
      }
    }
  for (const list of data.logs.values()) list.sort((a, b) => a.logIndex - b.logIndex);
  // Receipts' effective gas price may come from receipts.csv, after transactions were read.
  for (const [hash, fields] of data.receiptFields) {
    const tx = data.transactions.get(hash);
    if (tx && fields.effectiveGasPrice !== null) tx.gasPriceWei = fields.effectiveGasPrice;
  }
  if (data.headers.size === 0) throw new EtlFormatError(`no block rows in ${files.join(", ")}`);
  for (const number of data.logs.keys())
    if (!data.headers.has(number)) throw new EtlFormatError(`logs of block ${number} but no block row for it`);
  return data;
}

export class EtlSource implements ChainSource {
  readonly kind = "etl" as const;
  readonly finite = true;
  private readonly maxBlock: number;
  /** Block numbers of the files, ascending: ranges walk these, never the numbers between them. */
  private readonly numbers: number[];
  private readonly addresses: Set<Hex>;
  private readonly topics: Set<Hex>;
  private readonly anyTopics: Set<Hex>;

  private constructor(
    private readonly data: EtlData,
    private readonly filter: LogFilter,
  ) {
    this.numbers = [...data.headers.keys()].sort((a, b) => a - b);
    this.maxBlock = this.numbers[this.numbers.length - 1];
    this.addresses = new Set(filter.addresses);
    this.topics = new Set(filter.topics);
    this.anyTopics = new Set(filter.anyAddressTopics);
  }

  /** Reads `paths` (files or directories of .json/.jsonl/.csv). */
  static async open(paths: string[], filter: LogFilter): Promise<EtlSource> {
    return new EtlSource(await loadEtl(listEtlFiles(paths)), filter);
  }

  async head(): Promise<number> {
    return this.maxBlock;
  }

  async header(number: number): Promise<BlockHeader | null> {
    return this.data.headers.get(number) ?? null;
  }

  /** Index of the first held block number >= `number` (numbers.length when none). */
  private lowerBound(number: number): number {
    let lo = 0;
    let hi = this.numbers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.numbers[mid] < number) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  firstBlockFrom(number: number): number | null {
    return this.numbers[this.lowerBound(number)] ?? null;
  }

  private candidate(log: ChainLog): boolean {
    const t0 = log.topics[0];
    if (t0 === undefined) return false;
    return this.anyTopics.has(t0) || (this.addresses.has(log.address) && this.topics.has(t0));
  }

  private receipt(hash: Hex, blockLogs: ChainLog[], header: BlockHeader): ChainReceipt {
    const fields = this.data.receiptFields.get(hash);
    const tx = this.data.transactions.get(hash);
    if (!fields || !tx) throw new EtlFormatError(`a handler needs the receipt of ${hash}, but the files have no receipt columns for it`);
    const logs = blockLogs.filter((l) => l.transactionHash === hash);
    return {
      transactionHash: hash,
      transactionIndex: tx.index,
      blockHash: header.hash,
      blockNumber: header.number,
      cumulativeGasUsed: fields.cumulativeGasUsed,
      gasUsed: fields.gasUsed,
      contractAddress: fields.contractAddress,
      logs,
      status: fields.status,
      root: fields.root,
      logsBloom: logsBloom(logs),
    };
  }

  async fetchRange(from: number, to: number): Promise<RangeResult> {
    const blocks: ChainBlock[] = [];
    const end = this.lowerBound(to + 1);
    const start = this.lowerBound(from);
    for (let i = start; i < end; i++) {
      const n = this.numbers[i];
      const all = this.data.logs.get(n) ?? [];
      const logs = all.filter((l) => this.candidate(l));
      const edge = i === start || i === end - 1;
      if (logs.length === 0 && !this.filter.everyBlock && !edge) continue;
      const header = this.data.headers.get(n) as BlockHeader;
      const transactions = new Map<Hex, ChainTransaction>();
      const receipts = new Map<Hex, ChainReceipt>();
      for (const log of logs) {
        const tx = this.data.transactions.get(log.transactionHash);
        if (!tx)
          throw new EtlFormatError(
            `log ${log.logIndex} of block ${n} refers to transaction ${log.transactionHash}, which is not in the files`,
          );
        transactions.set(tx.hash, tx);
        if (this.filter.receiptTopics.has(log.topics[0]) && !receipts.has(tx.hash))
          receipts.set(tx.hash, this.receipt(tx.hash, all, header));
      }
      blocks.push({ header, logs, transactions, receipts });
    }
    return { blocks };
  }

  async close(): Promise<void> {}
}
