/**
 * Ordinary secondary trading: each hour a Poisson number of sales (busier in the UTC afternoon),
 * sellers drawn from current holders, buyers with the money for it, prices scattered around fair
 * value. The first sales cycle through every sale kind so even a one-day history has them all.
 */
import { SALE_KINDS, type SaleKind } from "../truth.ts";
import type { Hex } from "../writer.ts";
import type { SalePlan, SimContext } from "./context.ts";
import { ethToWei } from "./model.ts";
import { sendSale, sendTransfer } from "./sales.ts";

const KIND_WEIGHTS: Record<SaleKind, number> = { basic: 0.5, order: 0.15, offer: 0.15, match: 0.1, bundle: 0.1 };
/** Mean regular sales per hour across collections (≈ 3,900 over 90 days of trading). */
const SALES_PER_HOUR = 1.9;
const RESERVE_WEI = 10n ** 17n;

export type BlockAction = (ts: number) => Promise<void>;

export class MarketPlanner {
  private salesMade = 0;
  private transfersMade = 0;

  constructor(private readonly ctx: SimContext) {}

  /** This hour's regular sales and occasional plain transfers, as block actions. */
  actionsFor(hour: number): BlockAction[] {
    const { ctx } = this;
    if (!ctx.state.minted.some((m) => m > 0)) return [];
    const diurnal = 1 + 0.45 * Math.sin(((hour % 24) - 9) * (Math.PI / 12));
    const n = ctx.rng.poisson(SALES_PER_HOUR * diurnal);
    const actions: BlockAction[] = [];
    for (let i = 0; i < n; i++) actions.push((ts) => this.sale(ts));
    if (this.transfersMade === 0 || ctx.rng.chance(0.03)) actions.push((_ts) => this.transfer());
    return actions;
  }

  private pickHeldToken(c: number): { tokenId: number; owner: Hex } | undefined {
    const { state, traders } = this.ctx;
    const minted = state.minted[c];
    for (let attempt = 0; attempt < 15 && minted > 0; attempt++) {
      const tokenId = 1 + this.ctx.rng.int(minted);
      const owner = state.ownerOf(c, tokenId);
      if (owner && !state.isBusy(c, tokenId) && traders.includes(owner)) return { tokenId, owner };
    }
    return undefined;
  }

  private pickBuyer(seller: Hex, needWei: bigint, weth: boolean): Hex | undefined {
    const { ctx } = this;
    for (let attempt = 0; attempt < 8; attempt++) {
      const pool = ctx.rng.chance(0.3) ? [...ctx.flippers] : ctx.traders;
      const buyer = ctx.rng.pick(pool);
      if (buyer === seller) continue;
      const funds = weth ? ctx.state.weth(buyer) : ctx.state.eth(buyer) - RESERVE_WEI;
      if (funds >= needWei) return buyer;
    }
    return undefined;
  }

  private async sale(ts: number): Promise<void> {
    const { ctx } = this;
    const cols = ctx.contracts.collections;
    const c = ctx.rng.weighted(cols.map((col, i) => (ctx.state.minted[i] > 0 ? col.spec.saleWeight : 0)));
    const held = this.pickHeldToken(c);
    if (!held) return;
    let kind: SaleKind =
      this.salesMade < SALE_KINDS.length
        ? SALE_KINDS[this.salesMade]
        : (Object.keys(KIND_WEIGHTS) as SaleKind[])[ctx.rng.weighted(Object.values(KIND_WEIGHTS))];
    const hour = ctx.hourOf(ts);
    const col = cols[c];
    const tokenIds = [held.tokenId];
    if (kind === "bundle") {
      const others = ctx.state.idleTokens(c, held.owner).filter((t) => t !== held.tokenId);
      if (others.length === 0) kind = "basic";
      else tokenIds.push(...others.slice(0, ctx.rng.range(1, 3)));
    }
    const fairEth = tokenIds.reduce((a, t) => a + ctx.model.baseValueEth(c, hour) * ctx.model.multiplier(c, col.traitSalt, t), 0);
    const grossWei = ethToWei(fairEth * Math.exp(0.12 * ctx.rng.normal()) * (tokenIds.length > 1 ? 0.9 : 1));
    let buyer = this.pickBuyer(held.owner, grossWei, kind === "offer" || kind === "match");
    if (!buyer && (kind === "offer" || kind === "match")) {
      kind = "basic";
      buyer = this.pickBuyer(held.owner, grossWei, false);
    }
    if (!buyer) return;
    const plan: SalePlan = { kind, c, tokenIds, seller: held.owner, buyer, grossWei };
    await sendSale(ctx, plan, ts);
    this.salesMade++;
  }

  private async transfer(): Promise<void> {
    const { ctx } = this;
    const c = ctx.rng.int(ctx.contracts.collections.length);
    const held = this.pickHeldToken(c);
    if (!held) return;
    const to = ctx.rng.pick(ctx.traders);
    if (to === held.owner) return;
    await sendTransfer(ctx, c, held.tokenId, held.owner, to, () => ctx.writer.head.number + 1);
    this.transfersMade++;
  }

  get sales(): number {
    return this.salesMade;
  }
}
