import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Sqlite } from "./sqlite.ts";

const dir = mkdtempSync(join(tmpdir(), "hashfloor-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Sqlite", () => {
  it("waits for a lock another connection holds while opening, instead of failing with 'database is locked'", async () => {
    const file = join(dir, "locked.sqlite");
    new Sqlite(file).close();
    // Another process takes the file exclusively for a moment, as a closing connection does to checkpoint.
    const holder = spawn(
      process.execPath,
      [
        "--no-warnings",
        "-e",
        `const { DatabaseSync } = require("node:sqlite");
         const db = new DatabaseSync(${JSON.stringify(file)});
         db.exec("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS t (x); INSERT INTO t VALUES (1)");
         console.log("locked");
         setTimeout(() => { db.exec("COMMIT"); db.close(); }, 700);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve) => holder.stdout.on("data", (d) => String(d).includes("locked") && resolve()));
    const started = performance.now();
    const db = new Sqlite(file);
    expect(performance.now() - started).toBeGreaterThan(100);
    expect(db.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 1n });
    db.close();
    await new Promise((resolve) => holder.on("exit", resolve));
  });
});
