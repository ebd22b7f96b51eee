/** Indexing progress: blocks/s and events (handler calls)/s over the last interval, and head lag. */
export interface ProgressSnapshot {
  block: number;
  head: number;
  lagBlocks: number;
  blocksPerSecond: number;
  eventsPerSecond: number;
  totalEvents: number;
}

export class Progress {
  private lastAt = performance.now();
  /** Null until the first snapshot: the first batch may start millions of blocks past 0. */
  private lastBlock: number | null;
  private lastEvents = 0;
  totalEvents = 0;

  constructor(startBlock: number | null) {
    this.lastBlock = startBlock;
  }

  snapshot(block: number, head: number): ProgressSnapshot {
    const now = performance.now();
    const seconds = Math.max((now - this.lastAt) / 1000, 1e-6);
    const snap = {
      block,
      head,
      lagBlocks: Math.max(0, head - block),
      blocksPerSecond: this.lastBlock === null ? 0 : (block - this.lastBlock) / seconds,
      eventsPerSecond: (this.totalEvents - this.lastEvents) / seconds,
      totalEvents: this.totalEvents,
    };
    this.lastAt = now;
    this.lastBlock = block;
    this.lastEvents = this.totalEvents;
    return snap;
  }
}

export function formatProgress(p: ProgressSnapshot): string {
  return `block ${p.block} / head ${p.head} (lag ${p.lagBlocks}) · ${p.blocksPerSecond.toFixed(0)} blocks/s · ${p.eventsPerSecond.toFixed(0)} events/s · ${p.totalEvents} events`;
}
