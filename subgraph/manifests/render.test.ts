import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDeployment } from "../../chain/deployment.ts";
import { devnetConfig, readMainnetConfig } from "./config.ts";
import { renderManifest, renderMappingConfig } from "./render.ts";

const deployment = readDeployment(join(import.meta.dirname, "..", "tests", "fixtures", "deployment.sample.json"));

describe("manifest rendering", () => {
  it("renders one data source per Seaport, collection and feed of the devnet deployment", () => {
    const yaml = renderManifest(devnetConfig(deployment), "deployment.json");
    expect(yaml.match(/- kind: ethereum\n/g)?.length).toBe(1 + deployment.contracts.collections.length + 2);
    expect(yaml).toContain(`startBlock: ${deployment.contracts.seaport.startBlock}`);
    expect(yaml).not.toMatch(/\{\{\w+\}\}/);
  });

  it("writes lowercase addresses and aligned lists into the mappings' config", () => {
    const ts = renderMappingConfig(readMainnetConfig());
    expect(ts).toContain('export const SEAPORT_VERSIONS: string[] = ["1.1", "1.4", "1.5", "1.6"];');
    expect(ts).toContain('"0x00000000000000adc04c56bf30ac9d3c0aaf14dc"');
    expect(ts).toContain("export const FEED_DECIMALS: i32[] = [8, 8];");
  });

  it("keeps the committed src/config.ts equal to the mainnet render", () => {
    const committed = readFileSync(join(import.meta.dirname, "..", "src", "config.ts"), "utf8");
    expect(committed).toBe(renderMappingConfig(readMainnetConfig()));
  });

  it("turns collection names into unique data source identifiers", () => {
    const twins = {
      ...deployment,
      contracts: { ...deployment.contracts, collections: [deployment.contracts.collections[0], deployment.contracts.collections[0]] },
    };
    const names = devnetConfig(twins).collections.map((c) => c.name);
    expect(new Set(names).size).toBe(2);
  });
});
