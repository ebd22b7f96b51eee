/**
 * Per-block and per-hour chores: oracle reports for ETH/USD and BTC/USD (each hour, as a 1 h
 * heartbeat), background traffic that gives each block its fullness, and the model tables of the
 * ground truth (collection base values, trait premiums, token multipliers).
 */
import { encodeFunctionData, parseGwei } from "viem";
import { BLOCK_GAS_LIMIT } from "../edr.ts";
import { lower, type SimContext } from "./context.ts";
import { ethToWei } from "./model.ts";
import { TRAIT_TYPES, TRAIT_VALUES, traitIndices } from "./traits.ts";

/** Sends both feeds' hourly reports from the oracle account. */
export async function sendFeedUpdates(ctx: SimContext, ts: number): Promise<void> {
  const hour = ctx.hourOf(ts);
  for (const [feed, answer] of [
    [ctx.contracts.ethUsdFeed, ctx.model.ethUsd8(hour)],
    [ctx.contracts.btcUsdFeed, ctx.model.btcUsd8(hour)],
  ] as const) {
    const data = encodeFunctionData({ abi: ctx.abis.feed, functionName: "transmit", args: [answer] });
    await ctx.writer.send(ctx.cast.oracle.address, { to: feed.address, data, gas: 120_000n, tipWei: parseGwei("2") });
  }
}

/** Memory words whose expansion costs about `gas` (3·w + w²/512). */
export function wordsForGas(gas: number): number {
  return Math.max(1, Math.floor((-3 + Math.sqrt(9 + gas / 128)) * 256));
}

/**
 * The rest of the network's traffic, as one BlockFiller call: its size steers block fullness
 * towards a desired base fee (fuller than half when the fee should rise), so the fee moves by
 * EIP-1559's rule from real gas used. Capped below the EIP-7825 per-transaction limit.
 */
export async function backgroundTraffic(ctx: SimContext, ts: number): Promise<void> {
  const desired = Number(ctx.model.desiredBaseFeeWei(ctx.hourOf(ts)));
  const current = Number(ctx.writer.nextBaseFeeWei);
  const fullness = 0.5 + Math.max(-0.45, Math.min(0.45, 2 * Math.log(desired / current))) + 0.04 * ctx.rng.normal();
  // Leave room for the block's own trades: their gas limits (not their use) must fit beside the filler.
  const room = Number(BLOCK_GAS_LIMIT - ctx.writer.pendingGas) - 500_000;
  let gas = Math.min(room, Math.floor(fullness * Number(BLOCK_GAS_LIMIT)) - 1_000_000);
  while (gas >= 100_000) {
    const chunk = Math.min(16_000_000, gas);
    gas -= chunk;
    const data = encodeFunctionData({ abi: ctx.abis.filler, functionName: "burn", args: [BigInt(wordsForGas(chunk - 25_000))] });
    await ctx.writer.send(ctx.cast.background.address, {
      to: ctx.contracts.filler.address,
      data,
      gas: BigInt(chunk + 40_000),
      tipWei: parseGwei("1"),
      track: false,
    });
  }
}

/** Adds the model's tables to the truth: hourly base values, trait premiums, token multipliers. */
export function writeModelTables(ctx: SimContext, totalHours: number): void {
  const values = [];
  const premiums = [];
  const tokens = [];
  for (const [c, col] of ctx.contracts.collections.entries()) {
    const collection = lower(col.address);
    for (let h = 0; h < totalHours; h++) {
      values.push({
        collection,
        hour: h,
        timestamp: ctx.genesisTimestamp + h * 3600,
        base_value_wei: ethToWei(ctx.model.baseValueEth(c, h)),
      });
    }
    for (const byValue of ctx.model.premiums[c]) {
      for (const p of byValue) {
        premiums.push({
          collection,
          trait_type: p.traitType,
          value: p.value,
          weight_bps: p.weightBps,
          log_premium: p.logPremium.toFixed(6),
          multiplier: Math.exp(p.logPremium).toFixed(6),
        });
      }
    }
    for (let tokenId = 1; tokenId <= ctx.state.minted[c]; tokenId++) {
      const idx = traitIndices(col.traitSalt, tokenId);
      const row: Record<string, string | number> = { collection, token_id: tokenId };
      TRAIT_TYPES.forEach((t, i) => {
        row[t.toLowerCase()] = TRAIT_VALUES[i][idx[i]];
      });
      row.multiplier = ctx.model.multiplier(c, col.traitSalt, tokenId).toFixed(6);
      tokens.push(row);
    }
  }
  ctx.truth.tables.set("collection_values.csv", { columns: ["collection", "hour", "timestamp", "base_value_wei"], rows: values });
  ctx.truth.tables.set("trait_premiums.csv", {
    columns: ["collection", "trait_type", "value", "weight_bps", "log_premium", "multiplier"],
    rows: premiums,
  });
  ctx.truth.tables.set("token_values.csv", {
    columns: ["collection", "token_id", ...TRAIT_TYPES.map((t) => t.toLowerCase()), "multiplier"],
    rows: tokens,
  });
}
