/**
 * A small RFC 4180 CSV reader for imports (trade exports, ethereum-etl files): quoted fields with
 * doubled quotes and embedded newlines, a BOM, CRLF, and whitespace after separators (some public
 * exports separate with ", "). Unquoted fields are trimmed. Rows carry their 1-based line number so
 * errors can name it.
 */
export class CsvError extends Error {
  override name = "CsvError";
}

export interface CsvTable {
  header: string[];
  /** Each data row with the file line it starts on. */
  rows: Array<{ line: number; cells: string[] }>;
}

/** Parses CSV text (header row first). */
export function parseCsv(text: string): CsvTable {
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let recordLine = 1;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endField = () => {
    cells.push(wasQuoted ? field : field.trim());
    field = "";
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (!(cells.length === 1 && cells[0] === "")) records.push({ line: recordLine, cells });
    cells = [];
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === "") {
      quoted = true;
      wasQuoted = true;
      field = "";
    } else if (ch === ",") endField();
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (!(wasQuoted && (ch === " " || ch === "\t"))) field += ch;
  }
  if (quoted) throw new CsvError(`line ${recordLine}: a quoted field is never closed`);
  if (field !== "" || cells.length) endRecord();
  if (!records.length) throw new CsvError("the file is empty: expected a header row, e.g. block_number,block_time,tx_hash,…");
  const [head, ...rows] = records;
  return { header: head.cells.map((h) => h.trim()), rows };
}
