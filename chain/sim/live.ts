/**
 * Live mode: after the history, keep mining a block every few seconds of wall time (12 s of chain
 * time each) with trades, hourly oracle reports and background traffic. The market state is read
 * back from the chain (Transfer logs, balances), so live mode works the same after a fresh
 * simulation and after a replayed one. Live sales are appended to truth/live_sales.csv.
 */
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Cast } from "../actors.ts";
import type { Artifact } from "../compile.ts";
import type { Contracts } from "../deploy.ts";
import { SALE_COLUMNS, toCsv } from "../truth.ts";
import { ChainWriter, type Hex, type Receipt } from "../writer.ts";
import { buildContext } from "./build-context.ts";
import type { SimContext } from "./context.ts";
import { backgroundTraffic, sendFeedUpdates } from "./hourly.ts";
import { MarketPlanner } from "./market.ts";
import { finishBlock } from "./simulate.ts";

const TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

export interface LiveOptions {
  seed: number;
  days: number;
  chainId: number;
  genesisTimestamp: number;
  provider: ConstructorParameters<typeof ChainWriter>[0];
  cast: Cast;
  contracts: Contracts;
  artifacts: Record<string, Artifact>;
  truthDir: string;
  /** Wall-clock milliseconds between blocks (default 3,000). */
  intervalMs?: number;
  onBlock?: (block: { number: number; sales: number }) => void;
}

export interface LiveRun {
  stop(): Promise<void>;
}

async function restoreState(ctx: SimContext): Promise<void> {
  const p = ctx.writer.provider;
  for (const col of ctx.contracts.collections) {
    const logs = (await p.request({
      method: "eth_getLogs",
      params: [{ address: col.address, topics: [TRANSFER_TOPIC], fromBlock: `0x${col.startBlock.toString(16)}`, toBlock: "latest" }],
    })) as Receipt["logs"];
    ctx.state.applyLogs(logs, 0);
  }
  for (const a of ctx.traders) {
    ctx.state.addEth(a, BigInt((await p.request({ method: "eth_getBalance", params: [a, "latest"] })) as string));
    const weth = await ctx.writer.call(ctx.contracts.weth.address, `0x70a08231${a.slice(2).padStart(64, "0")}` as Hex);
    ctx.state.addWeth(a, BigInt(weth));
  }
  for (const actor of ctx.cast.all) {
    const n = (await p.request({ method: "eth_getTransactionCount", params: [actor.address, "latest"] })) as string;
    ctx.writer.setNonce(actor.address, Number(n));
  }
}

/** Starts the live loop; `stop()` finishes the block in progress and returns. */
export async function startLive(o: LiveOptions): Promise<LiveRun> {
  const writer = new ChainWriter(o.provider, false);
  await writer.init();
  const ctx = buildContext({ ...o, writer, rngStream: `live:${writer.head.number}` });
  await restoreState(ctx);
  const market = new MarketPlanner(ctx);
  const file = join(o.truthDir, "live_sales.csv");
  if (!existsSync(file)) writeFileSync(file, toCsv([], SALE_COLUMNS));
  let lastHour = ctx.hourOf(writer.head.timestamp);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inProgress: Promise<void> = Promise.resolve();

  const tick = async () => {
    const ts = writer.head.timestamp + 12;
    const hour = ctx.hourOf(ts);
    if (hour !== lastHour) await sendFeedUpdates(ctx, ts);
    lastHour = hour;
    // The hourly planner's draw every block: one or two sales every few seconds, for a lively demo.
    for (const action of market.actionsFor(hour)) await action(ts);
    await backgroundTraffic(ctx, ts);
    const before = ctx.truth.sales.length;
    await finishBlock(ctx, await writer.mine(ts));
    const fresh = ctx.truth.sales.slice(before);
    if (fresh.length > 0)
      appendFileSync(
        file,
        toCsv(fresh as never[], SALE_COLUMNS)
          .split("\n")
          .slice(1)
          .join("\n"),
      );
    o.onBlock?.({ number: writer.head.number, sales: fresh.length });
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      inProgress = tick().then(schedule, (error: Error) => {
        stopped = true;
        console.error(`hashfloor devnet: live mode stopped: ${error.message}`);
      });
    }, o.intervalMs ?? 3000);
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inProgress;
    },
  };
}
