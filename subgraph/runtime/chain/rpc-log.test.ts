import { describe, expect, it } from "vitest";
import { z } from "zod";
import { rpcLogSchema, toLog } from "./rpc-json.ts";
import { parseRpcLog } from "./rpc-log.ts";

const log = {
  address: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  topics: ["0xDDF252AD1BE2C89B69C2B068FC378DAA952BA7F163C4A11628F55A4DF523B3EF", `0x${"0".repeat(63)}1`],
  data: "0x",
  blockHash: `0x${"ab".repeat(32)}`,
  blockNumber: "0x10",
  transactionHash: `0x${"CD".repeat(32)}`,
  transactionIndex: "0x0",
  logIndex: "0x1f",
};

describe("parseRpcLog", () => {
  it("gives what the zod schema gives for well-formed logs, removed or not", () => {
    for (const raw of [log, { ...log, removed: true }, { ...log, removed: false }, { ...log, topics: [] }])
      expect(parseRpcLog(raw)).toEqual(toLog(rpcLogSchema.parse(raw)));
    expect(parseRpcLog(log)).toMatchObject({ blockNumber: 16, logIndex: 31, address: log.address.toLowerCase() });
  });

  it("rejects what the schema rejects, with the schema's error", () => {
    for (const bad of [
      null,
      { ...log, address: "5fbd" },
      { ...log, topics: ["0xzz"] },
      { ...log, blockNumber: "0x" },
      { ...log, logIndex: 7 },
      { ...log, removed: "no" },
      { ...log, transactionHash: undefined },
    ]) {
      expect(() => parseRpcLog(bad)).toThrow(z.ZodError);
      expect(() => parseRpcLog(bad)).toThrow(
        (() => {
          try {
            rpcLogSchema.parse(bad);
          } catch (e) {
            return (e as Error).message;
          }
          return "none";
        })(),
      );
    }
  });
});
