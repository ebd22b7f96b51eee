import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWarehouse, type Warehouse } from "../db.ts";
import { computeProfitability, type MiningLeg, projectPayback } from "./model.ts";
import { sensitivityGrid } from "./sensitivity.ts";

let w: Warehouse;
beforeAll(async () => {
  w = await openWarehouse({ path: ":memory:" });
});
afterAll(() => w.close());

const d840k = 86_388_558_925_171.02;
const btcLeg = (over: Partial<MiningLeg> = {}): MiningLeg => ({
  coin: "btc",
  difficulty: d840k,
  height: 840_000,
  feesPerBlockCoin: 0,
  priceUsd: 60_000,
  ...over,
});
const scalar = async (sql: string, params: (string | number)[] = []) => Object.values((await w.all(sql, params))[0])[0];

describe("reward schedules (SQL)", () => {
  it.each([
    [0, 50],
    [209_999, 50],
    [210_000, 25],
    [840_000, 3.125],
    [1_050_000, 1.5625],
    [64 * 210_000, 0],
  ])("Bitcoin subsidy at height %i is %d BTC", async (height, btc) => {
    expect(await scalar("SELECT mining_btc_subsidy_btc($1::BIGINT)", [height])).toBe(btc);
  });

  it.each([
    [5_000_000, 5],
    [5_000_001, 4],
    [10_000_001, 3.2],
    [20_000_001, 2.048],
  ])("ETC reward at block %i is %d ETC (ECIP-1017)", async (height, etc) => {
    expect(await scalar("SELECT mining_etc_block_reward_etc($1::BIGINT)", [height])).toBeCloseTo(etc, 12);
  });

  it("Litecoin halves every 840,000 blocks and Dogecoin pays 10,000 from block 600,000", async () => {
    expect(await scalar("SELECT mining_ltc_subsidy_ltc(2519999::BIGINT)")).toBe(12.5);
    expect(await scalar("SELECT mining_ltc_subsidy_ltc(2520000::BIGINT)")).toBe(6.25);
    expect(await scalar("SELECT mining_doge_reward_doge(600000::BIGINT)")).toBe(10_000);
  });

  it("network hashrate at block 840,000 from its difficulty is about 618.4 EH/s", async () => {
    const hps = Number(await scalar("SELECT mining_network_hashrate_hps('btc', $1)", [d840k]));
    expect(hps / 1e18).toBeCloseTo(618.4, 1);
  });

  it("Etchash takes D hashes per block, with no 2^32 factor", async () => {
    expect(await scalar("SELECT mining_hashes_per_block('etc', 2.4e15)")).toBe(2.4e15);
  });
});

