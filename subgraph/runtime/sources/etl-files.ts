/**
 * Reads ethereum-etl output: `ethereumetl stream` JSON lines (items typed block / transaction / log,
 * receipt fields merged into transactions) and the CSV exports (blocks.csv, transactions.csv,
 * receipts.csv, logs.csv). Column names follow blockchain-etl/ethereum-etl docs/schema.md. Files are
 * streamed line by line; each row is validated where it is turned into chain data (etl-rows.ts).
 */
import { createReadStream, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";

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
  // Most rows quote nothing (hex and numbers): one native split.
  if (!line.includes('"')) return line.split(",");
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      // A quoted field: up to the closing quote that is not a doubled one.
      let end = i + 1;
      for (;;) {
        end = line.indexOf('"', end);
        if (end === -1 || line[end + 1] !== '"') break;
        end += 2;
      }
      const stop = end === -1 ? line.length : end;
      const comma = line.indexOf(",", stop);
      // Text after the closing quote (malformed, but kept as the old parser did) joins the field.
      out.push(
        line.slice(i + 1, stop).replaceAll('""', '"') + line.slice(Math.min(stop + 1, line.length), comma === -1 ? line.length : comma),
      );
      i = comma === -1 ? line.length + 1 : comma + 1;
    } else {
      const comma = line.indexOf(",", i);
      out.push(line.slice(i, comma === -1 ? line.length : comma));
      i = comma === -1 ? line.length + 1 : comma + 1;
    }
  }
  return out;
}

// Python's json writes big integers exactly; JSON.parse would round them. Quoting long literals
// keeps them exact (applied only to rows where JSON.parse met such a number).
const BIG_NUMBER = /([:[,]\s*)(-?\d{16,})(?=\s*[,}\]])/g;

/** Whether a parsed (flat) row holds a number JSON.parse could not represent exactly. */
function hasInexactNumber(row: EtlRow): boolean {
  for (const key in row) {
    const v = row[key];
    if (typeof v === "number" && (v > Number.MAX_SAFE_INTEGER || v < -Number.MAX_SAFE_INTEGER)) return true;
  }
  return false;
}

export interface EtlRowItem {
  kind: EtlKind;
  row: EtlRow;
  file: string;
}

/** The lines of a file, read in large chunks (a line split across chunks is joined). */
async function* lineBatches(file: string): AsyncGenerator<string[]> {
  let rest = "";
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 22 })) {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() ?? "";
    yield lines;
  }
  if (rest !== "") yield [rest];
}

/**
 * Every row of every file, tagged with its kind, in batches (one per read chunk): rows are parsed
 * synchronously within a batch, so a large file costs no promise per row.
 */
export async function* readEtlRows(files: string[]): AsyncGenerator<EtlRowItem[]> {
  for (const file of files) {
    const csv = file.toLowerCase().endsWith(".csv");
    const fileKind = kindFromName(file);
    let header: string[] | null = null;
    let lineNo = 0;
    for await (const lines of lineBatches(file)) {
      const batch: EtlRowItem[] = [];
      for (const raw of lines) {
        lineNo++;
        const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
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
            row = JSON.parse(line) as EtlRow;
            // Rare (a large value or difficulty): parse again with the long literals quoted.
            if (hasInexactNumber(row)) row = JSON.parse(line.replace(BIG_NUMBER, '$1"$2"')) as EtlRow;
          } catch {
            throw new EtlFormatError(`${file}:${lineNo}: not a JSON line`);
          }
        }
        const kind = (typeof row.type === "string" ? (row.type as EtlKind) : null) ?? fileKind;
        if (kind === null)
          throw new EtlFormatError(
            `${file}:${lineNo}: cannot tell whether this is a block, transaction, log or receipt (name the file blocks/transactions/logs/receipts or add "type")`,
          );
        if (kind === "block" || kind === "transaction" || kind === "log" || kind === "receipt") batch.push({ kind, row, file });
      }
      yield batch;
    }
  }
}
