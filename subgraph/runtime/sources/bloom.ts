/** The 2048-bit logs bloom of a receipt, from its logs (ethereum-etl exports do not carry it). */
import { keccak256 } from "viem";
import type { ChainLog, Hex } from "../chain/types.ts";

export function logsBloom(logs: ChainLog[]): Hex {
  const bloom = new Uint8Array(256);
  const add = (item: Hex) => {
    const h = keccak256(item, "bytes");
    for (let i = 0; i < 6; i += 2) {
      const bit = ((h[i] << 8) | h[i + 1]) & 2047;
      bloom[255 - (bit >> 3)] |= 1 << (bit & 7);
    }
  };
  for (const log of logs) {
    add(log.address);
    for (const t of log.topics) add(t);
  }
  return `0x${Buffer.from(bloom).toString("hex")}`;
}
