import { describe, expect, it } from "vitest";
import { findMachine, listMachines } from "./catalog.ts";
import { parseMiningRequest } from "./input.ts";
import { formatHashrate, growthPerDay, MiningInputError, parseGrowth, parseHashrateHps } from "./units.ts";

const errorOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error as MiningInputError;
  }
  throw new Error("expected a MiningInputError");
};

describe("parseMiningRequest: bad input is one line naming the field, with an accepted example", () => {
  it.each([
    [{ hashrate: "200TH", power: "-3500" }, "power", "e.g. --power 3500"],
    [{ machine: "Antminer S99" }, "machine", 'e.g. --machine "Antminer S21"'],
    [{ hashrate: "200", power: "3500" }, "hashrate", "e.g. --hashrate 200TH"],
    [{ machine: "Antminer S21", difficulty: "0" }, "difficulty", "e.g. --difficulty 86388558925171.02"],
    [{ machine: "Antminer S21", "pool-fee": "150" }, "pool-fee", "e.g. --pool-fee 2"],
    [{ machine: "Antminer S21", growth: "2" }, "growth", "e.g. --growth 2%/retarget"],
    [{ coin: "xmr", machine: "Antminer S21" }, "coin", "e.g. --coin btc"],
    [{ hashrate: "200TH" }, "power", "--hashrate 200TH --power 3500"],
    [{ machine: "Antminer S21", date: "20/04/2024" }, "date", "e.g. --date 2024-04-20"],
    [{ machine: "Antminer S21", height: "1.5" }, "height", "e.g. --height 840000"],
  ])("%o → field %s", (raw, field, example) => {
    const error = errorOf(() => parseMiningRequest(raw));
    expect(error).toBeInstanceOf(MiningInputError);
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    expect(error.message).toContain(example);
    expect(error.message).not.toContain("\n");
  });

  it("refuses a machine for another algorithm and says which coin fits", () => {
    expect(errorOf(() => parseMiningRequest({ coin: "etc", machine: "Antminer S21" })).message).toContain("e.g. --coin btc");
  });

  it("refuses per-retarget growth for ETC, which retargets every block", () => {
    expect(errorOf(() => parseMiningRequest({ coin: "etc", machine: "Antminer E9 Pro", growth: "1%/retarget" })).field).toBe("growth");
  });
});

describe("parseMiningRequest: accepted input", () => {
  it("takes a catalog machine and lets explicit flags override it", () => {
    const r = parseMiningRequest({ machine: "antminer-s21", power: "3400", kwh: "0.07", "pool-fee": "1.5", "keep-on": "true" });
    expect(r.machine?.model).toBe("Antminer S21");
    expect(r.hashrateHps).toBe(200e12);
    expect(r.powerW).toBe(3400);
    expect(r.powerUsdPerKwh).toBe(0.07);
    expect(r.poolFeePercent).toBe(1.5);
    expect(r.switchOffWhenLosing).toBe(false);
    expect(r.coin).toBe("btc");
  });

  it("maps aliases: scrypt and doge mean merged LTC + DOGE, ethereum means eth", () => {
    expect(parseMiningRequest({ coin: "scrypt", machine: "Antminer L9" }).coin).toBe("ltc");
    expect(parseMiningRequest({ coin: "ethereum" }).coin).toBe("eth");
  });
});

describe("units", () => {
  it.each([
    ["200TH", 200e12],
    ["200 TH/s", 200e12],
    ["3.68GH", 3.68e9],
    ["16 gh/s", 16e9],
    ["1.5EH", 1.5e18],
  ])("hashrate %s = %d H/s", (text, hps) => {
    expect(parseHashrateHps(text)).toBeCloseTo(hps, 0);
  });

  it("formats hashrates with a unit", () => {
    expect(formatHashrate(200e12)).toBe("200 TH/s");
    expect(formatHashrate(618.39e18)).toBe("618.4 EH/s");
  });

  it("turns 2%/retarget into the daily rate that compounds to 2% over 14 days", () => {
    const perDay = growthPerDay(parseGrowth("2%/retarget", "growth"), 14);
    expect((1 + perDay) ** 14).toBeCloseTo(1.02, 12);
    expect(growthPerDay(parseGrowth("0", "growth"), 14)).toBe(0);
  });
});

describe("hardware catalog", () => {
  it("has domain.md's machines with specs, source URL and a verified flag", () => {
    const s21 = findMachine("Antminer S21");
    expect([s21.hashrateHps, s21.powerW, s21.efficiencyJPerTh]).toEqual([200e12, 3500, 17.5]);
    expect(findMachine("Antminer S21 XP").hashrateHps).toBe(270e12);
    expect(findMachine("Antminer E9 Pro").algorithm).toBe("etchash");
    for (const m of listMachines()) {
      expect(m.sourceUrl).toMatch(/^https:\/\//);
      expect(typeof m.verified).toBe("boolean");
    }
    expect(listMachines().length).toBeGreaterThan(10);
  });
});
