/**
 * Wash trading rings. Each episode buys a fresh token from an ordinary holder (a normal sale), then
 * trades it inside the ring in a pattern built to trip specific rules of domain.md §4:
 *   self-trade (1,4) · round-trip (2,4) · ping-pong, six legs (2,3,4) ·
 *   zero-fee round trip within minutes (2,4,7) · dust price ≤ 10 wei (4,6).
 * Rule 4 holds for every ring trade: ring wallets are first funded by their ring's funder.
 * A fresh token per episode keeps one episode's legs from tripping rules meant for another.
 */
import type { TruthRecorder, WashRow } from "../truth.ts";
import type { Hex } from "../writer.ts";
import { lower, type SalePlan, type SimContext } from "./context.ts";

interface Leg {
  from: Hex;
  to: Hex;
  priceFactor: number;
  dustWei?: bigint;
  zeroFee: boolean;
}

interface Episode {
  id: number;
  ring: number;
  c: number;
  tokenId?: number;
  pattern: string;
  rules: number[];
  legs: Leg[];
  next: number;
  /** Earliest timestamp for the next step (the acquisition is step -1). */
  nextAt: number;
  spacingSec: number;
  acquired: boolean;
  waiting: boolean;
}

export const WASH_PATTERNS = ["round-trip", "self-trade", "ping-pong", "zero-fee-round-trip", "dust"] as const;

export class WashDesk {
  private readonly episodes: Episode[] = [];
  private nextId = 1;

  constructor(private readonly ctx: SimContext) {}

  /** Plans each ring's episodes between `fromHour` and `toHour`, patterns cycling so all appear. */
  plan(fromHour: number, toHour: number): void {
    const { ctx } = this;
    const span = Math.max(1, toHour - fromHour);
    const perRing = Math.max(WASH_PATTERNS.length, Math.floor(span / 110));
    ctx.cast.washRings.forEach((ring, r) => {
      const wallets = ring.wallets.map((w) => lower(w.address));
      for (let k = 0; k < perRing; k++) {
        const pattern = WASH_PATTERNS[(k + r) % WASH_PATTERNS.length];
        const [h, o] = [wallets[k % wallets.length], wallets[(k + 1) % wallets.length]];
        const factor = 1.4 + ctx.rng.next() * 1.4;
        const leg = (from: Hex, to: Hex, zeroFee = false): Leg => ({ from, to, priceFactor: factor, zeroFee });
        const legs: Record<string, Leg[]> = {
          "self-trade": [leg(h, h)],
          "round-trip": [leg(h, o), leg(o, h)],
          "ping-pong": [leg(h, o), leg(o, h), leg(h, o), leg(o, h), leg(h, o), leg(o, h)],
          "zero-fee-round-trip": [leg(h, o, true), leg(o, h, true)],
          dust: [{ from: h, to: o, priceFactor: 0, dustWei: BigInt(ctx.rng.range(1, 10)), zeroFee: true }],
        };
        const rules: Record<string, number[]> = {
          "self-trade": [1, 4],
          "round-trip": [2, 4],
          "ping-pong": [2, 3, 4],
          "zero-fee-round-trip": [2, 4, 7],
          dust: [4, 6],
        };
        const spacing: Record<string, number> = {
          "self-trade": 600,
          "round-trip": 3 * 3600,
          "ping-pong": 1800,
          "zero-fee-round-trip": 120,
          dust: 600,
        };
        const startHour = fromHour + ((k + r / ctx.cast.washRings.length) * span) / perRing;
        this.episodes.push({
          id: this.nextId++,
          ring: r,
          c: (r + k) % ctx.contracts.collections.length,
          pattern,
          rules: rules[pattern],
          legs: legs[pattern],
          next: 0,
          nextAt: ctx.genesisTimestamp + Math.round(startHour * 3600),
          spacingSec: spacing[pattern],
          acquired: false,
          waiting: false,
        });
      }
    });
  }

