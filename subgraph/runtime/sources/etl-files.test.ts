import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type EtlRowItem, readEtlRows, splitCsv } from "./etl-files.ts";

const dir = mkdtempSync(join(tmpdir(), "hashfloor-etl-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rows(file: string): Promise<EtlRowItem[]> {
  const out: EtlRowItem[] = [];
  for await (const batch of readEtlRows([file])) out.push(...batch);
  return out;
}

describe("splitCsv", () => {
  it("splits plain rows, and honours RFC 4180 quotes with doubled quotes and commas inside", () => {
    expect(splitCsv("0xab,12,,0x")).toEqual(["0xab", "12", "", "0x"]);
    expect(splitCsv('a,"b,c","say ""hi""",')).toEqual(["a", "b,c", 'say "hi"', ""]);
    expect(splitCsv('"",x,""')).toEqual(["", "x", ""]);
  });
});

describe("readEtlRows", () => {
  it("keeps integers above 2^53 exact in JSON lines, but leaves long digit runs inside hex strings alone", async () => {
    const file = join(dir, "stream.jsonl");
    const value = "123456789012345678901234567890";
    const data = `0x${"0".repeat(40)}1234567890123456789`;
    writeFileSync(
      file,
      `${JSON.stringify({ type: "transaction", hash: "0x01", value: 0 }).replace("0}", `${value}}`)}\n{"type": "log", "data": "${data}", "log_index": 3}\r\n\n`,
    );
    const [tx, log] = await rows(file);
    expect(tx.kind).toBe("transaction");
    expect(tx.row.value).toBe(value);
    expect(log.row).toEqual({ type: "log", data, log_index: 3 });
  });

  it("joins lines that straddle read chunks and numbers CSV rows by their header", async () => {
    const file = join(dir, "logs.csv");
    const count = 60_000; // about 5 MB: more than one 4 MiB read chunk
    const lines = ["log_index,transaction_hash,data"];
    for (let i = 0; i < count; i++) lines.push(`${i},0x${i.toString(16).padStart(64, "0")},"0x${"ab".repeat(8)}"`);
    writeFileSync(file, `${lines.join("\r\n")}\r\n`);
    const read = await rows(file);
    expect(read).toHaveLength(count);
    expect(read.every((r, i) => r.kind === "log" && r.row.log_index === String(i) && r.row.data === `0x${"ab".repeat(8)}`)).toBe(true);
    expect(read[count - 1].row.transaction_hash).toBe(`0x${(count - 1).toString(16).padStart(64, "0")}`);
  });
});
