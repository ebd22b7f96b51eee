/**
 * Every write the simulator makes to the chain goes through ChainWriter: it fills in nonces and
 * EIP-1559 fees, mines blocks one by one with explicit timestamps (never `hardhat_mine`, which
 * leaves parent hashes reading as zero), checks that transactions which must succeed did, and
 * records the writes so a later run can replay the same history without re-simulating it.
 */
import { z } from "zod";
import type { RequestProvider } from "./rpc-server.ts";

export type Hex = `0x${string}`;

/** A recorded write: a transaction (eth_sendTransaction params) or a block with its timestamp. */
export type WriteOp = { tx: Record<string, string> } | { mine: number };

export interface TxRequest {
  to?: Hex;
  data?: Hex;
  valueWei?: bigint;
  gas: bigint;
  /** Priority fee; defaults to 1.5 gwei. */
  tipWei?: bigint;
  /** When false, a revert is expected and allowed (gas-war mints after sell-out). */
  mustSucceed?: boolean;
  /** When false, the receipt is not fetched after mining (background filler traffic). */
  track?: boolean;
}

export interface MinedBlock {
  number: number;
  hash: Hex;
  timestamp: number;
  gasUsed: bigint;
  gasLimit: bigint;
  baseFeeWei: bigint;
  txHashes: Hex[];
  /** Receipts of the tracked transactions mined in this block, in block order. */
  receipts: Receipt[];
}

const hexString = z.custom<Hex>((v) => typeof v === "string" && /^0x[0-9a-fA-F]*$/.test(v), "expected 0x-hex");
// The provider is in-process, but it is still an upstream: check the shapes the simulator relies on.
const receiptSchema = z.object({
  status: hexString,
  transactionHash: hexString,
  blockNumber: hexString,
  gasUsed: hexString,
  effectiveGasPrice: hexString,
  from: hexString,
  to: hexString.nullable(),
  logs: z.array(z.object({ address: hexString, topics: z.array(hexString), data: hexString, logIndex: hexString })),
});
const blockSchema = z.object({
  number: hexString,
  hash: hexString,
  timestamp: hexString,
  gasUsed: hexString,
  gasLimit: hexString,
  baseFeePerGas: hexString,
  transactions: z.array(hexString),
});

export type Receipt = z.infer<typeof receiptSchema>;

export class SimulationError extends Error {
  override name = "SimulationError";
}

/** EIP-1559 next base fee, integer arithmetic in the order the spec uses (domain.md §7). */
export function nextBaseFee(baseFeeWei: bigint, gasUsed: bigint, gasLimit: bigint): bigint {
  const target = gasLimit / 2n;
  if (gasUsed === target) return baseFeeWei;
  if (gasUsed > target) {
    const delta = (baseFeeWei * (gasUsed - target)) / target / 8n;
    return baseFeeWei + (delta > 1n ? delta : 1n);
  }
  return baseFeeWei - (baseFeeWei * (target - gasUsed)) / target / 8n;
}

const hex = (n: bigint | number) => `0x${n.toString(16)}`;

export class ChainWriter {
  readonly ops: WriteOp[] = [];
  private readonly nonces = new Map<string, number>();
  private readonly pending = new Map<Hex, { mustSucceed: boolean; track: boolean; from: Hex; gas: bigint }>();
  /** Hashes mined in the last block whose success must be checked. */
  head!: MinedBlock;
  /** Base fee of the block being built. */
  nextBaseFeeWei = 0n;
  txCount = 0;

  constructor(
    readonly provider: RequestProvider,
    private readonly record = true,
  ) {}

  async init(): Promise<MinedBlock> {
    this.head = await this.latest();
    this.nextBaseFeeWei = nextBaseFee(this.head.baseFeeWei, this.head.gasUsed, this.head.gasLimit);
    return this.head;
  }

  /** Sets an account's next nonce (live mode starts from the chain's count). */
  setNonce(address: Hex, nonce: number): void {
    this.nonces.set(address.toLowerCase(), nonce);
  }

  nonceOf(address: Hex): number {
    return this.nonces.get(address.toLowerCase()) ?? 0;
  }

