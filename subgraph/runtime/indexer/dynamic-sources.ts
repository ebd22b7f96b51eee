/**
 * Persists data sources created by templates next to a store that cannot keep them itself (the
 * SQLite store writes them in the batch's transaction; this file is then only read, for a
 * store written before it could, until the store holds its own copy). The file
 * is written before the batch commits; on load, records past the store's cursor (a crash between
 * the two writes) are ignored, so the pair stays consistent without the store knowing about them.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CreatedDataSource } from "../process/data-sources.ts";

export class DynamicSourceFile {
  readonly path: string;

  constructor(dir: string, name: string) {
    this.path = join(dir, `${name}.datasources.json`);
  }

  load(cursorBlock: number | null): CreatedDataSource[] {
    if (cursorBlock === null || !existsSync(this.path)) return [];
    const records = JSON.parse(readFileSync(this.path, "utf8")) as CreatedDataSource[];
    return records.filter((r) => r.createdAtBlock <= cursorBlock);
  }

  save(records: CreatedDataSource[]): void {
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify(records));
    renameSync(tmp, this.path);
  }
}
