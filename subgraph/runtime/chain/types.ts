/**
 * The chain data the runtime feeds to handlers, normalised from any source (JSON-RPC, ethereum-etl
 * files, harness fixtures). Hashes and addresses are lowercase 0x-hex; quantities are bigint.
 */
export type Hex = `0x${string}`;

export interface BlockHeader {
  number: number;
  hash: Hex;
  parentHash: Hex;
  sha3Uncles: Hex;
  miner: Hex;
  stateRoot: Hex;
  transactionsRoot: Hex;
  receiptsRoot: Hex;
  gasUsed: bigint;
  gasLimit: bigint;
  /** Seconds since the epoch. */
  timestamp: bigint;
  difficulty: bigint;
  /** 0 when the node omits it (post-merge), as graph-node. */
  totalDifficulty: bigint;
  size: bigint | null;
  baseFeePerGas: bigint | null;
}

export interface ChainTransaction {
  hash: Hex;
  index: number;
  from: Hex;
  to: Hex | null;
  valueWei: bigint;
  gasLimit: bigint;
  /** Effective gas price in wei (what the sender paid per gas). */
  gasPriceWei: bigint;
  input: Hex;
  nonce: bigint;
}

export interface ChainLog {
  address: Hex;
  topics: Hex[];
  data: Hex;
  blockHash: Hex;
  blockNumber: number;
  transactionHash: Hex;
  transactionIndex: number;
  /** Index within the block. */
  logIndex: number;
  removed: boolean;
}

export interface ChainReceipt {
  transactionHash: Hex;
  transactionIndex: number;
  blockHash: Hex | null;
  blockNumber: number | null;
  cumulativeGasUsed: bigint;
  gasUsed: bigint;
  contractAddress: Hex | null;
  logs: ChainLog[];
  status: bigint | null;
  root: Hex | null;
  logsBloom: Hex;
}

/** One block as a source delivers it: the header, the logs that may match, their transactions and receipts. */
export interface ChainBlock {
  header: BlockHeader;
  /** Candidate logs in block order (a source may pre-filter by address and topic). */
  logs: ChainLog[];
  /** Transactions by hash (at least those of `logs`). */
  transactions: Map<Hex, ChainTransaction>;
  /** Receipts by transaction hash, when some handler asked for `receipt: true`. */
  receipts: Map<Hex, ChainReceipt>;
}
