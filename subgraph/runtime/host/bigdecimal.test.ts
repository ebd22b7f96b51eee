import { describe, expect, it } from "vitest";
import { add, div, formatDecimal, mul, parseDecimal, sub } from "./bigdecimal.ts";
import { bigIntToBytes, bytesToBigInt } from "./values.ts";

const f = (d: ReturnType<typeof parseDecimal>) => formatDecimal(d);

describe("BigDecimal as graph-node normalises it", () => {
  it.each([
    ["1.50", "1.5"],
    ["100", "100"],
    ["0.000", "0"],
    ["-0.0012300", "-0.00123"],
    ["1e3", "1000"],
    ["12.5e-2", "0.125"],
  ])("parses %s as %s", (text, expected) => expect(f(parseDecimal(text))).toBe(expected));

  it("rounds to 34 significant digits", () => {
    expect(f(div(parseDecimal("1"), parseDecimal("3")))).toBe(`0.${"3".repeat(34)}`);
    expect(f(div(parseDecimal("2"), parseDecimal("3")))).toBe(`0.${"6".repeat(33)}7`);
    expect(f(parseDecimal("1234567890123456789012345678901234567"))).toBe("1234567890123456789012345678901235000");
  });

  it("does arithmetic exactly below the precision limit", () => {
    expect(f(add(parseDecimal("0.1"), parseDecimal("0.2")))).toBe("0.3");
    expect(f(sub(parseDecimal("1"), parseDecimal("1.000001")))).toBe("-0.000001");
    expect(f(mul(parseDecimal("1.5"), parseDecimal("-2")))).toBe("-3");
    expect(f(div(parseDecimal("1"), parseDecimal("1000000000000000000")))).toBe("0.000000000000000001");
    expect(() => div(parseDecimal("1"), parseDecimal("0"))).toThrow(/divide BigDecimal by zero/);
  });
});

describe("BigInt bytes (little-endian two's complement, minimal)", () => {
  it.each([
    [0n, [0]],
    [127n, [0x7f]],
    [128n, [0x80, 0x00]],
    [-1n, [0xff]],
    [-129n, [0x7f, 0xff]],
    [2n ** 255n, [...new Array(31).fill(0), 0x80, 0x00]],
  ])("%s", (n, bytes) => {
    expect([...bigIntToBytes(n)]).toEqual(bytes);
    expect(bytesToBigInt(Uint8Array.from(bytes))).toBe(n);
  });
  it("reads an empty array as 0", () => expect(bytesToBigInt(new Uint8Array())).toBe(0n));
  it("agrees with a byte-at-a-time reference on random values of every size and sign", () => {
    // The reference: num-bigint's rule spelled out, one byte at a time.
    const reference = (n: bigint): number[] => {
      const out: number[] = [];
      for (let v = n; ; ) {
        const byte = Number(v & 0xffn);
        v >>= 8n;
        out.push(byte);
        if ((v === 0n && (byte & 0x80) === 0) || (v === -1n && (byte & 0x80) !== 0)) return out;
      }
    };
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let i = 0; i < 2000; i++) {
      const bytes = 1 + (random() % 40);
      let n = 0n;
      for (let b = 0; b < bytes; b++) n = (n << 8n) | BigInt(random() & 0xff);
      if (random() % 2) n = -n;
      expect([...bigIntToBytes(n)]).toEqual(reference(n));
      expect(bytesToBigInt(Uint8Array.from(reference(n)))).toBe(n);
    }
  });
});
