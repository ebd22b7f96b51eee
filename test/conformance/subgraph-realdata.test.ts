/**
 * The compiled mainnet subgraph on two real mainnet blocks (17173049–17173050, ethereum-etl's test
 * export in ../shared/realdata/ethereum): every log of both blocks goes through the harness, and the
 * one Seaport 1.4 sale in them (tx 0x42ace258…fc3c, log 205) must come out exactly as its bytes say —
 * decoded independently here with viem — with nothing else recorded as a sale.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Abi, decodeEventLog, type Hex, numberToHex } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import seaportAbi from "../../subgraph/abis/Seaport.json" with { type: "json" };
import { readMainnetConfig } from "../../subgraph/manifests/config.ts";
import { buildSubgraph } from "../../subgraph/manifests/index.ts";
import { type BlockFixture, createHarness, type Harness } from "../../subgraph/runtime/harness/index.ts";

const dir = join(import.meta.dirname, "..", "..", "..", "shared", "realdata", "ethereum", "etl_blocks_17173049_17173050");
const present = existsSync(join(dir, "logs.jsonl"));
if (!present) console.log(`subgraph real-data check: ${dir} is absent; skipping`);

const SALE_TX = "0x42ace258a44863bdbe83eb5dad6f999e5b6ab775b38529db5a3af4753970fc3c";
const ANSWER_UPDATED = "0x0559884fd3a460db3073b7fc896cc77986f16e378210ded43186175bf646fc5f";

type Row = Record<string, unknown>;
const rows = (file: string): Row[] =>
  readFileSync(join(dir, file), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
const q = (v: unknown) => numberToHex(BigInt(v as number | string));

/** ethereum-etl rows → the RPC JSON the harness takes (receipt fields come from the transaction rows). */
function blockFixtures(): BlockFixture[] {
  const logs = rows("logs.jsonl");
  const txs = rows("transactions.jsonl");
  return rows("blocks.jsonl").map((b) => {
    const blockTxs = txs.filter((t) => t.block_number === b.number);
    const zeroBloom = `0x${"00".repeat(256)}`;
    return {
      block: {
        number: q(b.number),
        hash: b.hash as string,
        parentHash: b.parent_hash as string,
        sha3Uncles: b.sha3_uncles as string,
        miner: b.miner as string,
        stateRoot: b.state_root as string,
        transactionsRoot: b.transactions_root as string,
        receiptsRoot: b.receipts_root as string,
        gasUsed: q(b.gas_used),
        gasLimit: q(b.gas_limit),
        timestamp: q(b.timestamp),
        difficulty: q(b.difficulty),
        totalDifficulty: q(b.total_difficulty),
        size: q(b.size),
        baseFeePerGas: q(b.base_fee_per_gas),
      },
      transactions: blockTxs.map((t) => ({
        hash: t.hash as string,
        transactionIndex: q(t.transaction_index),
        from: t.from_address as string,
        to: (t.to_address as string | null) ?? null,
        value: q(t.value),
        gas: q(t.gas),
        gasPrice: q(t.receipt_effective_gas_price ?? t.gas_price),
        input: t.input as string,
        nonce: q(t.nonce),
      })),
      receipts: blockTxs.map((t) => ({
        transactionHash: t.hash as string,
        transactionIndex: q(t.transaction_index),
        blockHash: b.hash as string,
        blockNumber: q(b.number),
        cumulativeGasUsed: q(t.receipt_cumulative_gas_used),
        gasUsed: q(t.receipt_gas_used),
        contractAddress: (t.receipt_contract_address as string | null) ?? null,
        status: q(t.receipt_status),
        root: null,
        logsBloom: zeroBloom,
        logs: logs
          .filter((l) => l.transaction_hash === t.hash)
          .map((l) => ({
            address: l.address as string,
            topics: l.topics as string[],
            data: l.data as string,
            blockHash: b.hash as string,
            blockNumber: q(b.number),
            transactionHash: t.hash as string,
            transactionIndex: q(t.transaction_index),
            logIndex: q(l.log_index),
            removed: false,
          })),
      })),
    };
  });
}

