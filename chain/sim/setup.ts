/**
 * Before trading: wash rings get their money on chain (exchange → ring funder → ring wallets, the
 * funding graph rule 4 looks for), and every trading wallet approves Seaport for the collections
 * and WETH and wraps some ETH for offers.
 */
import { encodeFunctionData, maxUint256, parseEther } from "viem";
import type { Actor } from "../actors.ts";
import type { Hex, MinedBlock } from "../writer.ts";
import { lower, type SimContext } from "./context.ts";

const ZERO = "0x0000000000000000000000000000000000000000";
const TXS_PER_BLOCK = 180;

/** Records genesis allocations in the funding graph. */
export function recordGenesis(ctx: SimContext): void {
  for (const a of ctx.cast.all) {
    if (a.genesisWei === 0n) continue;
    ctx.truth.funding.push({
      funder: ZERO,
      funded: lower(a.address),
      amount_wei: a.genesisWei,
      tx_hash: "",
      block_number: 0,
      kind: "genesis",
    });
    ctx.state.addEth(a.address, a.genesisWei);
  }
}

async function fund(
  ctx: SimContext,
  from: Actor,
  to: Actor,
  amountWei: bigint,
  pending: { from: Hex; to: Hex; amountWei: bigint; hash: Hex }[],
) {
  const hash = await ctx.writer.send(from.address, { to: to.address, valueWei: amountWei, gas: 21_000n });
  pending.push({ from: lower(from.address), to: lower(to.address), amountWei, hash });
  ctx.state.addEth(from.address, -amountWei);
  ctx.state.addEth(to.address, amountWei);
}

function recordFunding(ctx: SimContext, block: MinedBlock, pending: { from: Hex; to: Hex; amountWei: bigint; hash: Hex }[]) {
  for (const p of pending) {
    ctx.truth.funding.push({
      funder: p.from,
      funded: p.to,
      amount_wei: p.amountWei,
      tx_hash: p.hash,
      block_number: block.number,
      kind: "transfer",
    });
  }
}

/** Funds the wash rings, then sends approvals and WETH deposits in full-ish blocks. */
export async function setupActors(ctx: SimContext, nextTimestamp: () => number): Promise<void> {
  const { cast, writer, contracts } = ctx;
  const rings = cast.washRings;
  let pending: { from: Hex; to: Hex; amountWei: bigint; hash: Hex }[] = [];
  for (const [r, ring] of rings.entries())
    await fund(ctx, cast.exchanges[r % cast.exchanges.length], ring.funder, parseEther("400"), pending);
  recordFunding(ctx, await writer.mine(nextTimestamp()), pending);
  pending = [];
  for (const ring of rings) for (const w of ring.wallets) await fund(ctx, ring.funder, w, parseEther("80"), pending);
  recordFunding(ctx, await writer.mine(nextTimestamp()), pending);

  const wallets = [...cast.traders, ...cast.flippers, ...rings.flatMap((r) => r.wallets)];
  const approveAll = encodeFunctionData({ abi: ctx.abis.nft, functionName: "setApprovalForAll", args: [contracts.seaport.address, true] });
  const approveWeth = encodeFunctionData({ abi: ctx.abis.weth, functionName: "approve", args: [contracts.seaport.address, maxUint256] });
  const deposit = encodeFunctionData({ abi: ctx.abis.weth, functionName: "deposit" });
  let inBlock = 0;
  const maybeMine = async () => {
    if (++inBlock >= TXS_PER_BLOCK) {
      await writer.mine(nextTimestamp());
      inBlock = 0;
    }
  };
  for (const w of wallets) {
    for (const c of contracts.collections) {
      await writer.send(w.address, { to: c.address, data: approveAll, gas: 60_000n });
      await maybeMine();
    }
    await writer.send(w.address, { to: contracts.weth.address, data: approveWeth, gas: 60_000n });
    await maybeMine();
    if (w.role === "trader" || w.role === "flipper") {
      // Wrap up to a third of the wallet, so gas and ETH purchases stay covered.
      const wethWei = parseEther(String(Math.min(ctx.rng.range(2, 25), Math.floor(Number(w.genesisWei / 10n ** 18n) / 3))));
      await writer.send(w.address, { to: contracts.weth.address, data: deposit, valueWei: wethWei, gas: 60_000n });
      ctx.state.addEth(w.address, -wethWei);
      ctx.state.addWeth(w.address, wethWei);
      await maybeMine();
    }
  }
  if (inBlock > 0) await writer.mine(nextTimestamp());
}
