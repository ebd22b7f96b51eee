/**
 * A small, fixed warehouse for page, embed and fuzz tests: real SQL INSERTs into the raw tables
 * (analytics/warehouse/schema.sql), no current time, no randomness. Three collections (one with a
 * hostile name), 14 days of blocks every 5 minutes, sales with planted wash trades, metadata with
 * a `<script>` name and an SVG that carries `onload`.
 */
import { openWarehouse, type Warehouse } from "../../analytics/db.ts";

export const FIXTURE_START = "2026-03-02 00:00:00"; // a Monday, UTC
export const COLLECTIONS = [
  { address: "0x1000000000000000000000000000000000000001", name: "Chromatic Loops", symbol: "LOOP", basePriceEth: 1.2 },
  { address: "0x2000000000000000000000000000000000000002", name: "Quiet Grids", symbol: "GRID", basePriceEth: 0.35 },
  {
    address: "0x3000000000000000000000000000000000000003",
    name: '<script>alert("x")</script><img src=x onerror=alert(1)>',
    symbol: "EVIL",
    basePriceEth: 0.08,
  },
] as const;
export const HOSTILE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><rect width="10" height="10" fill="red"/></svg>';
const TOKENS_PER_COLLECTION = 60;
const BLOCKS = 4032; // 14 days of 5-minute blocks
const SALES_PER_COLLECTION = 300;

const addr = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;

