/**
 * Sends sales through Seaport the way marketplaces fill them, one entry point per sale kind, and
 * turns mined sales into ground-truth rows (with the OrderFulfilled log's index).
 */
import { encodeFunctionData } from "viem";
import {
  fulfillBasicOrderData,
  fulfillOrderData,
  listingOrder,
  matchOrdersData,
  type OrderParameters,
  offerOrder,
  type Payment,
  signOrder,
} from "../seaport.ts";
import type { SaleRow } from "../truth.ts";
import { type Hex, type MinedBlock, SimulationError } from "../writer.ts";
import { totalRoyaltyBps } from "./collections.ts";
import { lower, MARKETPLACE_FEE_BPS, type SalePlan, type SimContext } from "./context.ts";

const ORDER_FULFILLED = "0x9d9af8e38d66c62e2c12f0225249fd9d721c54b83f48d9352c97c6cacdcb6f31";
const ZERO = "0x0000000000000000000000000000000000000000";
const DAY = 86_400;

/** Splits a gross price into marketplace fee, royalties and seller proceeds. */
export function splitPrice(ctx: SimContext, plan: SalePlan) {
  const spec = ctx.contracts.collections[plan.c].spec;
  if (plan.zeroFee) return { feeWei: 0n, royalties: [] as Payment[], proceedsWei: plan.grossWei };
  const feeWei = (plan.grossWei * MARKETPLACE_FEE_BPS) / 10_000n;
  const royalties = spec.royalties.map((r) => ({
    recipient: lower(ctx.cast.creators[r.creator]),
    amountWei: (plan.grossWei * BigInt(r.bps)) / 10_000n,
  }));
  const proceedsWei = plan.grossWei - feeWei - royalties.reduce((a, r) => a + r.amountWei, 0n);
  if (totalRoyaltyBps(spec) > 0 && proceedsWei <= 0n) throw new SimulationError(`price ${plan.grossWei} too small to pay fees`);
  return { feeWei, royalties, proceedsWei };
}

/** Signs the orders a sale needs and sends the fill transaction from the right account. */
export async function sendSale(ctx: SimContext, plan: SalePlan, blockTimestamp: number): Promise<void> {
  const { contracts, writer } = ctx;
  const split = splitPrice(ctx, plan);
  const fees: Payment[] =
    split.feeWei > 0n ? [{ recipient: lower(ctx.cast.marketplaceFeeRecipient), amountWei: split.feeWei }, ...split.royalties] : [];
  const nfts = plan.tokenIds.map((tokenId) => ({ token: contracts.collections[plan.c].address, tokenId }));
  const listedAt = Math.max(ctx.genesisTimestamp, blockTimestamp - ctx.rng.range(60, DAY));
  const window = { startTime: listedAt, endTime: listedAt + 30 * DAY };
  const sign = (p: OrderParameters) => signOrder(writer.provider, contracts.seaport.address, ctx.chainId, p);
  const seaport = contracts.seaport.address;
  const abi = ctx.abis.seaport;
  let hash: Hex;
  if (plan.kind === "basic" || plan.kind === "order" || plan.kind === "bundle") {
    const listing = await sign(
      listingOrder({ seller: plan.seller, nfts, currency: null, proceedsWei: split.proceedsWei, fees, ...window, salt: ctx.rng.bytes32() }),
    );
    const data = plan.kind === "basic" ? fulfillBasicOrderData(abi, listing) : fulfillOrderData(abi, listing);
    // First payments to fresh fee/royalty addresses cost 25k gas each on top of the fill.
    const gas = plan.kind === "basic" ? 320_000n : 360_000n + 90_000n * BigInt(nfts.length);
    hash = await writer.send(plan.buyer, { to: seaport, data, valueWei: plan.grossWei, gas });
  } else if (plan.kind === "offer") {
    const offer = await sign(
      offerOrder({
        buyer: plan.buyer,
        weth: contracts.weth.address,
        amountWei: plan.grossWei,
        nft: nfts[0],
        fees,
        ...window,
        salt: ctx.rng.bytes32(),
      }),
    );
    hash = await writer.send(plan.seller, { to: seaport, data: fulfillOrderData(abi, offer), gas: 420_000n });
  } else {
    const listing = await sign(
      listingOrder({
        seller: plan.seller,
        nfts,
        currency: contracts.weth.address,
        proceedsWei: split.proceedsWei,
        fees,
        ...window,
        salt: ctx.rng.bytes32(),
      }),
    );
    const mirror = await sign(
      offerOrder({
        buyer: plan.buyer,
        weth: contracts.weth.address,
        amountWei: plan.grossWei,
        nft: nfts[0],
        fees: [],
        ...window,
        salt: ctx.rng.bytes32(),
      }),
    );
    hash = await writer.send(plan.buyer, { to: seaport, data: matchOrdersData(abi, listing, mirror), gas: 560_000n });
  }
  for (const t of plan.tokenIds) ctx.state.markBusy(plan.c, t);
  ctx.inflight.push({ hash, plan, ...split, hour: ctx.hourOf(blockTimestamp) });
}

