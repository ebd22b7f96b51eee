import { beforeAll, describe, expect, it } from "vitest";
import { buildTestSubgraph } from "../testdata/build.ts";
import { block, fixture, NFT_ADDRESS, spawnLog, transferLog, tx, ZERO_ADDRESS } from "../testdata/fixtures.ts";
import { createHarness, type EthCallMock } from "./index.ts";

const ALICE = "0x00000000000000000000000000000000000a11ce";
const BOB = "0x0000000000000000000000000000000000000b0b";
const nameMock: EthCallMock[] = [{ address: NFT_ADDRESS, function: "name():(string)", returns: ["Test Collection"] }];

let manifest: string;
beforeAll(() => {
  manifest = buildTestSubgraph();
}, 120_000);

describe("harness running the compiled test subgraph", () => {
  it("stores what the handler writes: merge, BigDecimal, encode/decode, ethereum.call, receipt, keccak", async () => {
    const h = createHarness({ manifest, calls: nameMock });
    await h.processFixture(fixture(5, [transferLog(ZERO_ADDRESS, ALICE, 42)]));
    const token = h.get("Token", "42");
    expect(token).toMatchObject({
      id: "42",
      owner: ALICE,
      tokenId: 42n,
      transfers: 1,
      tokenIdThousandths: "0.042",
      contractName: "Test Collection",
      touchedTwiceInBlock: false,
    });
    expect(token?.encodedTokenId).toBe(`0x${"00".repeat(31)}2a`);
    const [transfer] = h.all("Transfer");
    expect(transfer).toMatchObject({
      from: ZERO_ADDRESS,
      to: ALICE,
      tokenId: 42n,
      blockNumber: 5n,
      gasUsed: 50_001n,
      receiptLogCount: 1,
      gasPriceWei: 1_500_000_000n,
    });
    expect(h.get("Account", ALICE)).toMatchObject({ transferCount: 1, heldAfterLastTransfer: 1 });
    expect(h.get("Stats", "all")).toMatchObject({ transfers: 1n, blocks: 1 });
    expect(String(h.get("Stats", "all")?.lastTransferHash)).toMatch(/^0x[0-9a-f]{64}$/);
    expect(h.logs.some((l) => l.level === "info" && l.message.includes("of token 42 on devnet"))).toBe(true);
  });

  it("sees earlier writes of the same block (loadInBlock, loadRelated) and keeps the last owner", async () => {
    const h = createHarness({ manifest, calls: nameMock });
    await h.processFixture(
      fixture(7, [transferLog(ZERO_ADDRESS, ALICE, 1), transferLog(ZERO_ADDRESS, ALICE, 2), transferLog(ALICE, BOB, 1)]),
    );
    expect(h.get("Token", "1")).toMatchObject({ owner: BOB, transfers: 2, touchedTwiceInBlock: true });
    expect(h.get("Account", ALICE)).toMatchObject({ transferCount: 3, heldAfterLastTransfer: 2 });
    expect(h.get("Account", BOB)).toMatchObject({ heldAfterLastTransfer: 1 });
    expect(h.all("Transfer")).toHaveLength(3);
  });

  it("answers a reverted call with null and removes burnt tokens", async () => {
    const h = createHarness({ manifest, calls: [{ address: NFT_ADDRESS, function: "name", reverts: true }] });
    await h.processFixture(fixture(3, [transferLog(ZERO_ADDRESS, ALICE, 9)]));
    expect(h.get("Token", "9")?.contractName ?? null).toBeNull();
    await h.processFixture(fixture(4, [transferLog(ALICE, ZERO_ADDRESS, 9)]));
    expect(h.get("Token", "9")).toBeNull();
    // loadRelated after store.remove in the same handler no longer sees the burnt token.
    expect(h.get("Account", ZERO_ADDRESS)).toMatchObject({ heldAfterLastTransfer: 0 });
  });

  it("fails deterministically and drops the whole block: critical log, BigInt division by zero, schema violation", async () => {
    const h = createHarness({ manifest, calls: nameMock });
    await expect(
      h.processFixture(fixture(5, [transferLog(ZERO_ADDRESS, ALICE, 1), transferLog(ZERO_ADDRESS, ALICE, 666)])),
    ).rejects.toThrow(/Critical error logged in mapping with log message: token 666 is forbidden/);
    expect(h.get("Token", "1")).toBeNull();
    expect(h.all("Transfer")).toHaveLength(0);
    await expect(h.processFixture(fixture(6, [transferLog(ZERO_ADDRESS, ALICE, 667)]))).rejects.toThrow(/divide BigInt by zero/);
    await expect(h.processFixture(fixture(6, [transferLog(ZERO_ADDRESS, ALICE, 668)]))).rejects.toThrow(
      /field `transfers` must have type Int!/,
    );
  });

  it("rejects writing an immutable entity again in a later block", async () => {
    const h = createHarness({ manifest, calls: nameMock });
    const fx = fixture(5, [transferLog(ZERO_ADDRESS, ALICE, 1)]);
    await h.processFixture(fx);
    await expect(h.processFixture({ ...fx, block: block(6) })).rejects.toThrow(/immutable/);
  });

  it("skips logs from other addresses and ERC-20-shaped Transfers, and needs a mock for ethereum.call", async () => {
    const h = createHarness({ manifest });
    const erc20 = { topics: transferLog(ZERO_ADDRESS, ALICE, 1).topics.slice(0, 3), data: `0x${"00".repeat(31)}01` };
    await h.processFixture(fixture(5, [transferLog(ZERO_ADDRESS, ALICE, 1, "0x00000000000000000000000000000000000000cc"), erc20]));
    expect(h.all("Transfer")).toHaveLength(0);
    expect(h.get("Stats", "all")).toMatchObject({ blocks: 1, transfers: 0n });
    await expect(h.processFixture(fixture(6, [transferLog(ZERO_ADDRESS, ALICE, 1)]))).rejects.toThrow(/has no mock/);
  });

  it("instantiates templates and runs them on their creation block after the parent's triggers", async () => {
    const h = createHarness({ manifest, calls: nameMock });
    const child = "0x00000000000000000000000000000000000c41d0";
    const first = tx(9, 0, [transferLog(ZERO_ADDRESS, ALICE, 5, child)]);
    const second = tx(9, 1, [spawnLog(child)], { firstLogIndex: 1 });
    await h.processBlock({
      block: block(9),
      transactions: [first.transaction, second.transaction],
      receipts: [first.receipt, second.receipt],
    });
    expect(h.get("Stats", "all")).toMatchObject({ childTransfers: 1, children: [child] });
    const third = tx(10, 0, [transferLog(ZERO_ADDRESS, ALICE, 6, child)]);
    await h.processBlock({ block: block(10), transactions: [third.transaction], receipts: [third.receipt] });
    // Module globals start fresh for every trigger (snapshot restore), as with graph-node's fresh instances.
    expect(h.get("Stats", "all")).toMatchObject({ childTransfers: 2, blocks: 2, instanceCalls: 1 });
    expect(h.logs.filter((l) => l.level === "debug" && l.message.includes(child))).toHaveLength(2);
  });
});
