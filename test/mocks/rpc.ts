/**
 * msw handlers for an Ethereum JSON-RPC endpoint serving a small synthetic chain: eth_chainId,
 * eth_blockNumber, eth_getBlockByNumber (with full transactions) and eth_feeHistory. Enough for
 * header sync; faults can be switched on to test error messages and resumption.
 */
import { HttpResponse, http } from "msw";

export interface MockTx {
  hash: string;
  from: string;
  to: string | null;
  valueWei: bigint;
}

export interface MockBlock {
  number: number;
  timestamp: number;
  gasUsed: bigint;
  gasLimit: bigint;
  baseFeePerGas: bigint;
  transactions: MockTx[];
}

export interface RpcMock {
  handlers: ReturnType<typeof http.post>[];
  blocks: MockBlock[];
  /** Methods answered so far. */
  calls: string[];
  /** Answer every eth_getBlockByNumber at or above this block with an RPC error. */
  failBlocksFrom: number | null;
}

const hex = (n: number | bigint) => `0x${n.toString(16)}`;
const pad = (n: number, bytes: number) => `0x${n.toString(16).padStart(bytes * 2, "0")}`;

/** A chain of `count` blocks; block n holds n % 3 transactions, each funding a fresh address. */
export function makeChain(count: number, { startTime = 1_700_000_000 } = {}): MockBlock[] {
  let seq = 0;
  return Array.from({ length: count }, (_, n) => ({
    number: n,
    timestamp: startTime + n * 12,
    gasUsed: BigInt(15_000_000 + ((n * 7_919) % 10_000_000)),
    gasLimit: 30_000_000n,
    baseFeePerGas: BigInt(1_000_000_000 + n * 1_000),
    transactions: Array.from({ length: n % 3 }, () => {
      seq++;
      return { hash: pad(seq, 32), from: pad(0xf00 + (seq % 4), 20), to: pad(0x1000 + seq, 20), valueWei: BigInt(seq) * 10n ** 15n };
    }),
  }));
}

function blockJson(b: MockBlock) {
  return {
    number: hex(b.number),
    hash: pad(0xb000 + b.number, 32),
    parentHash: pad(0xb000 + b.number - 1, 32),
    timestamp: hex(b.timestamp),
    gasUsed: hex(b.gasUsed),
    gasLimit: hex(b.gasLimit),
    baseFeePerGas: hex(b.baseFeePerGas),
    miner: pad(0, 20),
    difficulty: "0x0",
    totalDifficulty: "0x0",
    extraData: "0x",
    logsBloom: `0x${"0".repeat(512)}`,
    nonce: "0x0000000000000000",
    sha3Uncles: pad(0, 32),
    stateRoot: pad(0, 32),
    receiptsRoot: pad(0, 32),
    transactionsRoot: pad(0, 32),
    size: "0x100",
    uncles: [],
    transactions: b.transactions.map((t, i) => ({
      hash: t.hash,
      from: t.from,
      to: t.to,
      value: hex(t.valueWei),
      blockNumber: hex(b.number),
      blockHash: pad(0xb000 + b.number, 32),
      transactionIndex: hex(i),
      type: "0x2",
      gas: "0x5208",
      gasPrice: hex(b.baseFeePerGas + 1_000_000_000n),
      maxFeePerGas: hex(b.baseFeePerGas * 2n),
      maxPriorityFeePerGas: "0x3b9aca00",
      nonce: "0x0",
      input: "0x",
      chainId: "0x7a69",
      v: "0x0",
      r: pad(1, 32),
      s: pad(1, 32),
      yParity: "0x0",
      accessList: [],
    })),
  };
}

/** JSON-RPC mock at `url` serving `blocks` (head = last block). */
export function createRpcMock(url: string, blocks: MockBlock[]): RpcMock {
  const mock: RpcMock = { handlers: [], blocks, calls: [], failBlocksFrom: null };
  const answer = (method: string, params: unknown[]): { result?: unknown; error?: { code: number; message: string } } => {
    mock.calls.push(method);
    const head = mock.blocks.length - 1;
    switch (method) {
      case "eth_chainId":
        return { result: "0x7a69" };
      case "eth_blockNumber":
        return { result: hex(head) };
      case "eth_getBlockByNumber": {
        const tag = String(params[0]);
        const n = tag === "latest" ? head : Number(BigInt(tag));
        if (mock.failBlocksFrom !== null && n >= mock.failBlocksFrom) return { error: { code: -32000, message: "header not found" } };
        return { result: n <= head ? blockJson(mock.blocks[n]) : null };
      }
      case "eth_feeHistory": {
        const count = Number(BigInt(String(params[0])));
        const newest = String(params[1]) === "latest" ? head : Number(BigInt(String(params[1])));
        const percentiles = (params[2] as number[]) ?? [];
        const oldest = newest - count + 1;
        const range = mock.blocks.slice(oldest, newest + 1);
        return {
          result: {
            oldestBlock: hex(oldest),
            baseFeePerGas: [...range.map((b) => hex(b.baseFeePerGas)), hex(range.at(-1)?.baseFeePerGas ?? 0n)],
            gasUsedRatio: range.map((b) => Number(b.gasUsed) / Number(b.gasLimit)),
            reward: range.map((b) => percentiles.map((p) => hex(BigInt(p) * 10_000_000n + BigInt(b.number)))),
          },
        };
      }
      default:
        return { error: { code: -32601, message: `method ${method} not supported` } };
    }
  };
  mock.handlers = [
    http.post(url, async ({ request }) => {
      const body = (await request.json()) as
        | { id: number; method: string; params?: unknown[] }
        | Array<{ id: number; method: string; params?: unknown[] }>;
      const one = (r: { id: number; method: string; params?: unknown[] }) => ({
        jsonrpc: "2.0",
        id: r.id,
        ...answer(r.method, r.params ?? []),
      });
      return HttpResponse.json(Array.isArray(body) ? body.map(one) : one(body));
    }),
  ];
  return mock;
}
