/**
 * A deterministic synthetic market in the subgraph's entity shapes (what graph-node would return),
 * for sync tests and the sync benchmark against the msw graph-node mock. Not a simulator: it only
 * needs plausible, well-formed, cross-referencing entities.
 */
import type { MockEntity, SubgraphMock } from "../../../test/mocks/subgraph.ts";

const hex = (n: number, bytes: number) => `0x${n.toString(16).padStart(bytes * 2, "0")}`;
/** graph-node's Bytes id for an event: tx hash concatenated with the log index as 4 bytes (concatI32). */
const eventId = (txHash: string, logIndex: number) => `${txHash}${logIndex.toString(16).padStart(8, "0")}`;
const zero = "0x0000000000000000000000000000000000000000";

export interface MarketOptions {
  collections: number;
  tokensPerCollection: number;
  sales: number;
  /** Block of the first event; each event of a kind advances one block. */
  startBlock?: number;
  /** Genesis time in seconds. */
  startTime?: number;
}

export interface MarketCounts {
  collections: number;
  tokens: number;
  transactions: number;
  mints: number;
  transfers: number;
  sales: number;
  pricePoints: number;
  lastBlock: number;
}

/** Writes the market into `mock` (as entity versions at their blocks); returns what it wrote. */
export function seedMarket(
  mock: SubgraphMock,
  { collections, tokensPerCollection, sales, startBlock = 100, startTime = 1_700_000_000 }: MarketOptions,
): MarketCounts {
  let block = startBlock;
  let txSeq = 0;
  const counts: MarketCounts = {
    collections,
    tokens: 0,
    transactions: 0,
    mints: 0,
    transfers: 0,
    sales: 0,
    pricePoints: 0,
    lastBlock: block,
  };
  const time = (b: number) => String(startTime + (b - startBlock) * 12);
  const account = (n: number) => hex(0xa000 + n, 20);
  const tx = (b: number, from: string, valueWei: bigint) => {
    const id = hex(0x7000000 + txSeq++, 32);
    mock.put("transactions", b, {
      id,
      blockNumber: String(b),
      timestampSec: time(b),
      from,
      to: hex(0xdead, 20),
      valueWei: valueWei.toString(),
      gasUsed: "120000",
      gasPriceWei: "20000000000",
      blockBaseFeePerGasWei: "18000000000",
    });
    counts.transactions++;
    return id;
  };
  const owners = new Map<string, string>();
  const mints = new Map<string, { mintId: string; txId: string }>();
  for (let c = 0; c < collections; c++) {
    const address = hex(0xc0_0000 + c, 20);
    mock.put("collections", block, { id: address, name: `Collection ${c}`, symbol: `C${c}`, supply: String(tokensPerCollection) });
    for (let t = 0; t < tokensPerCollection; t++) {
      block++;
      const minter = account(t % 50);
      const txId = tx(block, minter, 10n ** 16n);
      const mintId = eventId(txId, 0);
      const tokenKey = `${address}-${t}`;
      const ev = {
        collection: { id: address },
        token: { tokenId: String(t) },
        transaction: { id: txId },
        blockNumber: String(block),
        timestampSec: time(block),
        logIndex: "0",
      };
      mock.put("mints", block, {
        id: mintId,
        ...ev,
        minter: { id: minter },
        priceWei: (10n ** 16n).toString(),
        currency: zero,
        gasCostWei: "2400000000000000",
      });
      mock.put("transfers", block, { id: eventId(txId, 1), ...ev, transactionHash: txId, from: zero, to: minter });
      mock.put("tokens", block, tokenEntity(address, t, minter, { mintId, txId }));
      owners.set(tokenKey, minter);
      mints.set(tokenKey, { mintId, txId });
      counts.mints++;
      counts.transfers++;
      counts.tokens++;
    }
  }
  for (let s = 0; s < sales; s++) {
    block++;
    const c = s % collections;
    const t = (s * 7919) % tokensPerCollection;
    const address = hex(0xc0_0000 + c, 20);
    const seller = owners.get(`${address}-${t}`)!;
    const buyer = account(50 + (s % 200));
    const priceWei = 10n ** 17n + BigInt(s % 1000) * 10n ** 15n;
    const txId = tx(block, buyer, priceWei);
    const fee = priceWei / 40n;
    const royalty = priceWei / 20n;
    const ev = {
      collection: { id: address },
      token: { tokenId: String(t) },
      transaction: { id: txId },
      blockNumber: String(block),
      timestampSec: time(block),
      logIndex: "3",
    };
    mock.put("sales", block, {
      id: eventId(txId, 3),
      ...ev,
      tokenId: String(t),
      bundleIndex: 0,
      buyer: { id: buyer },
      seller: { id: seller },
      grossPriceWei: priceWei.toString(),
      sellerProceedsWei: (priceWei - fee - royalty).toString(),
      marketplaceFeeWei: fee.toString(),
      royaltyFeeWei: royalty.toString(),
      currency: zero,
      isBundle: false,
      priceIsEstimated: false,
      marketplace: "OpenSea",
      protocol: "Seaport",
      protocolVersion: "1.6",
      orderHash: hex(s, 32),
      fees: [
        { recipient: hex(0xfee, 20), kind: "MARKETPLACE", amountWei: fee.toString() },
        { recipient: hex(0xa11, 20), kind: "ROYALTY", amountWei: (royalty / 2n).toString() },
        { recipient: hex(0xa12, 20), kind: "ROYALTY", amountWei: (royalty - royalty / 2n).toString() },
      ],
    });
    mock.put("transfers", block, { id: eventId(txId, 2), ...ev, logIndex: "2", transactionHash: txId, from: seller, to: buyer });
    mock.put("tokens", block, tokenEntity(address, t, buyer, mints.get(`${address}-${t}`) ?? null));
    owners.set(`${address}-${t}`, buyer);
    counts.sales++;
    counts.transfers++;
    if (s % 100 === 0) {
      mock.put("pricePoints", block, {
        id: hex(0x9000 + s, 32),
        feed: hex(0xfeed, 20),
        pair: "ETH/USD",
        answer: String(300_000_000_000 + s),
        decimals: 8,
        roundId: String(s + 1),
        blockNumber: String(block),
        timestampSec: time(block),
      });
      counts.pricePoints++;
    }
  }
  counts.lastBlock = block;
  return counts;
}

function tokenEntity(address: string, tokenId: number, owner: string, mint: { mintId: string; txId: string } | null): MockEntity {
  return {
    id: `${address}-${tokenId}`,
    collection: { id: address },
    tokenId: String(tokenId),
    owner: { id: owner },
    tokenURI: `data:application/json,{"name":"Token ${tokenId}"}`,
    mint: mint ? { id: mint.mintId, transaction: { id: mint.txId } } : null,
  };
}