  /** Sends a transaction into the mempool; it is mined by the next `mine`. */
  async send(from: Hex, req: TxRequest): Promise<Hex> {
    const nonce = this.nonceOf(from);
    const tip = req.tipWei ?? 1_500_000_000n;
    // Twice the next base fee covers several full blocks in a row (+12.5% each).
    const maxFee = this.nextBaseFeeWei * 2n + tip;
    const tx: Record<string, string> = {
      from,
      gas: hex(req.gas),
      maxFeePerGas: hex(maxFee),
      maxPriorityFeePerGas: hex(tip),
      nonce: hex(nonce),
      value: hex(req.valueWei ?? 0n),
    };
    if (req.to) tx.to = req.to;
    if (req.data) tx.data = req.data;
    const hash = (await this.provider.request({ method: "eth_sendTransaction", params: [tx] })) as Hex;
    this.nonces.set(from.toLowerCase(), nonce + 1);
    if (this.record) this.ops.push({ tx });
    this.pending.set(hash, { mustSucceed: req.mustSucceed !== false, track: req.track !== false, from, gas: req.gas });
    this.txCount++;
    return hash;
  }

  /** Mines one block at `timestamp` (seconds) and checks the transactions in it. */
  async mine(timestamp: number): Promise<MinedBlock> {
    if (timestamp <= this.head.timestamp) throw new SimulationError(`block timestamp ${timestamp} is not after ${this.head.timestamp}`);
    await this.provider.request({ method: "evm_mine", params: [timestamp] });
    if (this.record) this.ops.push({ mine: timestamp });
    const block = await this.latest();
    this.head = block;
    this.nextBaseFeeWei = nextBaseFee(block.baseFeeWei, block.gasUsed, block.gasLimit);
    for (const h of block.txHashes) {
      const p = this.pending.get(h);
      this.pending.delete(h);
      if (!p?.track) continue;
      const r = await this.receipt(h);
      if (p.mustSucceed && r.status !== "0x1")
        throw new SimulationError(
          `transaction ${h} from ${p.from} reverted in block ${block.number}: ${await this.revertReason(h, block.number)}`,
        );
      block.receipts.push(r);
    }
    return block;
  }

  /** Sum of the gas limits of transactions waiting in the mempool (what the next block must fit). */
  get pendingGas(): bigint {
    let total = 0n;
    for (const p of this.pending.values()) total += p.gas;
    return total;
  }

  /** Transactions sent but not yet mined (a gas war can leave some for later blocks). */
  get pendingCount(): number {
    return this.pending.size;
  }

  async receipt(hash: Hex): Promise<Receipt> {
    return receiptSchema.parse(await this.provider.request({ method: "eth_getTransactionReceipt", params: [hash] }));
  }

  /** Re-runs a reverted transaction as a call on its parent block, for the error message. */
  private async revertReason(hash: Hex, blockNumber: number): Promise<string> {
    const tx = (await this.provider.request({ method: "eth_getTransactionByHash", params: [hash] })) as Record<string, string>;
    const call = { from: tx.from, to: tx.to, data: tx.input, value: tx.value, gas: tx.gas };
    try {
      await this.provider.request({ method: "eth_call", params: [call, hex(blockNumber - 1)] });
      return `to ${tx.to}, selector ${tx.input.slice(0, 10)} (succeeds alone: an ordering conflict in the block)`;
    } catch (error) {
      const e = error as { message?: string; data?: unknown };
      return `to ${tx.to}, selector ${tx.input.slice(0, 10)}: ${e.message?.split("\n")[0]} ${JSON.stringify(e.data ?? "")}`;
    }
  }

  async call(to: Hex, data: Hex): Promise<Hex> {
    return (await this.provider.request({ method: "eth_call", params: [{ to, data }, "latest"] })) as Hex;
  }

  private async latest(): Promise<MinedBlock> {
    const b = blockSchema.parse(await this.provider.request({ method: "eth_getBlockByNumber", params: ["latest", false] }));
    return {
      number: Number(b.number),
      hash: b.hash,
      timestamp: Number(b.timestamp),
      gasUsed: BigInt(b.gasUsed),
      gasLimit: BigInt(b.gasLimit),
      baseFeeWei: BigInt(b.baseFeePerGas),
      txHashes: b.transactions,
      receipts: [],
    };
  }
}

/** Replays recorded writes onto a fresh chain with the same genesis: same blocks, same hashes. */
export async function replay(provider: RequestProvider, ops: WriteOp[], onBlock?: (mined: number) => void): Promise<void> {
  let mined = 0;
  for (const op of ops) {
    if ("tx" in op) await provider.request({ method: "eth_sendTransaction", params: [op.tx] });
    else {
      await provider.request({ method: "evm_mine", params: [op.mine] });
      if (++mined % 500 === 0) onBlock?.(mined);
    }
  }
}
