/** Fixture builders for the test subgraph: plain RPC JSON for blocks with Transfer/Spawn logs. */
import { keccak256, pad, stringToBytes, toHex } from "viem";
import type { RpcBlock, RpcReceipt, RpcTransaction } from "../chain/rpc-json.ts";

export const NFT_ADDRESS = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
export const TRANSFER_TOPIC = keccak256(stringToBytes("Transfer(address,address,uint256)"));
export const SPAWN_TOPIC = keccak256(stringToBytes("Spawn(address)"));
export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

const q = (n: number | bigint) => toHex(n);
export const blockHash = (n: number, branch = 0) => keccak256(stringToBytes(`block-${n}-${branch}`));
const txHash = (n: number, i: number) => keccak256(stringToBytes(`tx-${n}-${i}`));

export interface LogSpec {
  address?: string;
  topics: string[];
  data?: string;
}

export const transferLog = (from: string, to: string, tokenId: number | bigint, address = NFT_ADDRESS): LogSpec => ({
  address,
  topics: [TRANSFER_TOPIC, pad(from as `0x${string}`), pad(to as `0x${string}`), pad(toHex(tokenId))],
});
export const spawnLog = (child: string): LogSpec => ({ topics: [SPAWN_TOPIC, pad(child as `0x${string}`)] });

export function block(n: number, opts: { branch?: number; parentBranch?: number; timestamp?: number } = {}): RpcBlock {
  return {
    number: q(n),
    hash: blockHash(n, opts.branch ?? 0),
    parentHash: n === 0 ? pad("0x0") : blockHash(n - 1, opts.parentBranch ?? opts.branch ?? 0),
    sha3Uncles: keccak256("0x"),
    miner: "0x00000000000000000000000000000000000000aa",
    stateRoot: pad("0x1"),
    transactionsRoot: pad("0x2"),
    receiptsRoot: pad("0x3"),
    gasUsed: q(21000),
    gasLimit: q(30_000_000),
    timestamp: q(opts.timestamp ?? 1_700_000_000 + n * 12),
    difficulty: "0x0",
    size: q(1000),
    baseFeePerGas: q(1_000_000_000),
  };
}

/** One transaction in block `n` emitting `logs`; logIndex starts at `firstLogIndex`. */
export function tx(n: number, index: number, logs: LogSpec[], opts: { branch?: number; firstLogIndex?: number; from?: string } = {}) {
  const hash = txHash(n, index);
  const bh = blockHash(n, opts.branch ?? 0);
  const transaction: RpcTransaction = {
    hash,
    transactionIndex: q(index),
    from: opts.from ?? "0x00000000000000000000000000000000000000f1",
    to: NFT_ADDRESS,
    value: "0x0",
    gas: q(100_000),
    gasPrice: q(1_500_000_000),
    input: "0x",
    nonce: q(index),
    blockHash: bh,
    blockNumber: q(n),
  };
  const receipt: RpcReceipt = {
    transactionHash: hash,
    transactionIndex: q(index),
    blockHash: bh,
    blockNumber: q(n),
    cumulativeGasUsed: q(50_000 * (index + 1)),
    gasUsed: q(50_000 + logs.length),
    contractAddress: null,
    status: "0x1",
    logsBloom: `0x${"00".repeat(256)}`,
    logs: logs.map((l, i) => ({
      address: l.address ?? NFT_ADDRESS,
      topics: l.topics,
      data: l.data ?? "0x",
      blockHash: bh,
      blockNumber: q(n),
      transactionHash: hash,
      transactionIndex: q(index),
      logIndex: q((opts.firstLogIndex ?? 0) + i),
      removed: false,
    })),
  };
  return { transaction, receipt };
}

/** A harness fixture: one transaction with `logs` in block `n`. */
export function fixture(n: number, logs: LogSpec[], opts: { branch?: number } = {}) {
  const { transaction, receipt } = tx(n, 0, logs, opts);
  return { block: block(n, opts), transaction, receipt };
}
