import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loader } from "../../app/routes/api.mining.profitability.ts";
import type { MiningAnswer } from "./index.ts";

const bin = fileURLToPath(new URL("../../bin/hashfloor.mjs", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "hashfloor-mining-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const cli = (args: string[]) =>
  spawnSync(process.execPath, [bin, "mining", ...args], { encoding: "utf8", env: { ...process.env, HASHFLOOR_DATA_DIR: dataDir } });
const api = async (query: string) => {
  const response = await loader({ request: new Request(`http://localhost/api/mining/profitability?${query}`), params: {}, context: {} });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const badInputs: [string[], string][] = [
  [["--hashrate", "200TH", "--power", "-3500"], "hashrate=200TH&power=-3500"],
  [["--machine", "Antminer S99"], "machine=Antminer%20S99"],
  [["--hashrate", "200", "--power", "3500"], "hashrate=200&power=3500"],
  [["--machine", "Antminer S21", "--difficulty", "0"], "machine=Antminer%20S21&difficulty=0"],
];

describe("bad input: the CLI and the API give the same one-line message", () => {
  it.each(badInputs)("%j", async (args, query) => {
    const r = cli(args);
    expect(r.status).toBe(2);
    const line = r.stderr.trim();
    expect(line.split("\n")).toHaveLength(1);
    expect(line).toMatch(/^hashfloor: .*e\.g\. --/);
    const { status, body } = await api(query);
    expect(status).toBe(400);
    expect(`hashfloor: ${body.error}`).toBe(line);
  });
});

describe("hashfloor mining", () => {
  it("prints the S21 at the snapshot, labelled as a snapshot", () => {
    const r = cli(["--coin", "btc", "--machine", "Antminer S21", "--kwh", "0.05", "--pool-fee", "0", "--hardware-cost", "4000"]);
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^⚠ Network data: SNAPSHOT of 2024-04-20, not live data/);
    expect(r.stdout).toMatch(/Hashprice\s+\$0\.04881\/TH\/day/);
    expect(r.stdout).toMatch(/Payback\s+/);
  });

  it("recomputes a past day from explicit inputs as JSON, with units in field names", () => {
    const r = cli([
      "--machine",
      "Antminer S21",
      "--pool-fee",
      "0",
      "--height",
      "840000",
      "--difficulty",
      "86388558925171.02",
      "--coin-price",
      "64990",
      "--fees-per-block",
      "0",
      "--date",
      "2024-04-20",
      "--growth",
      "0%/day",
      "--json",
    ]);
    expect(r.status).toBe(0);
    const answer = JSON.parse(r.stdout) as MiningAnswer;
    expect(answer.network.isSnapshot).toBe(false);
    expect(answer.network.label).toBe("explicit inputs");
    expect(answer.today.legs[0].networkHashrateHps / 1e18).toBeCloseTo(618.4, 1);
    const hashprice = ((86_400 * 1e12) / (86_388_558_925_171.02 * 2 ** 32)) * 3.125 * 64_990;
    expect(answer.today.hashpriceUsdPerThDay).toBeCloseTo(hashprice, 10);
    expect(answer.today.revenueUsdPerDay).toBeCloseTo(hashprice * 200, 8);
    expect(answer.sensitivity?.cells.length).toBe(121);
  });

  it("says Ethereum mining ended at the Merge instead of computing", async () => {
    const r = cli(["--coin", "eth", "--hashrate", "1GH", "--power", "1000"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("15,537,393");
    const { status, body } = await api("coin=eth");
    expect(status).toBe(200);
    expect(body).toMatchObject({ coin: "eth", miningEnded: true, lastPowBlock: 15_537_393 });
  });

  it("imports history, then uses its trend as the default growth and backtests over it", () => {
    const csv = join(dataDir, "btc.csv");
    const rows = Array.from({ length: 60 }, (_, i) => {
      const day = new Date(Date.UTC(2024, 2, 1) + i * 86_400_000).toISOString().slice(0, 10);
      return `${day},${80e12 * 1.001 ** i},60000,0.1`;
    });
    writeFileSync(csv, ["date,difficulty,price,fees", ...rows].join("\n"));
    const imported = cli(["import", "--coin", "btc", "--csv", csv]);
    expect(imported.stdout).toContain("Imported BTC history into");
    expect(imported.stdout).toContain("60 rows from");
    const r = cli(["--machine", "Antminer S21", "--date", "2024-04-29", "--json"]);
    const answer = JSON.parse(r.stdout) as MiningAnswer;
    expect(answer.growth.difficultyGrowthPerDay).toBeCloseTo(0.001, 9);
    expect(answer.growth.source).toMatch(/trailing 90-day trend of loaded history \(60 days/);
    const bt = cli(["backtest", "--machine", "Antminer S21", "--bought", "2024-03-10", "--hardware-cost", "3000"]);
    expect(bt.status).toBe(0);
    expect(bt.stdout).toMatch(/Backtest 2024-03-10 to 2024-04-29 \(51 days/);
  });

  it("lists the hardware catalog", () => {
    const r = cli(["machines"]);
    expect(r.stdout).toMatch(/Antminer S21 XP\s+sha256\s+270 TH\/s\s+3645 W/);
  });
});

describe("miningProfitability on the app's warehouse", () => {
  it("runs on a warehouse carrying the mining models and reads its history trend", async () => {
    const { openWarehouse } = await import("../db.ts");
    const { importHistoryCsv } = await import("./history.ts");
    const { hasMiningModels, miningProfitability } = await import("./api.server.ts");
    const w = await openWarehouse({ path: ":memory:" });
    try {
      expect(await hasMiningModels(w)).toBe(true);
      const csv = ["date,difficulty", "2024-03-01,80000000000000", "2024-04-01,84000000000000"].join("\n");
      await importHistoryCsv({ warehouse: w, coin: "btc", csv, source: "test" });
      const result = await miningProfitability(
        new URL("http://x/api/mining/profitability?machine=Antminer%20S21&date=2024-04-20&grid=false"),
        { warehouse: w },
      );
      expect(result.status).toBe(200);
      const body = result.body as MiningAnswer;
      expect(body.growth.difficultyGrowthPerDay).toBeCloseTo(1.05 ** (1 / 31) - 1, 9);
      expect(body.sensitivity).toBeUndefined();
      const bad = await miningProfitability(new URL("http://x/api/mining/profitability?machine=Antminer%20S21&frobnicate=1"), {
        warehouse: w,
      });
      expect(bad).toMatchObject({ status: 400, body: { field: "frobnicate" } });
    } finally {
      w.close();
    }
  });
});

describe("hashpriceCard", () => {
  it("gives the snapshot's BTC hashprice, labelled", async () => {
    const { hashpriceCard } = await import("./index.ts");
    const card = await hashpriceCard();
    const expected = ((86_400 * 1e12) / (86_388_558_925_171.02 * 2 ** 32)) * (3.125 + 0.1) * 64_990;
    expect(card.hashpriceUsdPerThDay).toBeCloseTo(expected, 10);
    expect(card).toMatchObject({ date: "2024-04-20", isSnapshot: true });
    expect(card.label).toMatch(/^SNAPSHOT/);
  });
});
