import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env.ts";

describe("parseEnv", () => {
  it("fills defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env.HASHFLOOR_PORT).toBe(3000);
    expect(env.HASHFLOOR_DATA_DIR).toBe("data");
    expect(env.HASHFLOOR_RPC_URL).toBeUndefined();
  });

  it("coerces numbers and keeps URLs", () => {
    const env = parseEnv({ HASHFLOOR_PORT: "4000", HASHFLOOR_RPC_URL: "http://127.0.0.1:8545" });
    expect(env.HASHFLOOR_PORT).toBe(4000);
    expect(env.HASHFLOOR_RPC_URL).toBe("http://127.0.0.1:8545");
  });

  it("names every bad variable with an example", () => {
    let error: unknown;
    try {
      parseEnv({ HASHFLOOR_PORT: "seventy", HASHFLOOR_RPC_URL: "not a url" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('HASHFLOOR_PORT="seventy"');
    expect(message).toContain("e.g. 3000");
    expect(message).toContain('HASHFLOOR_RPC_URL="not a url"');
    expect(message).toContain("must be a URL");
  });

  it("rejects an out-of-range port", () => {
    expect(() => parseEnv({ HASHFLOOR_DEVNET_PORT: "70000" })).toThrow(/HASHFLOOR_DEVNET_PORT.*between 1 and 65535/);
  });
});
