import { describe, expect, it } from "vitest";
import { addBigDecimal, bigDecimalKey, bigIntKey, normalizeBigDecimal } from "./decimal.ts";

describe("BigDecimal text", () => {
  it.each([
    ["1.50", "1.5"],
    ["0001.000", "1"],
    ["1e3", "1000"],
    ["-0.000120", "-0.00012"],
    ["0.0", "0"],
    ["-0", "0"],
    [".5", "0.5"],
    ["12345678901234567890123456789012345678", "12345678901234567890123456789012350000"],
    ["1.2345678901234567890123456789012345", "1.234567890123456789012345678901234"],
    ["1.2345678901234567890123456789012355", "1.234567890123456789012345678901236"],
  ])("normalises %s to %s", (input, expected) => {
    expect(normalizeBigDecimal(input)).toBe(expected);
  });

  it("rejects text that is not a number", () => {
    expect(() => normalizeBigDecimal("1.2.3")).toThrow(/invalid BigDecimal/);
    expect(() => normalizeBigDecimal("abc")).toThrow(/invalid BigDecimal/);
  });

  it("adds exactly", () => {
    expect(addBigDecimal("0.1", "0.2")).toBe("0.3");
    expect(addBigDecimal("-5", "2.75")).toBe("-2.25");
  });
});

describe("order-preserving keys", () => {
  it("sort BigInts like their values", () => {
    const values = [0n, 1n, -1n, 9n, 10n, -10n, 99n, -100n, 2n ** 200n, -(2n ** 200n), 123456789n, -123456788n];
    const byKey = [...values].sort((a, b) => (bigIntKey(a) < bigIntKey(b) ? -1 : 1));
    expect(byKey).toEqual([...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("sort BigDecimals like their values", () => {
    const values = ["0", "1.5", "1.51", "-1.5", "-1.51", "2", "0.0001", "-0.0001", "1000", "-1000.5", "15"];
    const byKey = [...values].sort((a, b) => (bigDecimalKey(a) < bigDecimalKey(b) ? -1 : 1));
    expect(byKey).toEqual(["-1000.5", "-1.51", "-1.5", "-0.0001", "0", "0.0001", "1.5", "1.51", "2", "15", "1000"]);
  });
});