describe("computeProfitability", () => {
  it("reproduces the worked S21 example of domain.md §8", async () => {
    // Choose the price that makes hashprice exactly $0.03987/TH/day at block 840,000's difficulty.
    const priceUsd = 0.03987 / ((86_400 * 1e12) / (d840k * 2 ** 32)) / 3.125;
    const p = await computeProfitability({
      warehouse: w,
      legs: [btcLeg({ priceUsd })],
      hashrateHps: 200e12,
      powerW: 3500,
      powerUsdPerKwh: 0.05,
      poolFeePercent: 0,
    });
    expect(p.hashpriceUsdPerThDay).toBeCloseTo(0.03987, 8);
    expect(p.hashpriceUsdPerPhDay).toBeCloseTo(39.87, 5);
    expect(p.revenueUsdPerDay).toBeCloseTo(7.974, 6);
    expect(p.powerKwhPerDay).toBeCloseTo(84.0, 9);
    expect(p.powerCostUsdPerDay).toBeCloseTo(4.2, 9);
    expect(p.profitUsdPerDay).toBeCloseTo(3.774, 6);
    expect(p.breakEvenPowerUsdPerKwh).toBeCloseTo(0.0949, 4);
    expect(p.breakEvenCoinPriceUsd! * p.legs[0].coinsPerDay).toBeCloseTo(4.2, 6);
  });

  it("applies the pool fee and uptime to coins mined, and uptime to power", async () => {
    const base = { warehouse: w, legs: [btcLeg()], hashrateHps: 100e12, powerW: 3000, powerUsdPerKwh: 0.1 };
    const full = await computeProfitability({ ...base, poolFeePercent: 0 });
    const net = await computeProfitability({ ...base, poolFeePercent: 2, uptimePercent: 90 });
    expect(net.legs[0].coinsPerDay / full.legs[0].coinsPerDay).toBeCloseTo(0.98 * 0.9, 12);
    expect(net.powerCostUsdPerDay).toBeCloseTo(full.powerCostUsdPerDay * 0.9, 12);
    expect(net.hashpriceUsdPerThDay).toBeCloseTo(full.hashpriceUsdPerThDay, 12);
  });

  it("adds both chains for merged Scrypt mining", async () => {
    const ltc: MiningLeg = { coin: "ltc", difficulty: 3.8e7, height: 2_671_000, feesPerBlockCoin: 0, priceUsd: 84 };
    const doge: MiningLeg = { coin: "doge", difficulty: 1.54e7, height: 5_190_000, feesPerBlockCoin: 0, priceUsd: 0.16 };
    const input = { warehouse: w, hashrateHps: 16e9, powerW: 3360, powerUsdPerKwh: 0.05, poolFeePercent: 0 };
    const both = await computeProfitability({ ...input, legs: [ltc, doge] });
    const only = await computeProfitability({ ...input, legs: [ltc] });
    const dogeCoins = (86_400 * 16e9 * 10_000) / (1.54e7 * 2 ** 32);
    expect(both.legs[1].coinsPerDay).toBeCloseTo(dogeCoins, 9);
    expect(both.revenueUsdPerDay).toBeCloseTo(only.revenueUsdPerDay + dogeCoins * 0.16, 9);
  });
});

describe("projectPayback", () => {
  const base = {
    warehouse: w,
    startDate: "2024-04-20",
    hashrateHps: 200e12,
    powerW: 3500,
    powerUsdPerKwh: 0.05,
    poolFeePercent: 0,
    horizonMonths: 36,
  };

  it("with zero growth and a flat price, pays back on the naive day", async () => {
    const r = await projectPayback({ ...base, legs: [btcLeg({ height: 850_000 })], difficultyGrowthPerDay: 0, hardwareCostUsd: 3000 });
    expect(r.paybackDays).toBe(Math.ceil(r.naivePaybackDays!));
    expect(r.days[0].day).toBe("2024-04-20");
    expect(r.days).toHaveLength(Math.round(36 * 30.436875));
  });

  it("steps difficulty once per 2016-block retarget and halves the subsidy at 1,050,000", async () => {
    const r = await projectPayback({
      ...base,
      legs: [btcLeg({ height: 1_049_000 })],
      difficultyGrowthPerDay: 1.02 ** (1 / 14) - 1,
      hardwareCostUsd: 1,
    });
    const difficulties = [...new Set(r.days.slice(0, 30).map((d) => d.legs[0].difficulty))];
    expect(difficulties[1] / difficulties[0]).toBeCloseTo(1.02, 9);
    const halvingDay = r.days.find((d) => d.legs[0].height >= 1_050_000)!;
    expect(halvingDay.legs[0].blockRewardCoin).toBe(1.5625);
    expect(r.days[halvingDay.dayIndex - 1].legs[0].blockRewardCoin).toBe(3.125);
  });

  it("is never sooner than naive payback when growth >= 0 (many inputs)", async () => {
    let seed = 42;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let paid = 0;
    for (let i = 0; i < 30; i++) {
      const r = await projectPayback({
        ...base,
        horizonMonths: 24,
        legs: [
          btcLeg({ height: 800_000 + Math.floor(rand() * 300_000), priceUsd: 30_000 + rand() * 90_000, feesPerBlockCoin: rand() * 0.5 }),
        ],
        hashrateHps: (50 + rand() * 250) * 1e12,
        powerW: 1500 + rand() * 3000,
        powerUsdPerKwh: rand() * 0.12,
        hostingUsdPerMonth: rand() < 0.3 ? rand() * 30 : 0,
        poolFeePercent: rand() * 4,
        difficultyGrowthPerDay: rand() < 0.2 ? 0 : rand() * 0.004,
        switchOffWhenLosing: rand() < 0.8,
        hardwareCostUsd: 500 + rand() * 6000,
      });
      if (r.naivePaybackDays === null) expect(r.paybackDays).toBeNull();
      if (r.paybackDays !== null) {
        paid++;
        expect(r.paybackDays).toBeGreaterThanOrEqual(r.naivePaybackDays!);
      }
    }
    expect(paid).toBeGreaterThan(3);
  });

  it('says "does not pay back within N months" when the profit cannot cover the hardware', async () => {
    const r = await projectPayback({ ...base, horizonMonths: 12, legs: [btcLeg()], difficultyGrowthPerDay: 0, hardwareCostUsd: 1_000_000 });
    expect(r.paysBack).toBe(false);
    expect(r.paybackDate).toBeNull();
    expect(r.verdict).toBe("does not pay back within 12 months");
  });

  it("switches a losing machine off (no power bought) unless told to keep it on", async () => {
    const losing = { ...base, legs: [btcLeg({ priceUsd: 10_000 })], horizonMonths: 1, difficultyGrowthPerDay: 0, hardwareCostUsd: 100 };
    const off = await projectPayback(losing);
    expect(off.days.every((d) => !d.isRunning && d.powerCostUsd === 0 && d.profitUsd === 0)).toBe(true);
    expect(off.naivePaybackDays).toBeNull();
    const on = await projectPayback({ ...losing, switchOffWhenLosing: false });
    expect(on.days[0].profitUsd).toBeLessThan(0);
    expect(on.totalProfitUsd).toBeCloseTo(on.days[0].profitUsd * on.days.length, 6);
  });

  it("follows a price path of +x %/month", async () => {
    const r = await projectPayback({
      ...base,
      legs: [btcLeg()],
      difficultyGrowthPerDay: 0,
      priceGrowthPerMonth: 0.05,
      hardwareCostUsd: 0,
      horizonMonths: 2,
    });
    const day = Math.round(30.436875 * 1);
    expect(r.days[0].legs[0].coinPriceUsd).toBe(60_000);
    expect(r.days[day].legs[0].coinPriceUsd / 60_000).toBeCloseTo(1.05 ** (day / 30.436875), 9);
  });
});

