/**
 * Primary sales. The batch collection mints up to 20 at a time (one ownership checkpoint per
 * batch), the standard one a token or two per transaction, and the gas-war collection opens its
 * public sale to a crowd bidding priority fees: blocks fill, the base fee climbs by EIP-1559's own
 * rule, and late transactions revert once it sells out (paying gas anyway, as on mainnet).
 */
import { encodeFunctionData, parseGwei } from "viem";
import type { Hex } from "../writer.ts";
import type { SimContext } from "./context.ts";

/** When each mint happens, in hours from genesis. Hour 0 is deployment and setup. */
export interface MintSchedule {
  windowHours: number;
  /** Per collection: first and last hour of its mint (the gas war is one hour). */
  hours: [number, number][];
  gasWarCollection: number;
}

export function mintSchedule(ctx: Pick<SimContext, "days">, mintStyles: string[]): MintSchedule {
  const totalHours = ctx.days * 24;
  const windowHours = Math.max(4, Math.min(240, Math.floor(totalHours * 0.25)));
  const gasWarHour = 1 + Math.floor(windowHours * 0.1);
  const hours = mintStyles.map((style): [number, number] => {
    if (style === "public-gas-war") return [gasWarHour, gasWarHour];
    if (style === "batch") return [1, windowHours];
    return [1 + Math.floor(windowHours * 0.2), windowHours];
  });
  return { windowHours, hours, gasWarCollection: mintStyles.indexOf("public-gas-war") };
}

function mintData(ctx: SimContext, quantity: number): Hex {
  return encodeFunctionData({ abi: ctx.abis.nft, functionName: "mint", args: [BigInt(quantity)] });
}

/** Gas limit for a mint of `quantity`: batch mints cost an event per token, others a storage write. */
function mintGas(batch: boolean, quantity: number): bigint {
  return batch ? 150_000n + 5_000n * BigInt(quantity) : 80_000n + 60_000n * BigInt(quantity);
}

/** Tracks requested (not yet confirmed) supply of the ordinary mints. */
export class MintPlanner {
  readonly requested: number[];
  constructor(
    private readonly ctx: SimContext,
    private readonly schedule: MintSchedule,
  ) {
    this.requested = ctx.contracts.collections.map(() => 0);
  }

  /** Mint transactions (as block actions) for collection c in `hour`. */
  actionsFor(hour: number): ((ts: number) => Promise<void>)[] {
    const actions: ((ts: number) => Promise<void>)[] = [];
    const { ctx } = this;
    ctx.contracts.collections.forEach((col, c) => {
      if (c === this.schedule.gasWarCollection) return;
      const [first, last] = this.schedule.hours[c];
      if (hour < first || hour > last) return;
      const left = col.maxSupply - this.requested[c];
      if (left <= 0) return;
      const perHour = col.maxSupply / (last - first + 1);
      let tokens = hour === last ? left : Math.min(left, Math.round(perHour * (0.5 + ctx.rng.next())));
      while (tokens > 0) {
        const quantity = Math.min(tokens, ctx.rng.range(1, col.spec.maxPerTx));
        tokens -= quantity;
        this.requested[c] += quantity;
        const minter = ctx.rng.pick(ctx.traders);
        actions.push(async () => {
          await ctx.writer.send(minter, {
            to: col.address,
            data: mintData(ctx, quantity),
            valueWei: col.spec.mintPriceWei * BigInt(quantity),
            gas: mintGas(col.spec.mintStyle === "batch", quantity),
            tipWei: parseGwei(String(ctx.rng.range(1, 4))),
          });
          ctx.state.addEth(minter, -col.spec.mintPriceWei * BigInt(quantity));
        });
      }
    });
    return actions;
  }
}

/**
 * Sends the gas-war crowd's mint transactions at `openTimestamp`: about 1.3× the supply is asked
 * for, with priority fees from 2 to ~200 gwei. Returns how many transactions were sent.
 */
export async function sendGasWar(ctx: SimContext, c: number): Promise<number> {
  const col = ctx.contracts.collections[c];
  const crowd = [...ctx.traders];
  let asked = 0;
  let sent = 0;
  while (asked < col.maxSupply * 1.3) {
    const minter = ctx.rng.pick(crowd);
    const quantity = ctx.rng.range(1, col.spec.maxPerTx);
    const tipGwei = Math.min(250, Math.round(2 + Math.exp(1 + 1.4 * Math.abs(ctx.rng.normal()))));
    await ctx.writer.send(minter, {
      to: col.address,
      data: mintData(ctx, quantity),
      valueWei: col.spec.mintPriceWei * BigInt(quantity),
      gas: mintGas(false, quantity),
      tipWei: parseGwei(String(tipGwei)),
      mustSucceed: false,
    });
    ctx.state.addEth(minter, -col.spec.mintPriceWei * BigInt(quantity));
    asked += quantity;
    sent++;
  }
  return sent;
}
