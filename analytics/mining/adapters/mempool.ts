/**
 * Bitcoin network state from a mempool.space-compatible REST API (mempool.space, a self-hosted
 * mempool, or anything serving the same paths): tip height, difficulty history, blocks with fees.
 */
import { z } from "zod";
import { type AdapterOptions, fetchJson, joinUrl, NetworkDataError, utcDay } from "./http.ts";

const blockSchema = z.object({
  height: z.number().int().nonnegative(),
  timestamp: z.number().int().positive(),
  difficulty: z.number().positive(),
  extras: z.object({ totalFees: z.number().nonnegative(), reward: z.number().nonnegative().optional() }),
});
const blocksSchema = z.array(blockSchema).min(1);
// GET /api/v1/mining/difficulty-adjustments/:interval → [timestamp s, height, difficulty, change ratio]
const adjustmentsSchema = z.array(z.tuple([z.number(), z.number().int(), z.number().positive(), z.number()]));
const hashrateSchema = z.object({
  currentHashrate: z.number().positive(),
  currentDifficulty: z.number().positive(),
  hashrates: z.array(z.object({ timestamp: z.number(), avgHashrate: z.number().nonnegative() })),
});

export type MempoolBlock = z.infer<typeof blockSchema>;

export function mempoolClient({ baseUrl, timeoutMs }: AdapterOptions) {
  const get = <S extends z.ZodTypeAny>(path: string, schema: S) => fetchJson(joinUrl(baseUrl, path), schema, { timeoutMs });
  return {
    /** Up to 15 blocks ending at `startHeight` (newest first); the tip when omitted. */
    blocks: (startHeight?: number) => get(startHeight === undefined ? "/api/v1/blocks" : `/api/v1/blocks/${startHeight}`, blocksSchema),
    /** Difficulty adjustments over an interval such as "3m" or "1y", oldest first. */
    async difficultyAdjustments(interval = "3m") {
      const rows = await get(`/api/v1/mining/difficulty-adjustments/${interval}`, adjustmentsSchema);
      return rows
        .map(([timestampS, height, difficulty]) => ({ day: utcDay(timestampS), height, difficulty }))
        .sort((a, b) => a.height - b.height);
    },
    hashrate: (period = "3m") => get(`/api/v1/mining/hashrate/${period}`, hashrateSchema),
    /** Tip height, difficulty and average fees per block over the last `feeBlocks` blocks (paged 15 at a time). */
    async networkState({ feeBlocks = 144 }: { feeBlocks?: number } = {}) {
      const seen: MempoolBlock[] = [];
      let next: number | undefined;
      while (seen.length < feeBlocks) {
        const page = await this.blocks(next);
        seen.push(...page);
        const lowest = Math.min(...page.map((b) => b.height));
        if (lowest <= 0 || page.length === 0) break;
        next = lowest - 1;
      }
      const recent = seen.sort((a, b) => b.height - a.height).slice(0, feeBlocks);
      const tip = recent[0];
      if (!tip) throw new NetworkDataError(`${baseUrl}: no blocks returned`);
      const feesPerBlockBtc = recent.reduce((s, b) => s + b.extras.totalFees, 0) / recent.length / 1e8;
      return { height: tip.height, difficulty: tip.difficulty, feesPerBlockBtc, day: utcDay(tip.timestamp), feeBlocks: recent.length };
    },
  };
}
