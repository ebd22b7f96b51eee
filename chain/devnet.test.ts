/**
 * The devnet against the real EVM: one short simulated history shared by every assertion, checked
 * against what the chain itself says (receipts, logs, calls).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Abi, createPublicClient, decodeEventLog, type Hex, http, type PublicClient, parseAbi } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileAll } from "./compile.ts";
import { deploymentSchema, readDeployment } from "./deployment.ts";
import { exportEthereumEtl } from "./etl-export.ts";
import { type Devnet, startDevnet } from "./index.ts";
import { traitsOf } from "./sim/traits.ts";
import { readCsv, SALE_KINDS } from "./truth.ts";
import { nextBaseFee } from "./writer.ts";

const SEED = 7;
const DAYS = 2;
let devnet: Devnet;
let out: string;
let client: PublicClient;
let sales: Record<string, string>[];
const seaportAbi = compileAll().Seaport.abi as Abi;
const erc20 = parseAbi(["event Transfer(address indexed src, address indexed dst, uint256 wad)"]);

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "hashfloor-devnet-"));
  devnet = await startDevnet({ seed: SEED, days: DAYS, out });
  client = createPublicClient({ transport: http(devnet.rpcUrl) });
  sales = readCsv(join(devnet.truthDir, "sales.csv"));
});

afterAll(async () => {
  await devnet?.stop();
  if (out) rmSync(out, { recursive: true, force: true });
});

async function orderFulfilled(txHash: string, logIndex: number) {
  const receipt = await client.getTransactionReceipt({ hash: txHash as Hex });
  expect(receipt.status).toBe("success");
  const log = receipt.logs.find((l) => l.logIndex === logIndex);
  if (!log) throw new Error(`no log ${logIndex} in ${txHash}`);
  const event = decodeEventLog({ abi: seaportAbi, data: log.data, topics: log.topics });
  expect(event.eventName).toBe("OrderFulfilled");
  return { receipt, args: event.args as unknown as OrderFulfilledArgs };
}

/** Tags balance, attributes are quoted, nothing but tags and text: enough to reject broken SVG. */
function assertWellFormedXml(xml: string): void {
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  const stack: string[] = [];
  let last = 0;
  for (const m of xml.matchAll(tag)) {
    if (/[<>]/.test(xml.slice(last, m.index))) throw new Error(`stray markup at ${last}`);
    last = (m.index ?? 0) + m[0].length;
    if (m[1]) {
      if (stack.pop() !== m[2]) throw new Error(`unbalanced </${m[2]}>`);
    } else if (!m[4]) stack.push(m[2]);
  }
  if (/[<>]/.test(xml.slice(last)) || stack.length > 0) throw new Error(`unclosed <${stack.join(">, <")}>`);
}

interface OrderFulfilledArgs {
  offerer: Hex;
  recipient: Hex;
  offer: { itemType: number; token: Hex; identifier: bigint; amount: bigint }[];
  consideration: { itemType: number; token: Hex; identifier: bigint; amount: bigint; recipient: Hex }[];
}

