/**
 * Block headers and first funding from ethereum-etl exports instead of an RPC: `blocks.csv`,
 * stream `blocks.jsonl`, a JSON array of block objects, and `transactions.csv/.jsonl` (for first
 * funding). A folder is searched for those names. Files are idempotent to re-import.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { z } from "zod";
import type { Warehouse } from "../db.ts";
import { parseCsv } from "./csv.ts";
import { type FundingCandidate, mergeFirstFunding } from "./first-funding.ts";
import type { SyncProgress } from "./subgraph.ts";
import { type RawRow, writeRows } from "./write.ts";

export class EtlImportError extends Error {
  override name = "EtlImportError";
}

const int = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform((v) => BigInt(v));
const optionalInt = z
  .union([int, z.literal(""), z.null(), z.undefined()])
  .transform((v) => (v === "" || v === null || v === undefined ? null : v));
const hexOrEmpty = z
  .string()
  .regex(/^(0x[0-9a-fA-F]*)?$/)
  .nullable()
  .optional();

const blockSchema = z.object({
  number: int,
  hash: hexOrEmpty,
  timestamp: int,
  gas_used: int,
  gas_limit: int,
  base_fee_per_gas: optionalInt,
  transaction_count: optionalInt,
});

const txSchema = z.object({
  hash: z.string().regex(/^0x[0-9a-fA-F]{64}$/),
  from_address: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  to_address: z
    .string()
    .regex(/^(0x[0-9a-fA-F]{40})?$/)
    .nullable()
    .optional(),
  value: int,
  block_number: int,
  transaction_index: optionalInt,
});

type Kind = "blocks" | "transactions";

/** Objects of a CSV, JSON-lines or JSON-array file, each with where it came from (for messages). */
function readObjects(file: string): Array<{ where: string; value: Record<string, unknown> }> {
  const text = readFileSync(file, "utf8");
  const trimmed = text.trimStart();
  if (file.endsWith(".csv")) {
    const { header, rows } = parseCsv(text);
    return rows.map(({ line, cells }) => ({
      where: `${file} line ${line}`,
      value: Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""])),
    }));
  }
  if (trimmed.startsWith("[")) {
    const list = JSON.parse(text) as unknown;
    if (!Array.isArray(list)) throw new EtlImportError(`${file}: expected a JSON array of objects`);
    return list.map((value, i) => ({ where: `${file} item ${i}`, value: value as Record<string, unknown> }));
  }
  return text
    .split("\n")
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.trim() !== "")
    .map(({ l, i }) => {
      try {
        return { where: `${file} line ${i + 1}`, value: JSON.parse(l) as Record<string, unknown> };
      } catch {
        throw new EtlImportError(`${file} line ${i + 1}: not a JSON object (expected JSON lines, a JSON array or CSV)`);
      }
    });
}

function kindOf(file: string, first: Record<string, unknown> | undefined): Kind {
  const name = basename(file).toLowerCase();
  if (name.includes("transaction")) return "transactions";
  if (name.includes("block")) return "blocks";
  if (first && "gas_limit" in first && "number" in first) return "blocks";
  if (first && "from_address" in first && "value" in first) return "transactions";
  throw new EtlImportError(
    `${file}: neither blocks nor transactions (expected ethereum-etl columns, e.g. number,timestamp,gas_used,gas_limit)`,
  );
}

/** Expands folders into the ethereum-etl files they hold. */
function expand(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new EtlImportError(`--etl ${p}: no such file or folder`);
    if (statSync(p).isDirectory()) {
      const found = readdirSync(p)
        .filter((f) => /^(blocks|transactions)\.(csv|jsonl|json)$/i.test(f) || /(blocks|transactions).*\.(csv|jsonl|json)$/i.test(f))
        .map((f) => join(p, f));
      if (!found.length) throw new EtlImportError(`--etl ${p}: the folder holds no blocks.csv/.jsonl or transactions.csv/.jsonl`);
      out.push(...found.sort());
    } else out.push(p);
  }
  return out;
}

function parseOrThrow<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, item: { where: string; value: unknown }): T {
  const parsed = schema.safeParse(item.value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new EtlImportError(`${item.where}: ${issue.path.join(".") || "row"} ${issue.message}`);
}

/** Imports every file's headers and funding candidates; each file is one transaction. */
export async function importEtlFiles({
  warehouse,
  paths,
  onProgress = () => {},
}: {
  warehouse: Warehouse;
  paths: string[];
  onProgress?: (p: SyncProgress) => void;
}): Promise<{ blocks: { imported: number; lastBlock: number | null }; firstFunding: { imported: number } }> {
  const result = { blocks: { imported: 0, lastBlock: null as number | null }, firstFunding: { imported: 0 } };
  for (const file of expand(paths)) {
    let items: ReturnType<typeof readObjects>;
    try {
      items = readObjects(file);
    } catch (error) {
      if (error instanceof EtlImportError) throw error;
      throw new EtlImportError(`${file}: ${(error as Error).message.split("\n")[0]}`);
    }
    const kind = kindOf(file, items[0]?.value);
    if (kind === "blocks") {
      const rows: RawRow[] = items.map((item) => {
        const b = parseOrThrow(blockSchema, item);
        return {
          block_number: b.number,
          block_hash: b.hash ? b.hash.toLowerCase() : null,
          block_time: b.timestamp,
          gas_used: b.gas_used,
          gas_limit: b.gas_limit,
          base_fee_per_gas_wei: b.base_fee_per_gas,
          transaction_count: b.transaction_count,
        };
      });
      await warehouse.transaction(() => writeRows(warehouse, "blocks", rows));
      result.blocks.imported += rows.length;
      const last = rows.reduce((m: number, r) => Math.max(m, Number(r.block_number)), -1);
      if (last >= 0) result.blocks.lastBlock = Math.max(result.blocks.lastBlock ?? -1, last);
      onProgress({ stage: "blocks", what: "blocks", rows: result.blocks.imported, message: `${rows.length} block headers from ${file}` });
    } else {
      const candidates: FundingCandidate[] = [];
      for (const item of items) {
        const t = parseOrThrow(txSchema, item);
        if (t.value > 0n && t.to_address) {
          candidates.push({
            address: t.to_address,
            funder: t.from_address,
            blockNumber: Number(t.block_number),
            txIndex: Number(t.transaction_index ?? 0n),
            txHash: t.hash,
          });
        }
      }
      const changed = await warehouse.transaction(() => mergeFirstFunding(warehouse, candidates));
      result.firstFunding.imported += changed;
      onProgress({ stage: "first_funding", what: "first_funding", rows: changed, message: `${changed} first-funding rows from ${file}` });
    }
  }
  return result;
}
