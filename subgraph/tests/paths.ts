import { join } from "node:path";

/** The sample devnet deployment the mapping fixtures' addresses belong to. */
export const FIXTURE_DEPLOYMENT = join(import.meta.dirname, "fixtures", "deployment.sample.json");
/** Where tests build the devnet manifest of FIXTURE_DEPLOYMENT; the lock + inputs hash let test files share it. */
export const DEVNET_FIXTURE_OUT = join(import.meta.dirname, "..", "build", "devnet-fixture");
