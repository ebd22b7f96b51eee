/**
 * One sync pass over every configured source into the warehouse: the subgraph (through the-graph
 * client), block headers and first funding (RPC or ethereum-etl files), then token metadata. Each
 * source is optional and resumable; the dashboard's `npm start` loop calls `syncOnce` repeatedly.
 */
import { openWarehouse, type Warehouse, WarehouseError } from "../db.ts";
import type { SubgraphSyncResult, SyncProgress } from "./subgraph.ts";

export type { SyncProgress } from "./subgraph.ts";

export interface SyncOptions {
  /** graph-node GraphQL endpoint, e.g. http://127.0.0.1:8000/subgraphs/name/hashfloor. */
  subgraphUrl?: string;
  /** JSON-RPC endpoint for block headers and first funding. */
  rpcUrl?: string;
  /** ethereum-etl exports (blocks.csv/.json/.jsonl, transactions.csv/.jsonl) instead of an RPC. */
  etlPaths?: string[];
  /** Warehouse file (":memory:" for tests); or pass `warehouse` to reuse an open one (same process). */
  dbPath?: string;
  warehouse?: Warehouse;
  /** Token metadata: fetch tokenURIs (default true when a subgraph is synced). */
  metadata?: boolean | MetadataSyncOptions;
  /** Lowest block for RPC headers when the warehouse has no block yet. */
  rpcFromBlock?: number;
  /** Client tuning for tests: retries and timeouts of subgraph requests. */
  subgraphRetry?: { retries?: number; backoffMs?: number; timeoutMs?: number };
  onProgress?: (p: SyncProgress) => void;
}

export interface MetadataSyncOptions {
  /** Gateway for ipfs:// URIs, e.g. https://ipfs.io/ipfs/ (the CID path is appended). */
  ipfsGateway?: string;
  /** Per-fetch time limit. */
  timeoutMs?: number;
  /** Largest metadata document accepted. */
  maxBytes?: number;
  /** Allow http(s) fetches at all (data: URIs are always decoded). */
  allowHttp?: boolean;
  /** Allow tokenURIs on loopback/private hosts (off: tokenURIs are attacker-chosen; the gateway is trusted). */
  allowPrivateHosts?: boolean;
}

export interface SyncResult {
  subgraph?: SubgraphSyncResult;
  blocks?: { imported: number; lastBlock: number | null };
  firstFunding?: { imported: number };
  metadata?: { fetched: number; failed: number };
}

/**
 * Runs one pass. Throws SubgraphError / HeaderSourceError with a one-line message when a source
 * keeps failing; what was committed before stays, and the next call resumes.
 */
export async function syncOnce(options: SyncOptions): Promise<SyncResult> {
  const { subgraphUrl, rpcUrl, etlPaths = [], onProgress = () => {} } = options;
  if (!options.warehouse && !options.dbPath)
    throw new WarehouseError("syncOnce needs dbPath (e.g. data/warehouse.duckdb) or an open warehouse");
  const warehouse =
    options.warehouse ??
    (await openWarehouse({ path: options.dbPath as string }).catch((error: Error) => {
      if (error instanceof WarehouseError) throw error;
      // e.g. another process holds the file's lock: DuckDB allows one writer process.
      throw new WarehouseError(`cannot open the warehouse ${options.dbPath}: ${error.message.split("\n")[0]}`);
    }));
  const result: SyncResult = {};
  try {
    if (subgraphUrl) {
      const { createGraphClient } = await import("../graphclient/client.ts");
      const { syncSubgraph } = await import("./subgraph.ts");
      const client = await createGraphClient({ url: subgraphUrl, ...options.subgraphRetry });
      result.subgraph = await syncSubgraph({ warehouse, client, onProgress });
    }
    if (etlPaths.length) {
      const { importEtlFiles } = await import("./etl.ts");
      const etl = await importEtlFiles({ warehouse, paths: etlPaths, onProgress });
      result.blocks = etl.blocks;
      result.firstFunding = etl.firstFunding;
    }
    if (rpcUrl) {
      const { syncRpcHeaders } = await import("./rpc-headers.ts");
      const rpc = await syncRpcHeaders({ warehouse, rpcUrl, fromBlock: options.rpcFromBlock, onProgress });
      result.blocks = rpc.blocks;
      result.firstFunding = rpc.firstFunding;
    }
    const metadata = options.metadata ?? Boolean(subgraphUrl);
    if (metadata) {
      const { syncMetadata } = await import("../metadata/index.ts");
      result.metadata = await syncMetadata({ warehouse, ...(typeof metadata === "object" ? metadata : {}), onProgress });
    }
  } finally {
    if (!options.warehouse) warehouse.close();
  }
  return result;
}