describe("sensitivityGrid", () => {
  it("gives profit for every power price x coin price, zero at the break-even cell", async () => {
    const input = { warehouse: w, legs: [btcLeg()], hashrateHps: 200e12, powerW: 3500, poolFeePercent: 0, powerUsdPerKwh: 0.05 };
    const today = await computeProfitability(input);
    const grid = await sensitivityGrid({
      ...input,
      powerPricesUsdPerKwh: [0.03, today.breakEvenPowerUsdPerKwh!],
      coinPricesUsd: [30_000, 60_000, 90_000],
    });
    expect(grid.cells).toHaveLength(6);
    const atBreakEven = grid.cells.find((c) => c.powerUsdPerKwh === today.breakEvenPowerUsdPerKwh && c.coinPriceUsd === 60_000)!;
    expect(atBreakEven.profitUsdPerDay).toBeCloseTo(0, 9);
    const cheap = grid.cells.filter((c) => c.powerUsdPerKwh === 0.03).map((c) => c.revenueUsdPerDay);
    expect(cheap[2] / cheap[0]).toBeCloseTo(3, 9);
  });
});

describe("openMiningEngine (used when no warehouse is passed, e.g. by the built app)", () => {
  it("computes the same figures as a full warehouse", async () => {
    const { openMiningEngine, hasMiningModels } = await import("./engine.ts");
    const engine = await openMiningEngine();
    try {
      expect(await hasMiningModels(engine)).toBe(true);
      const input = {
        legs: [btcLeg({ feesPerBlockCoin: 0.2 })],
        hashrateHps: 234e12,
        powerW: 3510,
        powerUsdPerKwh: 0.06,
        poolFeePercent: 1,
      };
      const viaEngine = await computeProfitability({ ...input, warehouse: engine });
      const viaWarehouse = await computeProfitability({ ...input, warehouse: w });
      expect(viaEngine).toEqual(viaWarehouse);
      expect(viaEngine.profitUsdPerDay).not.toBe(0);
    } finally {
      engine.close();
    }
  });
});
