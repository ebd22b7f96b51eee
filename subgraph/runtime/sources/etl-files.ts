/**
 * Reads ethereum-etl output: `ethereumetl stream` JSON lines (items typed block / transaction / log,
 * receipt fields merged into transactions) and the CSV exports (blocks.csv, transactions.csv,
 * receipts.csv, logs.csv). Column names follow blockchain-etl/ethereum-etl docs/schema.md. Files are
 * streamed line by line; each row is validated where it is turned into chain data (etl-rows.ts).
 */
import { createReadStream, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { createInterface } from "node:readline";

export type EtlKind = "block" | "transaction" | "log" | "receipt";
export type EtlRow = Record<string, unknown>;

/** Raised for files or rows that are not ethereum-etl output. */
export class EtlFormatError extends Error {
  override name = "EtlFormatError";
}

function kindFromName(path: string): EtlKind | null {
  const name = basename(path).toLowerCase();
  if (name.includes("receipt")) return "receipt";
  if (name.includes("transaction")) return "transaction";
  if (name.includes("log")) return "log";
  if (name.includes("block")) return "block";
  return null;
}

/** Expands directories (non-recursive, sorted) to their .json/.jsonl/.csv files. */
export function listEtlFiles(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) if (/\.(jsonl?|csv)$/i.test(f)) out.push(join(p, f));
    } else out.push(p);
  }
  if (out.length === 0) throw new EtlFormatError(`no ethereum-etl files (.json, .jsonl, .csv) in ${paths.join(", ")}`);
  return out;
}

/** Splits one CSV line (RFC 4180 quoting; ethereum-etl rows never span lines). */
export function splitCsv(line: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(field);
      field = "";
    } else field += c;
  }
  out.push(field);
  return out;
}

// Python's json writes big integers exactly; JSON.parse would round them. Quote long literals first.
const BIG_NUMBER = /([:[,]\s*)(-?\d{16,})(?=\s*[,}\]])/g;

/** Streams every row of every file, tagged with its kind. */
export async function* readEtlRows(files: string[]): AsyncGenerator<{ kind: EtlKind; row: EtlRow; file: string }> {
  for (const file of files) {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
    const csv = file.toLowerCase().endsWith(".csv");
    const fileKind = kindFromName(file);
    let header: string[] | null = null;
    let lineNo = 0;
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === "") continue;
      let row: EtlRow;
      if (csv) {
        if (!header) {
          header = splitCsv(line);
          continue;
        }
        const cells = splitCsv(line);
        row = {};
        for (let i = 0; i < header.length; i++) row[header[i]] = cells[i] ?? "";
      } else {
        try {
          row = JSON.parse(line.replace(BIG_NUMBER, '$1"$2"')) as EtlRow;
        } catch {
          throw new EtlFormatError(`${file}:${lineNo}: not a JSON line`);
        }
      }
      const kind = (typeof row.type === "string" ? (row.type as EtlKind) : null) ?? fileKind;
      if (kind === null)
        throw new EtlFormatError(
          `${file}:${lineNo}: cannot tell whether this is a block, transaction, log or receipt (name the file blocks/transactions/logs/receipts or add "type")`,
        );
      if (kind === "block" || kind === "transaction" || kind === "log" || kind === "receipt") yield { kind, row, file };
    }
  }
}
