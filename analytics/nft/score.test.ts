import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWarehouse, type Warehouse } from "../db.ts";
import { eth, insertSales } from "../models/fixtures.ts";
import { formatScoreReport, readTruthSales, scoreAgainstTruth, scoreThresholdFailures, TruthFileError } from "./score.ts";

const contract = "0x00000000000000000000000000000000000000c0";
const dir = mkdtempSync(join(tmpdir(), "hashfloor-truth-"));
const header =
  "tx_hash,log_index,block_number,block_timestamp,collection,token_id,buyer,seller,gross_price_wei,currency,currency_address,marketplace_fee_wei,royalty_recipient_1,royalty_wei_1,royalty_recipient_2,royalty_wei_2,seller_proceeds_wei,sale_kind,is_bundle,bundle_size,bundle_price_wei,fair_value_wei,is_wash,wash_rules";
const truthRow = (tx: string, token: number, isWash: boolean, rules: string) =>
  `${tx},1,1,0,${contract},${token},0xb,0xs,1000000000000000000,ETH,0x0,0,,0,,0,0,basic,false,1,0,1000000000000000000,${isWash},${rules}`;

describe("score against ground truth", () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await openWarehouse({ path: ":memory:" });
    // a: planted self-trade, caught. b: planted self-trade that our data shows as a normal sale (missed).
    // c: clean sale that rule 6 flags (false positive). d: clean and unflagged.
    await insertSales(warehouse, [
      {
        saleId: "a",
        blockNumber: 1,
        time: "2024-01-01",
        txHash: "0xaa",
        contract,
        tokenId: "1",
        buyer: "0x1",
        seller: "0x1",
        priceWei: eth(1),
      },
      {
        saleId: "b",
        blockNumber: 2,
        time: "2024-01-01",
        txHash: "0xbb",
        contract,
        tokenId: "2",
        buyer: "0x2",
        seller: "0x3",
        priceWei: eth(1),
      },
      { saleId: "c", blockNumber: 3, time: "2024-01-01", txHash: "0xcc", contract, tokenId: "3", priceWei: 5n },
      { saleId: "d", blockNumber: 4, time: "2024-01-01", txHash: "0xdd", contract, tokenId: "4", priceWei: eth(1) },
    ]);
    writeFileSync(
      join(dir, "sales.csv"),
      [
        header,
        truthRow("0xaa", 1, true, "1"),
        truthRow("0xbb", 2, true, "1"),
        truthRow("0xcc", 3, false, ""),
        truthRow("0xdd", 4, false, ""),
        truthRow("0xee", 5, false, ""),
      ].join("\n"),
    );
  });
  afterAll(() => {
    warehouse.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("computes precision and recall per rule and overall", async () => {
    const report = await scoreAgainstTruth({ warehouse, truth: readTruthSales(dir) });
    expect(report.matchedSales).toBe(4);
    expect(report.truthOnlySales).toBe(1);
    const rule1 = report.rules.find((r) => r.rule === 1);
    expect(rule1).toMatchObject({ flagged: 1, truthPositives: 2, truePositives: 1, precision: 1, recall: 0.5 });
    const rule6 = report.rules.find((r) => r.rule === 6);
    expect(rule6).toMatchObject({ flagged: 1, truthPositives: 0, precision: 0, precisionAnyWash: 0 });
    const any = report.rules.find((r) => r.rule === "any");
    expect(any).toMatchObject({ flagged: 2, truthPositives: 2, truePositives: 1, precision: 0.5, recall: 0.5 });
    expect(formatScoreReport(report)[0]).toContain("sales matched to truth: 4");
    // Recall 0.5 and no valuation: the devnet bars fail, and say why.
    const failures = scoreThresholdFailures(report);
    expect(failures).toContain("rule 1: recall 0.500 < 0.9");
    expect(failures.some((f) => f.startsWith("valuation MAPE"))).toBe(true);
  });

  it("rejects a malformed truth row with its line number", () => {
    const bad = mkdtempSync(join(tmpdir(), "hashfloor-truth-bad-"));
    writeFileSync(join(bad, "sales.csv"), [header, truthRow("nothex", 1, true, "1")].join("\n"));
    expect(() => readTruthSales(bad)).toThrow(TruthFileError);
    expect(() => readTruthSales(bad)).toThrow(/line 2: tx_hash/);
    rmSync(bad, { recursive: true, force: true });
  });
});
