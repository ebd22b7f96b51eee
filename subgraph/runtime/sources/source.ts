/**
 * What the indexing loop needs from a chain source (JSON-RPC or ethereum-etl files), and the log
 * filter derived from the manifest so sources fetch only what some handler can match.
 */
import type { BlockHeader, ChainBlock, Hex } from "../chain/types.ts";
import type { Manifest } from "../manifest/manifest.ts";

export interface LogFilter {
  /** Addresses of manifest data sources that have one. */
  addresses: Hex[];
  /** topic0 of their event handlers. */
  topics: Hex[];
  /** topic0s to fetch from any address: templates (children are unknown up front) and address-less data sources. */
  anyAddressTopics: Hex[];
  /** topic0s whose handlers want `receipt: true`. */
  receiptTopics: Set<Hex>;
  /** Some data source has a block handler: every block in range must be delivered. */
  everyBlock: boolean;
  startBlock: number;
  /** Last block any data source wants, or null for no end. */
  endBlock: number | null;
}

export function logFilter(manifest: Manifest): LogFilter {
  const addresses = new Set<Hex>();
  const topics = new Set<Hex>();
  const anyAddress = new Set<Hex>();
  const receiptTopics = new Set<Hex>();
  let everyBlock = false;
  for (const ds of [...manifest.dataSources, ...manifest.templates]) {
    const isTemplate = !("address" in ds);
    const open = isTemplate || ds.address === null;
    if (!open) addresses.add((ds as { address: Hex }).address);
    for (const h of ds.mapping.eventHandlers) {
      (open ? anyAddress : topics).add(h.topic0);
      if (h.receipt) receiptTopics.add(h.topic0);
    }
    if (ds.mapping.blockHandlers.length > 0) everyBlock = true;
  }
  const ends = manifest.dataSources.map((d) => d.endBlock);
  return {
    addresses: [...addresses],
    topics: [...topics],
    anyAddressTopics: [...anyAddress],
    receiptTopics,
    everyBlock,
    startBlock: Math.min(...manifest.dataSources.map((d) => d.startBlock)),
    endBlock: ends.every((e) => e !== null) && manifest.templates.length === 0 ? Math.max(...(ends as number[])) : null,
  };
}

export interface RangeResult {
  /**
   * Blocks with something to process, ascending; always including the first and the last block of
   * the range the source holds, so a batch always moves the cursor.
   */
  blocks: ChainBlock[];
}

export interface ChainSource {
  readonly kind: "rpc" | "etl";
  /** The highest block that may be indexed now (already minus confirmations). */
  head(): Promise<number>;
  /** Blocks from..to (inclusive) carrying candidate logs, plus the headers of from and to. */
  fetchRange(from: number, to: number): Promise<RangeResult>;
  /** The canonical header at `number` now, or null if the source has none (reorg checks). */
  header(number: number): Promise<BlockHeader | null>;
  /**
   * The lowest block at or after `number` the source holds, or null past its last one. Sources that
   * hold only some blocks (files) implement it so the loop jumps over what they lack instead of
   * walking it; a node holds every block, so the RPC source omits it.
   */
  firstBlockFrom?(number: number): number | null;
  /** Files end; an RPC head keeps moving. */
  readonly finite: boolean;
  close(): Promise<void>;
}
