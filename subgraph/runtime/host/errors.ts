/**
 * Failure classes of the WASM host, mirroring graph-node's split: a deterministic failure fails the
 * subgraph at that block (the same input always fails the same way); a transient one (RPC trouble
 * during `ethereum.call`) means the block should be retried.
 */

/** A handler failed in a way that would fail again on the same data: the subgraph stops. */
export class DeterministicError extends Error {
  override name = "DeterministicError";
}

/** A failure outside the mapping's control (RPC error during `ethereum.call`): retry the block. */
export class TransientError extends Error {
  override name = "TransientError";
}

/** The module imports host functions this runtime does not provide; raised at load time. */
export class UnsupportedImportError extends Error {
  override name = "UnsupportedImportError";
  constructor(readonly names: string[]) {
    super(`the subgraph module imports host functions this runtime does not provide: ${names.join(", ")}`);
  }
}

/** The manifest, schema or ABI files are malformed or inconsistent. */
export class ManifestError extends Error {
  override name = "ManifestError";
}