describe("devnet (seed 7, 2 days)", () => {
  it("writes a deployment.json that matches the schema, with code at every address", async () => {
    const d = readDeployment(join(out, "deployment.json"));
    expect(deploymentSchema.parse(d).chainId).toBe(await client.getChainId());
    expect(d.contracts.collections).toHaveLength(3);
    for (const c of [d.contracts.seaport, d.contracts.weth, d.contracts.ethUsdFeed, ...d.contracts.collections]) {
      expect((await client.getCode({ address: c.address as Hex }))?.length ?? 0).toBeGreaterThan(100);
    }
    expect(d.historyEndBlock).toBeLessThanOrEqual(Number(await client.getBlockNumber()));
  });

  it.each(SALE_KINDS)("a %s sale has an OrderFulfilled log whose amounts sum to what the buyer paid", async (kind) => {
    const row = sales.find((s) => s.sale_kind === kind && s.is_wash === "false");
    expect(row, `no ${kind} sale in the truth`).toBeDefined();
    const s = row as Record<string, string>;
    const { receipt, args } = await orderFulfilled(s.tx_hash, Number(s.log_index));
    const tx = await client.getTransaction({ hash: s.tx_hash as Hex });
    const money = (items: { itemType: number; amount: bigint }[]) =>
      items.filter((i) => i.itemType <= 1).reduce((a, i) => a + i.amount, 0n);
    const wethFromBuyer = receipt.logs
      .filter((l) => l.address.toLowerCase() === s.currency_address)
      .map((l) => decodeEventLog({ abi: erc20, data: l.data, topics: l.topics }))
      .filter((e) => e.eventName === "Transfer" && e.args.src.toLowerCase() === s.buyer)
      .reduce((a, e) => a + e.args.wad, 0n);
    const gross = BigInt(s.bundle_price_wei);
    if (kind === "offer") {
      expect(args.offerer.toLowerCase()).toBe(s.buyer);
      expect(money(args.offer)).toBe(gross);
      expect(wethFromBuyer).toBe(gross);
    } else {
      expect(args.offerer.toLowerCase()).toBe(s.seller);
      expect(money(args.consideration)).toBe(gross);
      if (kind === "match") expect(wethFromBuyer).toBe(gross);
      else expect(tx.value).toBe(gross);
    }
    const feeItems = args.consideration.filter((c) => c.itemType <= 1 && c.recipient.toLowerCase() !== s.seller);
    const truthFees = sales
      .filter((r) => r.tx_hash === s.tx_hash)
      .reduce((a, r) => a + BigInt(r.marketplace_fee_wei) + BigInt(r.royalty_wei_1) + BigInt(r.royalty_wei_2), 0n);
    expect(feeItems.reduce((a, c) => a + c.amount, 0n)).toBe(truthFees);
    if (kind === "bundle") expect(args.offer.filter((o) => o.itemType === 2).length).toBe(Number(s.bundle_size));
  });

  it("has wash trades whose ground truth matches the chain", async () => {
    const wash = readCsv(join(devnet.truthDir, "wash_trades.csv"));
    const funding = readCsv(join(devnet.truthDir, "funding.csv"));
    const firstFunder = (a: string) => funding.find((f) => f.funded === a && f.kind === "transfer")?.funder;
    expect(new Set(wash.flatMap((w) => w.rules.split(";")))).toEqual(new Set(["1", "2", "3", "4", "6", "7"]));
    for (const w of wash) {
      const { args } = await orderFulfilled(w.tx_hash, Number(w.log_index));
      const rules = w.rules.split(";").map(Number);
      const nft = args.offer.find((o) => o.itemType === 2);
      expect(Number(nft?.identifier)).toBe(Number(w.token_id));
      expect(args.offerer.toLowerCase()).toBe(w.seller);
      const price = args.consideration.filter((c) => c.itemType <= 1).reduce((a, c) => a + c.amount, 0n);
      expect(price).toBe(BigInt(w.gross_price_wei));
      if (rules.includes(1)) expect(w.buyer).toBe(w.seller);
      if (rules.includes(6)) expect(price).toBeLessThanOrEqual(10n);
      if (rules.includes(7)) expect(args.consideration.every((c) => c.recipient.toLowerCase() === w.seller)).toBe(true);
      if (rules.includes(2))
        expect(
          wash.some((o) => o.token_id === w.token_id && o.collection === w.collection && o.buyer === w.seller && o.seller === w.buyer),
        ).toBe(true);
      if (rules.includes(3)) {
        const same = wash.filter((o) => o.token_id === w.token_id && o.collection === w.collection && o.buyer === w.buyer);
        expect(same.length).toBeGreaterThanOrEqual(3);
      }
      if (rules.includes(4)) {
        const funder = firstFunder(w.buyer);
        expect(funder).toBeDefined();
        expect(firstFunder(w.seller)).toBe(funder);
        const fundingTx = funding.find((f) => f.funded === w.buyer && f.kind === "transfer") as Record<string, string>;
        const tx = await client.getTransaction({ hash: fundingTx.tx_hash as Hex });
        expect(tx.from.toLowerCase()).toBe(funder);
        expect(tx.value).toBe(BigInt(fundingTx.amount_wei));
      }
    }
  });

  it("moves the base fee by EIP-1559 from real block fullness, with full blocks in the gas war", async () => {
    const head = Number(await client.getBlockNumber());
    let full = 0;
    let prev = await client.getBlock({ blockNumber: 1n });
    for (let n = 2; n <= head; n++) {
      const block = await client.getBlock({ blockNumber: BigInt(n) });
      expect(block.parentHash).toBe(prev.hash);
      expect(block.baseFeePerGas).toBe(nextBaseFee(prev.baseFeePerGas as bigint, prev.gasUsed, prev.gasLimit));
      if (block.gasUsed > (block.gasLimit * 9n) / 10n) full++;
      prev = block;
    }
    expect(full).toBeGreaterThan(0);
  });

  it("serves tokenURI as base64 JSON with the token's traits and a well-formed SVG image", async () => {
    const nft = parseAbi(["function tokenURI(uint256) view returns (string)", "function traitSalt() view returns (bytes32)"]);
    for (const col of devnet.deployment.contracts.collections) {
      const address = col.address as Hex;
      const uri = await client.readContract({ address, abi: nft, functionName: "tokenURI", args: [3n] });
      expect(uri.startsWith("data:application/json;base64,")).toBe(true);
      const json = JSON.parse(Buffer.from(uri.split(",")[1], "base64").toString("utf8"));
      expect(json.name).toBe(`${col.name} #3`);
      const salt = await client.readContract({ address, abi: nft, functionName: "traitSalt" });
      expect(json.attributes).toEqual(traitsOf(salt, 3));
      expect(json.image.startsWith("data:image/svg+xml;base64,")).toBe(true);
      const svg = Buffer.from(json.image.split(",")[1], "base64").toString("utf8");
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(() => assertWellFormedXml(svg)).not.toThrow();
    }
    expect(() => assertWellFormedXml('<svg><rect width="1"></svg>')).toThrow();
  });

  it("exports the history as ethereum-etl CSVs that agree with the chain and the truth", async () => {
    const dir = join(out, "etl");
    const end = devnet.deployment.historyEndBlock;
    const counts = await exportEthereumEtl({ rpcUrl: devnet.rpcUrl, fromBlock: 0, toBlock: end, dir });
    expect(counts.blocks).toBe(end + 1);
    const blocks = readCsv(join(dir, "blocks.csv"));
    expect(blocks.at(-1)?.hash).toBe((await client.getBlock({ blockNumber: BigInt(end) })).hash);
    expect(blocks.reduce((a, b) => a + Number(b.transaction_count), 0)).toBe(counts.transactions);
    const logs = readFileSync(join(dir, "logs.csv"), "utf8");
    const sale = sales[0];
    expect(logs).toContain(`${sale.log_index},${sale.tx_hash},`);
    expect(logs).toContain('"0x9d9af8e38d66c62e2c12f0225249fd9d721c54b83f48d9352c97c6cacdcb6f31,');
  });

  it("replays a cached history into the same blocks", async () => {
    const second = await startDevnet({ seed: SEED, days: DAYS, out });
    try {
      expect(second.fromCache).toBe(true);
      const other = createPublicClient({ transport: http(second.rpcUrl) });
      const end = BigInt(devnet.deployment.historyEndBlock);
      expect((await other.getBlock({ blockNumber: end })).hash).toBe((await client.getBlock({ blockNumber: end })).hash);
    } finally {
      await second.stop();
    }
  });
});
