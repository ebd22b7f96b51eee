/**
 * Loads analytics/ modules at run time instead of bundling them into build/index.js. Remix's
 * compiler bundles every relative import, and bundled analytics code would resolve its own data
 * files (schema.sql, model SQL, hardware.json) relative to build/ instead of analytics/. The
 * server always runs under tsx (bin/hashfloor.mjs, vitest, bench), so the .ts files load as is.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "hashfloor") return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error("hashfloor's package.json not found above the server build");
    dir = up;
  }
}

let root: string | undefined;

/** `import()` of `analytics/<relPath>` from the source tree, e.g. importAnalytics("mining/api.server.ts"). */
export async function importAnalytics<T>(relPath: string): Promise<T> {
  root ??= findProjectRoot();
  const href = pathToFileURL(join(root, "analytics", relPath)).href;
  return (await import(/* @vite-ignore */ href)) as T;
}
