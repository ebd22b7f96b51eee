/**
 * Ethereum Classic network state over JSON-RPC through viem: the latest block's number, difficulty
 * and time. The block reward follows from the height (ECIP-1017, in the SQL model).
 */
import { createPublicClient, http } from "viem";
import { z } from "zod";
import { type AdapterOptions, defaultTimeoutMs, NetworkDataError, redact, utcDay } from "./http.ts";

const blockSchema = z.object({
  number: z.bigint().nonnegative(),
  difficulty: z.bigint().positive(),
  timestamp: z.bigint().positive(),
  gasUsed: z.bigint().nonnegative(),
});

export function etcRpcClient({ baseUrl, timeoutMs = defaultTimeoutMs }: AdapterOptions) {
  const client = createPublicClient({ transport: http(baseUrl, { timeout: timeoutMs, retryCount: 0 }) });
  return {
    async networkState() {
      let block: unknown;
      try {
        block = await client.getBlock({ blockTag: "latest" });
      } catch (error) {
        throw new NetworkDataError(`${redact(baseUrl)}: ${(error as Error).message.split("\n")[0]}`);
      }
      const parsed = blockSchema.safeParse(block);
      if (!parsed.success)
        throw new NetworkDataError(
          `${redact(baseUrl)}: unexpected block: ${parsed.error.issues[0].message} at ${parsed.error.issues[0].path.join(".")}`,
        );
      const b = parsed.data;
      return { height: Number(b.number), difficulty: Number(b.difficulty), day: utcDay(Number(b.timestamp)) };
    },
  };
}
