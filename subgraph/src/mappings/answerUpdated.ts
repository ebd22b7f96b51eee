// biome-ignore-all lint/suspicious/noDoubleEquals: AssemblyScript: == compares strings, BigInt and Bytes by value; === is identity.
// biome-ignore-all lint/suspicious/noShadowRestrictedNames: graph-ts BigInt replaces the JS global in AssemblyScript.
// biome-ignore-all lint/style/useImportType: AssemblyScript 0.19 has no `import type`.
import { log } from "@graphprotocol/graph-ts";
import { PricePoint } from "../../generated/schema";
import { FEED_ADDRESSES, FEED_DECIMALS, FEED_PAIRS } from "../config";
import { AnswerUpdated } from "../lib/bindings";
import { eventId } from "../lib/entities";

/**
 * Chainlink-style AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt).
 *
 * Surprises in the data:
 * - Both value fields are indexed, so the answer sits in topic 1 as a signed 256-bit word: a negative
 *   answer is possible in principle and is kept as is.
 * - The feed proxies (ETH/USD 0x5f4e…8419) emit nothing; the underlying aggregator does, and it is
 *   replaced now and then (ETH/USD moved to 0x37bc…a9e6 around block 12,453,812), so the manifest
 *   lists aggregators, each with its own pair.
 * - Decimals come from the manifest config (8 for USD pairs), not from a decimals() call per event.
 */
export function handleAnswerUpdated(event: AnswerUpdated): void {
  const feed = event.address.toHexString();
  let index = -1;
  for (let i = 0; i < FEED_ADDRESSES.length; i++) if (FEED_ADDRESSES[i] == feed) index = i;
  if (index < 0) {
    log.warning("AnswerUpdated from unconfigured feed {} skipped (tx {}, log {})", [
      feed,
      event.transaction.hash.toHexString(),
      event.logIndex.toString(),
    ]);
    return;
  }
  const point = new PricePoint(eventId(event));
  point.feed = event.address;
  point.pair = FEED_PAIRS[index];
  point.answer = event.params.current;
  point.decimals = FEED_DECIMALS[index];
  point.roundId = event.params.roundId;
  point.updatedAtSec = event.params.updatedAt;
  point.blockNumber = event.block.number;
  point.timestampSec = event.block.timestamp;
  point.save();
}
