/**
 * What the simulator knows about the chain: NFT owners (learned from Transfer logs in receipts, so
 * gas-war ordering and batch mints are read back rather than guessed), tokens with a sale in
 * flight, and rough ETH/WETH budgets so nobody spends money they do not have.
 */
import type { Hex, Receipt } from "../writer.ts";

const TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

export class MarketState {
  /** Per collection: token id → owner (lower-case). */
  readonly owners: Map<number, Hex>[];
  /** Per collection: tokens each owner holds. */
  readonly holdings: Map<Hex, Set<number>>[];
  readonly busy = new Set<string>();
  readonly ethWei = new Map<Hex, bigint>();
  readonly wethWei = new Map<Hex, bigint>();
  readonly acquiredHour = new Map<string, number>();
  minted: number[];

  constructor(private readonly collectionAddresses: Hex[]) {
    this.owners = collectionAddresses.map(() => new Map());
    this.holdings = collectionAddresses.map(() => new Map());
    this.minted = collectionAddresses.map(() => 0);
  }

  /** Updates owners from ERC-721 Transfer logs of our collections; returns mints seen. */
  applyReceipt(r: Receipt, hour: number): { collection: number; tokenId: number; to: Hex }[] {
    return this.applyLogs(r.logs, hour);
  }

  /** Same as applyReceipt for raw logs (live mode rebuilds owners from eth_getLogs). */
  applyLogs(logs: Receipt["logs"], hour: number): { collection: number; tokenId: number; to: Hex }[] {
    const mints: { collection: number; tokenId: number; to: Hex }[] = [];
    for (const log of logs) {
      if (log.topics[0] !== TRANSFER_TOPIC || log.topics.length !== 4) continue;
      const c = this.collectionAddresses.indexOf(log.address.toLowerCase() as Hex);
      if (c < 0) continue;
      const from = `0x${log.topics[1].slice(26)}` as Hex;
      const to = `0x${log.topics[2].slice(26)}` as Hex;
      const tokenId = Number(BigInt(log.topics[3]));
      this.move(c, tokenId, from, to, hour);
      if (/^0x0+$/.test(from)) {
        this.minted[c]++;
        mints.push({ collection: c, tokenId, to });
      }
    }
    return mints;
  }

  private move(c: number, tokenId: number, from: Hex, to: Hex, hour: number): void {
    this.holdings[c].get(from)?.delete(tokenId);
    this.owners[c].set(tokenId, to);
    const set = this.holdings[c].get(to) ?? new Set<number>();
    this.holdings[c].set(to, set);
    set.add(tokenId);
    this.acquiredHour.set(`${c}:${tokenId}`, hour);
    this.busy.delete(`${c}:${tokenId}`);
  }

  ownerOf(c: number, tokenId: number): Hex | undefined {
    return this.owners[c].get(tokenId);
  }

  /** Tokens `owner` holds in collection c that have no sale in flight. */
  idleTokens(c: number, owner: Hex): number[] {
    return [...(this.holdings[c].get(owner.toLowerCase() as Hex) ?? [])].filter((t) => !this.busy.has(`${c}:${t}`)).sort((a, b) => a - b);
  }

  isBusy(c: number, tokenId: number): boolean {
    return this.busy.has(`${c}:${tokenId}`);
  }

  markBusy(c: number, tokenId: number): void {
    this.busy.add(`${c}:${tokenId}`);
  }

  eth(a: Hex): bigint {
    return this.ethWei.get(a.toLowerCase() as Hex) ?? 0n;
  }
  weth(a: Hex): bigint {
    return this.wethWei.get(a.toLowerCase() as Hex) ?? 0n;
  }
  addEth(a: Hex, wei: bigint): void {
    this.ethWei.set(a.toLowerCase() as Hex, this.eth(a) + wei);
  }
  addWeth(a: Hex, wei: bigint): void {
    this.wethWei.set(a.toLowerCase() as Hex, this.weth(a) + wei);
  }
}
