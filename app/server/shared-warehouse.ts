/**
 * One DuckDB warehouse shared by the sync loop (writer) and the web server (reader) inside the
 * `npm start` process: DuckDB lets one process write and no other process read beside it, and two
 * instances of one file in one process would not see each other's writes. Reads run between sync
 * passes, never inside one, so a page never sees half a pass.
 */
import type { Warehouse } from "../../analytics/db.ts";

/** A warehouse that can say a writer holds it (pages then serve what they cached). */
export type BusyAwareWarehouse = Warehouse & { isBusy?: () => boolean };

export interface SharedWarehouse {
  /** What loaders use: every query waits while a sync pass holds the warehouse. */
  reader: BusyAwareWarehouse;
  /** Runs `work` (a sync pass) with the warehouse to itself: it waits for running reads, then blocks new ones. */
  exclusive<T>(work: (w: Warehouse) => Promise<T>): Promise<T>;
}

/** Wraps `warehouse` with a readers–writer lock (writer preferred, so sync is never starved). */
export function shareWarehouse(warehouse: Warehouse): SharedWarehouse {
  let readers = 0;
  let writing = false;
  let writersWaiting = 0;
  const waiters: (() => void)[] = [];
  const wake = () => {
    for (const w of waiters.splice(0)) w();
  };
  const sleep = () => new Promise<void>((r) => waiters.push(r));
  // The checks and the counter updates below must happen in the same tick (no await between them).
  const read = async <T>(query: () => Promise<T>): Promise<T> => {
    while (writing || writersWaiting > 0) await sleep();
    readers++;
    try {
      return await query();
    } finally {
      readers--;
      wake();
    }
  };
  const reader: BusyAwareWarehouse = {
    ...warehouse,
    isBusy: () => writing || writersWaiting > 0,
    all: (sql, params) => read(() => warehouse.all(sql, params)),
    run: (sql, params) => read(() => warehouse.run(sql, params)),
    transaction: () => Promise.reject(new Error("the web server reads only")),
    close: () => {},
  };
  return {
    reader,
    async exclusive(work) {
      writersWaiting++;
      try {
        while (writing || readers > 0) await sleep();
      } finally {
        writersWaiting--;
      }
      writing = true;
      try {
        return await work(warehouse);
      } finally {
        writing = false;
        wake();
      }
    },
  };
}
