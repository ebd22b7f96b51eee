/**
 * The app's only door to data: the DuckDB warehouse (analytics/db.ts). `npm start` hands loaders
 * the instance its sync loop writes through (load context `warehouse`); otherwise the file at
 * `${HASHFLOOR_DATA_DIR}/warehouse.duckdb` is opened read-only once and reopened when it changes.
 */
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { openWarehouse, type Warehouse } from "../../analytics/db";
import { getEnv } from "../../config/env";

let opened: { warehouse: Warehouse; mtimeMs: number; path: string } | undefined;
let opening: Promise<Warehouse | null> | undefined;

function warehousePath(): string {
  return resolve(join(getEnv().HASHFLOOR_DATA_DIR, "warehouse.duckdb"));
}

async function openFromFile(): Promise<Warehouse | null> {
  const path = warehousePath();
  if (!existsSync(path)) return null;
  const mtimeMs = statSync(path).mtimeMs;
  if (opened && opened.path === path && opened.mtimeMs === mtimeMs) return opened.warehouse;
  opened?.warehouse.close();
  opened = undefined;
  let warehouse: Warehouse;
  try {
    warehouse = await openWarehouse({ path, readOnly: true });
  } catch (error) {
    // DuckDB lets no reader beside a writing process: say so instead of failing the page.
    const busy = /lock/i.test((error as Error).message);
    throw new Response(
      busy
        ? `The warehouse ${path} is held by another process (a running sync or \`npm start\`); this server reads it when that ends, or run everything with \`npm start\`.`
        : `The warehouse ${path} could not be opened: ${(error as Error).message.split("\n")[0]}`,
      { status: 503, statusText: "Service Unavailable", headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "5" } },
    );
  }
  opened = { warehouse, mtimeMs, path };
  return warehouse;
}

/** The warehouse for this request, or null when no data has been synced yet. */
export async function getWarehouse(context: AppLoadContext): Promise<Warehouse | null> {
  const provided = context.warehouse as (() => Promise<Warehouse | null>) | undefined;
  if (provided) return provided();
  opening ??= openFromFile().finally(() => {
    opening = undefined;
  });
  return opening;
}

/** Notes about missing pipeline parts that `npm start` wants every page to show. */
export function pipelineNotes(context: AppLoadContext): string[] {
  const notes = context.pipelineNotes as (() => string[]) | undefined;
  return notes ? notes() : [];
}

/** Names of the views and tables present (analytics/queries/relations.ts). */
export { relationNames } from "../../analytics/queries/relations";