  /** Sales to send in a block at `ts`: at most one step per episode, after the previous one is mined. */
  due(ts: number): SalePlan[] {
    const plans: SalePlan[] = [];
    const { ctx } = this;
    for (const e of this.episodes) {
      if (e.nextAt > ts || e.next >= e.legs.length) continue;
      if (e.waiting) {
        // The previous step is mined once the token sits with the expected wallet.
        const expected = e.next === 0 ? e.legs[0].from : e.legs[e.next - 1].to;
        if (e.tokenId === undefined || ctx.state.isBusy(e.c, e.tokenId)) continue;
        if (ctx.state.ownerOf(e.c, e.tokenId) !== expected) continue;
        e.waiting = false;
      }
      if (!e.acquired) {
        const plan = this.acquisition(e, ts);
        if (plan) plans.push(plan);
        continue;
      }
      const leg = e.legs[e.next];
      const hour = ctx.hourOf(ts);
      const col = ctx.contracts.collections[e.c];
      const tokenId = e.tokenId as number;
      const gross =
        leg.dustWei ?? (ctx.model.fairValueWei(e.c, col.traitSalt, tokenId, hour) * BigInt(Math.round(leg.priceFactor * 1000))) / 1000n;
      plans.push({
        kind: e.next % 3 === 2 ? "order" : "basic",
        c: e.c,
        tokenIds: [tokenId],
        seller: leg.from,
        buyer: leg.to,
        grossWei: gross,
        zeroFee: leg.zeroFee,
        wash: { rules: e.rules, pattern: e.pattern, episode: e.id },
      });
      e.next++;
      e.waiting = true;
      e.nextAt = ts + e.spacingSec;
    }
    return plans;
  }

  /** A normal purchase of an ordinary holder's token by the episode's first wallet. */
  private acquisition(e: Episode, ts: number): SalePlan | undefined {
    const { ctx } = this;
    const minted = ctx.state.minted[e.c];
    if (minted === 0) return undefined;
    for (let attempt = 0; attempt < 20; attempt++) {
      const tokenId = 1 + ctx.rng.int(minted);
      const owner = ctx.state.ownerOf(e.c, tokenId);
      if (!owner || ctx.state.isBusy(e.c, tokenId) || !ctx.traders.includes(owner)) continue;
      const col = ctx.contracts.collections[e.c];
      e.tokenId = tokenId;
      e.acquired = true;
      e.waiting = true;
      e.nextAt = ts + e.spacingSec;
      return {
        kind: "basic",
        c: e.c,
        tokenIds: [tokenId],
        seller: owner,
        buyer: e.legs[0].from,
        grossWei: ctx.model.fairValueWei(e.c, col.traitSalt, tokenId, ctx.hourOf(ts)),
      };
    }
    return undefined;
  }

  get planned(): number {
    return this.episodes.length;
  }
}

/**
 * Trims each wash row's rules to the ones its episode really trips: an episode cut short by the end
 * of history (half a round trip, four legs of six) must not claim rules it never completed.
 */
export function finalizeWashRules(truth: TruthRecorder): void {
  const byEpisode = new Map<number, WashRow[]>();
  for (const w of truth.wash) byEpisode.set(w.episode, [...(byEpisode.get(w.episode) ?? []), w]);
  const rulesByTx = new Map<string, string>();
  for (const rows of byEpisode.values()) {
    for (const w of rows) {
      const reverse = rows.some((o) => o.buyer === w.seller && o.seller === w.buyer && o !== w);
      const sameToken = rows.filter((o) => o.token_id === w.token_id && o.collection === w.collection);
      const holds = new Set<number>([4]);
      if (w.buyer === w.seller) holds.add(1);
      if (reverse && w.buyer !== w.seller) holds.add(2);
      if (sameToken.filter((o) => o.buyer === w.buyer).length >= 3 || sameToken.filter((o) => o.seller === w.seller).length >= 3)
        holds.add(3);
      if (w.gross_price_wei <= 10n) holds.add(6);
      if (w.pattern === "zero-fee-round-trip" && reverse) holds.add(7);
      w.rules = w.rules
        .split(";")
        .filter((r) => holds.has(Number(r)))
        .join(";");
      rulesByTx.set(`${w.tx_hash}:${w.token_id}`, w.rules);
    }
  }
  for (const s of truth.sales) {
    const rules = rulesByTx.get(`${s.tx_hash}:${s.token_id}`);
    if (rules !== undefined) s.wash_rules = rules;
  }
}