/** Records the sales mined in `block` as truth rows and moves budgets. */
export async function settleSales(ctx: SimContext, block: MinedBlock): Promise<void> {
  const mined = new Set(block.txHashes);
  const done = ctx.inflight.filter((s) => mined.has(s.hash));
  ctx.inflight = ctx.inflight.filter((s) => !mined.has(s.hash));
  for (const s of done) {
    const receipt = block.receipts.find((r) => r.transactionHash === s.hash) ?? (await ctx.writer.receipt(s.hash));
    const p = s.plan;
    const offerer = lower(p.kind === "offer" ? p.buyer : p.seller);
    const log = receipt.logs.find((l) => l.topics[0] === ORDER_FULFILLED && lower(`0x${l.topics[1].slice(26)}`) === offerer);
    if (!log) throw new SimulationError(`sale ${s.hash} has no OrderFulfilled log from ${offerer}`);
    const collection = ctx.contracts.collections[p.c];
    const n = BigInt(p.tokenIds.length);
    const share = (total: bigint, i: number) => total / n + (i === 0 ? total % n : 0n);
    const weth = p.kind === "offer" || p.kind === "match";
    p.tokenIds.forEach((tokenId, i) => {
      const row: SaleRow = {
        tx_hash: s.hash,
        log_index: Number(log.logIndex),
        block_number: block.number,
        block_timestamp: block.timestamp,
        collection: lower(collection.address),
        token_id: tokenId,
        buyer: lower(p.buyer),
        seller: lower(p.seller),
        gross_price_wei: share(p.grossWei, i),
        currency: weth ? "WETH" : "ETH",
        currency_address: weth ? lower(ctx.contracts.weth.address) : ZERO,
        marketplace_fee_wei: share(s.feeWei, i),
        royalty_recipient_1: s.royalties[0]?.recipient ?? "",
        royalty_wei_1: s.royalties[0] ? share(s.royalties[0].amountWei, i) : 0n,
        royalty_recipient_2: s.royalties[1]?.recipient ?? "",
        royalty_wei_2: s.royalties[1] ? share(s.royalties[1].amountWei, i) : 0n,
        seller_proceeds_wei: share(s.proceedsWei, i),
        sale_kind: p.kind,
        is_bundle: p.tokenIds.length > 1,
        bundle_size: p.tokenIds.length,
        bundle_price_wei: p.grossWei,
        fair_value_wei: ctx.model.fairValueWei(p.c, collection.traitSalt, tokenId, s.hour),
        is_wash: p.wash !== undefined,
        wash_rules: p.wash?.rules.join(";") ?? "",
      };
      ctx.truth.sales.push(row);
      if (p.wash) {
        ctx.truth.wash.push({
          tx_hash: s.hash,
          log_index: row.log_index,
          block_number: block.number,
          collection: row.collection,
          token_id: tokenId,
          buyer: row.buyer,
          seller: row.seller,
          gross_price_wei: row.gross_price_wei,
          rules: row.wash_rules,
          pattern: p.wash.pattern,
          episode: p.wash.episode,
        });
      }
    });
    const gasWei = BigInt(receipt.gasUsed) * BigInt(receipt.effectiveGasPrice);
    const payer = p.kind === "offer" ? p.seller : p.buyer;
    ctx.state.addEth(payer, -gasWei);
    if (weth) {
      ctx.state.addWeth(p.buyer, -p.grossWei);
      ctx.state.addWeth(p.seller, s.proceedsWei);
    } else {
      ctx.state.addEth(p.buyer, -p.grossWei);
      ctx.state.addEth(p.seller, s.proceedsWei);
    }
  }
}

/** A plain ERC-721 transfer that is not a sale (a gift, or moving to another wallet). */
export async function sendTransfer(ctx: SimContext, c: number, tokenId: number, from: Hex, to: Hex, block: () => number): Promise<void> {
  const data = encodeFunctionData({ abi: ctx.abis.nft, functionName: "transferFrom", args: [from, to, BigInt(tokenId)] });
  const hash = await ctx.writer.send(from, { to: ctx.contracts.collections[c].address, data, gas: 150_000n });
  ctx.state.markBusy(c, tokenId);
  ctx.truth.transfers.push({
    tx_hash: hash,
    block_number: block(),
    collection: lower(ctx.contracts.collections[c].address),
    token_id: tokenId,
    from: lower(from),
    to: lower(to),
  });
}
