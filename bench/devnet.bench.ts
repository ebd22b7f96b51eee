/**
 * `npm run bench devnet`: the full default history (`--seed 1 --days 90`) simulated from scratch
 * with Seaport artifacts cached, then started again from the history cache (what `npm start`
 * does on later runs). Prints wall time, peak RSS, blocks, mints, Seaport sales and sales per kind.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileAll } from "../chain/compile.ts";
import { startDevnet } from "../chain/index.ts";
import { readCsv } from "../chain/truth.ts";
import { measure, report } from "./lib/measure.ts";

compileAll((job) => console.log(`(compiling ${job.name} first; not measured)`));
const out = mkdtempSync(join(tmpdir(), "hashfloor-bench-devnet-"));
try {
  const fresh = await measure("simulate seed 1, 90 days", async () => {
    const devnet = await startDevnet({ seed: 1, days: 90, out });
    await devnet.stop();
    return devnet;
  });
  const sales = readCsv(join(fresh.result.truthDir, "sales.csv"));
  const fills = new Map<string, string>();
  for (const s of sales) fills.set(`${s.tx_hash}:${s.log_index}`, s.sale_kind);
  const perKind: Record<string, number> = {};
  for (const kind of fills.values()) perKind[kind] = (perKind[kind] ?? 0) + 1;
  const mints = readCsv(join(fresh.result.truthDir, "mints.csv")).length;
  const wash = readCsv(join(fresh.result.truthDir, "wash_trades.csv")).length;
  const transfers = readCsv(join(fresh.result.truthDir, "transfers.csv")).length;
  const replayed = await measure("start again from the history cache", async () => {
    const devnet = await startDevnet({ seed: 1, days: 90, out });
    await devnet.stop();
    return devnet;
  });
  report("devnet history (npm run bench devnet)", [
    {
      label: fresh.label,
      ms: fresh.ms,
      peakRssMb: fresh.peakRssMb,
      extra: {
        blocks: fresh.result.deployment.historyEndBlock,
        mints,
        "Seaport sales": fills.size,
        "sale rows": sales.length,
        wash,
        transfers,
        ...perKind,
      },
    },
    { label: replayed.label, ms: replayed.ms, peakRssMb: replayed.peakRssMb, extra: { "from cache": String(replayed.result.fromCache) } },
  ]);
} finally {
  rmSync(out, { recursive: true, force: true });
}
