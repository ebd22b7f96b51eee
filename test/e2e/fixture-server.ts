/**
 * Starts the built app on a random loopback port over the fixture warehouse (test/e2e/
 * fixture-warehouse.ts), the way `npm start` hands its warehouse to the server.
 */
import type { Warehouse } from "../../analytics/db.ts";
import { type StartedServer, startHttpServer } from "../../app/server/http.ts";
import { buildFixtureWarehouse } from "./fixture-warehouse.ts";

export interface FixtureServer extends StartedServer {
  warehouse: Warehouse;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const warehouse = await buildFixtureWarehouse();
  const server = await startHttpServer({ port: 0, host: "127.0.0.1", warehouse: async () => warehouse });
  return {
    ...server,
    warehouse,
    async close() {
      await server.close();
      warehouse.close();
    },
  };
}

// `npx tsx test/e2e/fixture-server.ts` serves the fixture for a look in a browser.
if (import.meta.url === `file://${process.argv[1]}`) {
  const s = await startFixtureServer();
  console.log(`fixture dashboard on ${s.url}`);
}
