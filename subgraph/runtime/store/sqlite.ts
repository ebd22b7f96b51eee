/**
 * Opening node:sqlite (Node 22's built-in `DatabaseSync`) without its one-time ExperimentalWarning,
 * plus a prepared-statement cache. Every statement reads integers as bigint so Int8/Timestamp values
 * above 2^53 survive; the layout decodes them per field.
 */
import { createRequire } from "node:module";
import type { DatabaseSync, StatementSync } from "node:sqlite";

type SqliteModule = typeof import("node:sqlite");
let sqliteModule: SqliteModule | null = null;

/** Load node:sqlite, dropping only the "SQLite is an experimental feature" warning it emits once. */
function loadSqlite(): SqliteModule {
  if (sqliteModule) return sqliteModule;
  const original = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === "string" ? warning : warning.message;
    const type = typeof rest[0] === "string" ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    const isSqliteNotice =
      (type === "ExperimentalWarning" || (warning instanceof Error && warning.name === "ExperimentalWarning")) && /SQLite/i.test(text);
    if (!isSqliteNotice) (original as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    sqliteModule = createRequire(import.meta.url)("node:sqlite") as SqliteModule;
  } finally {
    process.emitWarning = original;
  }
  return sqliteModule;
}

// Query SQL embeds block numbers and page bounds, so the set of texts grows with the chain: bound it.
const MAX_CACHED_STATEMENTS = 500;

/** A database with cached prepared statements. */
export class Sqlite {
  readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();

  constructor(file: string) {
    const { DatabaseSync } = loadSqlite();
    this.db = new DatabaseSync(file);
    // First, so that every statement after it (switching to WAL included) waits for a lock held by the
    // store's writer thread, or by a connection closing (which checkpoints), rather than failing.
    this.db.exec("PRAGMA busy_timeout = 30000;");
    this.db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;");
  }

  /** A cached statement for `sql`, reading integers as bigint. The cache keeps the most recently used. */
  prepare(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (statement) {
      // Re-insert so Map order tracks recency.
      this.statements.delete(sql);
    } else {
      statement = this.db.prepare(sql);
      statement.setReadBigInts(true);
      if (this.statements.size >= MAX_CACHED_STATEMENTS) {
        const oldest = this.statements.keys().next().value;
        if (oldest !== undefined) this.statements.delete(oldest);
      }
    }
    this.statements.set(sql, statement);
    return statement;
  }

  /** Run `fn` in one transaction: everything it wrote is durable, or (when it throws) none of it. */
  transaction<T>(fn: () => T): T {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      const result = fn();
      this.db.exec("COMMIT");
      return result;
    } catch (error) {
      this.db.exec("ROLLBACK");
      throw error;
    }
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }
}
