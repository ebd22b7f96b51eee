/**
 * The simulator's clock: deploy and set up in hour 0, then hour by hour mine a burst of blocks 12 s
 * apart (more when busy), each carrying that hour's oracle reports, mints, sales, wash legs and
 * background traffic sized so the EIP-1559 base fee follows real block fullness. Blocks are mined
 * one at a time with explicit timestamps; nothing here reads the wall clock.
 */
import type { Cast } from "../actors.ts";
import type { Artifact } from "../compile.ts";
import { type Contracts, deployAll } from "../deploy.ts";
import type { RequestProvider } from "../rpc-server.ts";
import type { TruthRecorder } from "../truth.ts";
import { ChainWriter, type MinedBlock } from "../writer.ts";
import { buildContext } from "./build-context.ts";
import { COLLECTIONS } from "./collections.ts";
import { lower, type SimContext } from "./context.ts";
import { backgroundTraffic, sendFeedUpdates, writeModelTables } from "./hourly.ts";
import { type BlockAction, MarketPlanner } from "./market.ts";
import { MintPlanner, mintSchedule, sendGasWar } from "./mints.ts";
import { sendSale, settleSales } from "./sales.ts";
import { recordGenesis, setupActors } from "./setup.ts";
import { finalizeWashRules, WashDesk } from "./wash.ts";

export interface SimulateOptions {
  seed: number;
  days: number;
  chainId: number;
  provider: RequestProvider;
  cast: Cast;
  artifacts: Record<string, Artifact>;
  genesisTimestamp: number;
  onProgress?: (p: { hour: number; totalHours: number; block: number; sales: number }) => void;
}

export interface SimulationResult {
  contracts: Contracts;
  historyEndBlock: number;
  truth: TruthRecorder;
  writer: ChainWriter;
  ctx: SimContext;
  stats: { blocks: number; txs: number; mints: number; sales: number; washTrades: number; gasWarTxs: number };
}

/** Applies a mined block to the simulator's state and truth: owners, mints, sales. */
export async function finishBlock(ctx: SimContext, block: MinedBlock): Promise<void> {
  const hour = ctx.hourOf(block.timestamp);
  for (const r of block.receipts) {
    for (const m of ctx.state.applyReceipt(r, hour)) {
      const col = ctx.contracts.collections[m.collection];
      ctx.truth.mints.push({
        tx_hash: r.transactionHash,
        block_number: block.number,
        collection: lower(col.address),
        token_id: m.tokenId,
        minter: m.to,
        price_wei: col.spec.mintPriceWei,
      });
    }
  }
  await settleSales(ctx, block);
}

export async function simulate(o: SimulateOptions): Promise<SimulationResult> {
  const writer = new ChainWriter(o.provider);
  await writer.init();
  const totalHours = Math.round(o.days * 24);
  const schedule = mintSchedule(
    { days: o.days },
    COLLECTIONS.map((s) => s.mintStyle),
  );
  const saleStarts = COLLECTIONS.map((s, i) =>
    s.mintStyle === "public-gas-war" ? o.genesisTimestamp + schedule.hours[i][0] * 3600 + 600 : o.genesisTimestamp,
  );
  const nextTimestamp = () => writer.head.timestamp + 12;
  const contracts = await deployAll(writer, {
    seed: o.seed,
    days: o.days,
    cast: o.cast,
    artifacts: o.artifacts,
    specs: COLLECTIONS,
    saleStarts,
    nextTimestamp,
  });
  const ctx = buildContext({ ...o, writer, contracts, rngStream: "simulator" });
  const rng = ctx.rng;
  recordGenesis(ctx);
  await setupActors(ctx, nextTimestamp);

  const mints = new MintPlanner(ctx, schedule);
  const market = new MarketPlanner(ctx);
  const desk = new WashDesk(ctx);
  desk.plan(Math.max(2, schedule.windowHours * 0.5), Math.max(4, totalHours - 8));
  let gasWarTxs = 0;

  const finish = (block: MinedBlock) => finishBlock(ctx, block);
  const runBlock = async (ts: number, actions: BlockAction[], fill = true) => {
    for (const action of actions) await action(ts);
    for (const plan of desk.due(ts)) await sendSale(ctx, plan, ts);
    if (fill) await backgroundTraffic(ctx, ts);
    await finish(await writer.mine(ts));
  };

  for (let hour = 1; hour < totalHours; hour++) {
    const hourStart = o.genesisTimestamp + hour * 3600;
    if (hour === schedule.hours[schedule.gasWarCollection][0]) {
      gasWarTxs = await sendGasWar(ctx, schedule.gasWarCollection);
      let ts = Math.max(saleStarts[schedule.gasWarCollection], nextTimestamp());
      while (writer.pendingCount > 0) {
        await finish(await writer.mine(ts));
        ts += 12;
      }
    }
    const actions: BlockAction[] = [(ts) => sendFeedUpdates(ctx, ts), ...mints.actionsFor(hour), ...market.actionsFor(hour)];
    const blocks = Math.min(60, Math.max(2, Math.ceil(actions.length / 3) + rng.poisson(2)));
    let ts = Math.max(nextTimestamp(), hourStart + 12 * rng.int(Math.max(1, 300 - blocks)));
    const perBlock: BlockAction[][] = Array.from({ length: blocks }, () => []);
    actions.forEach((a, i) => {
      perBlock[i === 0 ? 0 : rng.int(blocks)].push(a);
    });
    for (const blockActions of perBlock) {
      await runBlock(ts, blockActions);
      ts += 12;
    }
    o.onProgress?.({ hour, totalHours, block: writer.head.number, sales: ctx.truth.sales.length });
  }
  // Let every wash leg and sale in flight land before history ends.
  for (let i = 0; i < 3 && (writer.pendingCount > 0 || ctx.inflight.length > 0); i++) await runBlock(nextTimestamp(), []);
  finalizeWashRules(ctx.truth);
  writeModelTables(ctx, totalHours);
  return {
    contracts,
    historyEndBlock: writer.head.number,
    truth: ctx.truth,
    writer,
    ctx,
    stats: {
      blocks: writer.head.number,
      txs: writer.txCount,
      mints: ctx.truth.mints.length,
      sales: ctx.truth.sales.length,
      washTrades: ctx.truth.wash.length,
      gasWarTxs,
    },
  };
}