describe.skipIf(!present)("mainnet subgraph on real blocks 17173049–17173050", () => {
  let h: Harness;
  beforeAll(async () => {
    const { manifestPath } = await buildSubgraph({ network: "mainnet" });
    // No RPC here: contract reads (name, symbol, tokenURI) answer as reverts.
    h = createHarness({ manifest: manifestPath, calls: () => null });
    for (const fx of blockFixtures()) await h.processBlock(fx);
  });

  it("records exactly the one Seaport sale, as its log's bytes say", () => {
    const saleLog = rows("logs.jsonl").find((l) => l.transaction_hash === SALE_TX && l.log_index === 205) as Row;
    const decoded = decodeEventLog({ abi: seaportAbi as Abi, data: saleLog.data as Hex, topics: saleLog.topics as [Hex] });
    const args = decoded.args as unknown as {
      offerer: string;
      recipient: string;
      orderHash: string;
      offer: { itemType: number; token: string; identifier: bigint }[];
      consideration: { itemType: number; amount: bigint; recipient: string }[];
    };
    const sales = h.all("Sale");
    expect(sales).toHaveLength(1);
    const sale = sales[0];
    const gross = args.consideration.reduce((sum, c) => sum + c.amount, 0n);
    const proceeds = args.consideration
      .filter((c) => c.recipient.toLowerCase() === args.offerer.toLowerCase())
      .reduce((s, c) => s + c.amount, 0n);
    expect(sale).toMatchObject({
      kind: "LISTING",
      protocolVersion: "1.4",
      orderHash: args.orderHash,
      seller: args.offerer.toLowerCase(),
      buyer: args.recipient.toLowerCase(),
      collection: args.offer[0].token.toLowerCase(),
      tokenId: args.offer[0].identifier,
      currency: "0x0000000000000000000000000000000000000000",
      grossPriceWei: gross,
      sellerProceedsWei: proceeds,
      logIndex: 205n,
    });
    // A basic ETH listing: the buyer's transaction value is the gross price.
    const tx = rows("transactions.jsonl").find((t) => t.hash === SALE_TX) as Row;
    expect(sale.grossPriceWei).toBe(BigInt(tx.value as number));
    const legs = h.all("SaleFee").filter((f) => f.sale === sale.id);
    const expectedLegs = args.consideration.filter((c) => c.recipient.toLowerCase() !== args.offerer.toLowerCase());
    expect(legs.map((l) => l.amountWei).sort()).toEqual(expectedLegs.map((c) => c.amount).sort());
    expect((sale.marketplaceFeeWei as bigint) + (sale.royaltyFeeWei as bigint) + (sale.sellerProceedsWei as bigint)).toBe(gross);
  });

  it("stores the sale's gas as the receipt and block say", () => {
    const tx = rows("transactions.jsonl").find((t) => t.hash === SALE_TX) as Row;
    const block = rows("blocks.jsonl").find((b) => b.number === tx.block_number) as Row;
    const gasPrice = BigInt(tx.receipt_effective_gas_price as number);
    const baseFee = BigInt(block.base_fee_per_gas as number);
    expect(h.get("Transaction", SALE_TX)).toMatchObject({
      gasUsed: BigInt(tx.receipt_gas_used as number),
      gasPriceWei: gasPrice,
      blockBaseFeePerGasWei: baseFee,
      priorityFeePerGasWei: gasPrice - baseFee,
      gasCostWei: BigInt(tx.receipt_gas_used as number) * gasPrice,
    });
  });

  it("makes price points only from configured aggregators (these blocks hold AnswerUpdated of others, e.g. LINK/ETH)", () => {
    const feeds = new Set(readMainnetConfig().priceFeeds.map((f) => f.address.toLowerCase()));
    const answers = rows("logs.jsonl").filter((l) => (l.topics as string[])[0] === ANSWER_UPDATED);
    expect(answers.length).toBeGreaterThan(0);
    const configured = answers.filter((l) => feeds.has(String(l.address).toLowerCase()));
    expect(h.all("PricePoint")).toHaveLength(configured.length);
  });
});