/** Builds the fixture in `path` (":memory:" by default) and returns the open warehouse. */
export async function buildFixtureWarehouse(path = ":memory:"): Promise<Warehouse> {
  const w = await openWarehouse({ path });
  await w.run(`INSERT INTO blocks
    SELECT i, printf('0x%064x', i), TIMESTAMP '${FIXTURE_START}' + to_minutes(CAST(i * 5 AS BIGINT)),
      15000000 + ((i * 7919) % 13) * 1000000, 30000000,
      CAST(8e9 + 6e9 * sin(i / 288.0 * 2 * pi()) + ((i * 104729) % 1000) * 1e6 AS HUGEINT), 100
    FROM range(1, ${BLOCKS + 1}) t(i)`);
  for (const [ci, c] of COLLECTIONS.entries()) {
    await w.run("INSERT INTO collections VALUES ($a, $n, $s, $supply, 'subgraph')", {
      a: c.address,
      n: c.name,
      s: c.symbol,
      supply: TOKENS_PER_COLLECTION,
    });
    await w.run(
      `INSERT INTO tokens SELECT $a, CAST(i AS VARCHAR), printf('0x%040x', 100 + (i * 37) % 23), NULL, printf('0xm%03d%060d', $ci, i)
       FROM range(1, ${TOKENS_PER_COLLECTION + 1}) t(i)`,
      { a: c.address, ci },
    );
    await w.run(
      `INSERT INTO mints SELECT printf('m%d-%d', $ci, i), i, TIMESTAMP '${FIXTURE_START}' + to_minutes(CAST(i * 5 AS BIGINT)),
         printf('0xm%03d%060d', $ci, i), 0, $a, CAST(i AS VARCHAR), printf('0x%040x', 100 + (i * 37) % 23),
         CAST($mint * 1e18 AS HUGEINT), '0x0000000000000000000000000000000000000000', CAST(155000 * 9e9 AS HUGEINT)
       FROM range(1, ${TOKENS_PER_COLLECTION + 1}) t(i)`,
      { a: c.address, ci, mint: c.basePriceEth / 4 },
    );
    await w.run(
      `INSERT INTO token_attributes
       SELECT $a, CAST(i AS VARCHAR), 'Palette', (['Ember','Tide','Moss','Slate','Gold'])[1 + (i * 7) % 5 - CASE WHEN i % 17 = 0 THEN 0 ELSE 0 END] FROM range(1, ${TOKENS_PER_COLLECTION + 1}) t(i)
       UNION ALL SELECT $a, CAST(i AS VARCHAR), 'Shape', CASE WHEN i % 20 = 0 THEN 'Spiral' ELSE (['Loop','Grid','Wave'])[1 + i % 3] END FROM range(1, ${TOKENS_PER_COLLECTION + 1}) t(i)`,
      { a: c.address },
    );
    // Sales: token (k % 60)+1 from a rotating seller to a rotating buyer, a gentle price drift.
    await w.run(
      `INSERT INTO sales
       SELECT printf('s%d-%d', $ci, k), 'subgraph', b, TIMESTAMP '${FIXTURE_START}' + to_minutes(CAST(b * 5 AS BIGINT)),
         printf('0xs%03d%060d', $ci, k), 1, 0, $a, CAST(1 + (k * 13) % ${TOKENS_PER_COLLECTION} AS VARCHAR),
         printf('0x%040x', 200 + (k * 11) % 41), printf('0x%040x', 300 + (k * 17) % 43),
         CAST(($base * (0.8 + 0.4 * ((k * 7919) % 100) / 100.0) * (1 + k / 600.0)) * 1e18 AS HUGEINT),
         NULL, CAST(($base * 0.025) * 1e18 AS HUGEINT), CAST(($base * 0.05) * 1e18 AS HUGEINT),
         '0x0000000000000000000000000000000000000000', false, false, 'seaport', '1.6', NULL
       FROM (SELECT k, 10 + k * ${Math.floor((BLOCKS - 20) / SALES_PER_COLLECTION)} + $ci AS b FROM range(0, ${SALES_PER_COLLECTION}) t(k))`,
      { a: c.address, ci, base: c.basePriceEth },
    );
    // Planted wash: self-trades and a back-and-forth pair at cheap prices.
    await w.run(
      `INSERT INTO sales
       SELECT printf('w%d-%d', $ci, k), 'subgraph', 2000 + k * 40 + $ci, TIMESTAMP '${FIXTURE_START}' + to_minutes(CAST((2000 + k * 40 + $ci) * 5 AS BIGINT)),
         printf('0xw%03d%060d', $ci, k), 1, 0, $a, '7',
         CASE WHEN k % 2 = 0 THEN '0x00000000000000000000000000000000000000aa' ELSE '0x00000000000000000000000000000000000000bb' END,
         CASE WHEN k % 3 = 0 THEN CASE WHEN k % 2 = 0 THEN '0x00000000000000000000000000000000000000aa' ELSE '0x00000000000000000000000000000000000000bb' END
              WHEN k % 2 = 0 THEN '0x00000000000000000000000000000000000000bb' ELSE '0x00000000000000000000000000000000000000aa' END,
         CAST($base * 0.5 * 1e18 AS HUGEINT), NULL, 0, 0, '0x0000000000000000000000000000000000000000', false, false, 'seaport', '1.6', NULL
       FROM range(0, 12) t(k)`,
      { a: c.address, ci, base: c.basePriceEth },
    );
  }
  await w.run(`INSERT INTO transactions
    SELECT s.tx_hash, s.block_number, s.block_time, s.seller, '0x0000000000000068f116a894984e2db1123eb395', s.price_wei, 132000,
      CAST(b.base_fee_per_gas_wei + 1500000000 AS HUGEINT), b.base_fee_per_gas_wei
    FROM sales s JOIN blocks b ON b.block_number = s.block_number`);
  await w.run(`INSERT INTO transactions
    SELECT m.tx_hash, m.block_number, m.block_time, m.minter, m.contract_address, m.price_wei, 155000,
      CAST(b.base_fee_per_gas_wei + 1000000000 AS HUGEINT), b.base_fee_per_gas_wei
    FROM mints m JOIN blocks b ON b.block_number = m.block_number`);
  await w.run(`INSERT INTO transfers
    SELECT 't' || sale_id, block_number, block_time, tx_hash, 2, contract_address, token_id, seller, buyer FROM sales`);
  await w.run(`INSERT INTO price_points
    SELECT 'eth-' || i, 'ETH/USD', CAST((3000 + 100 * sin(i / 10.0)) * 1e8 AS HUGEINT), 8, CAST(i AS VARCHAR), i * 48,
      TIMESTAMP '${FIXTURE_START}' + to_minutes(CAST(i * 240 AS BIGINT)), 3000 + 100 * sin(i / 10.0)
    FROM range(0, 84) t(i)`);
  const evil = COLLECTIONS[2].address;
  const svgDataUri = `data:image/svg+xml;base64,${Buffer.from(HOSTILE_SVG).toString("base64")}`;
  await w.run(
    `INSERT INTO token_metadata VALUES
      ($evil, '1', '<script>alert("name")</script>', $svg, NULL, TIMESTAMP '${FIXTURE_START}', NULL),
      ($evil, '2', 'Plain <b>bold</b>', NULL, 'javascript:alert(3)', TIMESTAMP '${FIXTURE_START}', NULL),
      ($good, '1', 'Loop #1', $okSvg, NULL, TIMESTAMP '${FIXTURE_START}', NULL)`,
    {
      evil,
      svg: svgDataUri,
      good: COLLECTIONS[0].address,
      okSvg: `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="24" fill="#2c5fdb"/></svg>').toString("base64")}`,
    },
  );
  await w.run(`INSERT INTO first_funding VALUES
    ('0x00000000000000000000000000000000000000aa', '0x00000000000000000000000000000000000000cc', 1, '0xf1'),
    ('0x00000000000000000000000000000000000000bb', '0x00000000000000000000000000000000000000cc', 1, '0xf2')`);
  // Two years of Bitcoin history for the mining backtest (D's mining_history table), when present.
  const [hist] = await w.all<{ n: number }>(
    "SELECT CAST(count(*) AS INTEGER) AS n FROM information_schema.tables WHERE table_name = 'mining_history'",
  );
  if (hist?.n) {
    await w.run(`INSERT INTO mining_history
      SELECT 'btc', DATE '2023-01-01' + CAST(i AS INTEGER), 35e12 * (1 + i / 730.0), 20000 + i * 40, 0.2, 770000 + i * 144, true, 'fixture'
      FROM range(730) t(i)`);
  }
  // E1's derived tables (wash snapshot, floors, valuations) are filled by a refresh after each sync.
  const models = await import("../../analytics/models/refresh.ts").catch(() => null);
  if (models) await models.refreshModels({ warehouse: w });
  else await (await import("../../analytics/floors/refresh.ts")).refreshFloors({ warehouse: w });
  return w;
}

/** The fixture's addresses, so tests read them instead of repeating literals. */
export const fixtureAddresses = COLLECTIONS.map((c) => c.address);
export { addr };
