import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readMainnetConfig } from "../manifests/config.ts";
import { buildSubgraph } from "../manifests/index.ts";
import { DEVNET_FIXTURE_OUT, FIXTURE_DEPLOYMENT as fixtureDeployment } from "./paths.ts";

/** Exports of the wasm a data source runs (graph build shares one file between identical mappings). */
function wasmExports(manifestPath: string, dataSource: string): string[] {
  const manifest = readFileSync(manifestPath, "utf8");
  const block = manifest.split("  - kind: ethereum").find((b) => b.includes(`name: ${dataSource}\n`));
  const wasm = block?.match(/file: (\S+\.wasm)/)?.[1];
  if (!wasm) throw new Error(`no wasm for ${dataSource} in ${manifestPath}`);
  const file = join(dirname(manifestPath), wasm);
  return WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(file))).map((e) => e.name);
}

describe("mainnet manifest", () => {
  let manifestPath = "";
  let manifest = "";
  beforeAll(async () => {
    ({ manifestPath } = await buildSubgraph({ network: "mainnet" }));
    manifest = readFileSync(manifestPath, "utf8");
  }, 300_000);

  it("passes graph build and lists every configured Seaport, collection and feed with its start block", () => {
    const config = readMainnetConfig();
    for (const source of [...config.seaport, ...config.collections, ...config.priceFeeds]) {
      expect(manifest.toLowerCase()).toContain(`address: "${source.address.toLowerCase()}"`);
      expect(manifest).toContain(`startBlock: ${source.startBlock}`);
    }
    expect(manifest).toContain("name: Seaport_1_1");
    expect(manifest).toContain("name: Seaport_1_6");
    expect(manifest.match(/apiVersion: 0\.0\.9/g)?.length).toBe(
      config.seaport.length + config.collections.length + config.priceFeeds.length,
    );
  });

  it("asks for receipts where handlers need them (mint split, gas, matchOrders groups)", () => {
    expect(manifest.match(/handler: handleOrderFulfilled\n\s+receipt: true/g)?.length).toBe(4);
    expect(manifest.match(/handler: handleTransfer\n\s+receipt: true/g)?.length).toBe(readMainnetConfig().collections.length);
  });

  it("compiles handlers into wasm modules exporting them", () => {
    expect(wasmExports(manifestPath, "Seaport_1_1")).toEqual(expect.arrayContaining(["handleOrderFulfilled", "memory", "_start"]));
    expect(wasmExports(manifestPath, "ERC721_Moonbirds")).toContain("handleTransfer");
    expect(wasmExports(manifestPath, "PriceFeed_ETH_USD")).toContain("handleAnswerUpdated");
  });

  it("skips the work when nothing changed", async () => {
    const again = await buildSubgraph({ network: "mainnet" });
    expect(again.rebuilt).toBe(false);
    expect(again.manifestPath).toBe(manifestPath);
  });
});

describe("devnet manifest", () => {
  it("is generated from deployment.json and passes graph build", async () => {
    const { manifestPath } = await buildSubgraph({ network: "devnet", deploymentFile: fixtureDeployment, outDir: DEVNET_FIXTURE_OUT });
    const manifest = readFileSync(manifestPath, "utf8");
    const deployment = JSON.parse(readFileSync(fixtureDeployment, "utf8"));
    expect(manifest).toContain("network: hashfloor-devnet");
    expect(manifest).toContain(`address: "${deployment.contracts.seaport.address}"`);
    expect(manifest).toContain("name: ERC721_PixelFoxes");
    expect(manifest).toContain("name: ERC721_BlockBirds");
    expect(manifest).toContain(`address: "${deployment.contracts.ethUsdFeed.address}"`);
    // The devnet's fee recipient is compiled into the mappings' config.
    const config = readFileSync(join(DEVNET_FIXTURE_OUT, "source", "src", "config.ts"), "utf8");
    expect(config).toContain(deployment.actors.marketplaceFeeRecipient);
    expect(wasmExports(manifestPath, "Seaport_1_6")).toContain("handleOrderFulfilled");
  }, 300_000);

  it("refuses a devnet build without a deployment file", async () => {
    await expect(buildSubgraph({ network: "devnet" })).rejects.toThrow(/deploymentFile/);
  });
});
