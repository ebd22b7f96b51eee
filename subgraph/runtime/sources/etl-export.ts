/**
 * @deprecated Not an exporter: the one ethereum-etl writer is chain/etl-export.ts. This re-export
 * only keeps bench/indexer.bench.ts (outside this task's paths) compiling; delete it once that file
 * imports `RpcBlockData` and `writeEtlFiles` from chain/etl-export.ts.
 */
export { type RpcBlockData, writeEtlFiles } from "../../../chain/etl-export.ts";
