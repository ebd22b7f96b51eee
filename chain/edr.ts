/**
 * The devnet's EVM: Hardhat 3's EDR (chainType l1) run in-process, with interval and auto mining
 * off, so the simulator decides what goes in each block and stamps its time with `evm_mine`.
 */
import { resolve } from "node:path";
import type { RequestProvider } from "./rpc-server.ts";

const repoRoot = resolve(import.meta.dirname, "..");

/** Chain-wide settings; changing any of them changes every block hash. */
export const CHAIN_ID = 31337;
export const NETWORK_NAME = "hashfloor-devnet";
/** Mainnet's limit before 2025; half of it is the EIP-1559 target. */
export const BLOCK_GAS_LIMIT = 30_000_000n;
export const INITIAL_BASE_FEE_WEI = 12_000_000_000n;

export interface GenesisAccount {
  privateKey: `0x${string}`;
  balanceWei: bigint;
}

export interface EdrChain {
  provider: RequestProvider;
  close(): Promise<void>;
}

export class EdrUnavailableError extends Error {
  override name = "EdrUnavailableError";
}

/** Starts an EDR chain whose genesis block is stamped `genesisTimestamp` (seconds). */
export async function startEdr({
  genesisTimestamp,
  accounts,
}: {
  genesisTimestamp: number;
  accounts: GenesisAccount[];
}): Promise<EdrChain> {
  const { createHardhatRuntimeEnvironment } = await import("hardhat/hre").catch((error: Error) => {
    throw new EdrUnavailableError(
      `Hardhat/EDR failed to load (${error.message.split("\n")[0]}). On linux-x64 the native package @nomicfoundation/edr-linux-x64-gnu must be installed; npm on Node < 22 skips it as an optional dependency.`,
    );
  });
  const hre = await createHardhatRuntimeEnvironment(
    {
      paths: { artifacts: "chain/artifacts", cache: "chain/cache" },
      networks: {
        devnet: {
          type: "edr-simulated",
          chainType: "l1",
          chainId: CHAIN_ID,
          blockGasLimit: BLOCK_GAS_LIMIT,
          initialBaseFeePerGas: INITIAL_BASE_FEE_WEI,
          initialDate: new Date(genesisTimestamp * 1000),
          mining: { auto: false, interval: 0 },
          throwOnTransactionFailures: false,
          throwOnCallFailures: true,
          accounts: accounts.map((a) => ({ privateKey: a.privateKey, balance: a.balanceWei })),
        },
      },
    },
    {},
    repoRoot,
  );
  const connection = await hre.network.create("devnet");
  return { provider: connection.provider as RequestProvider, close: () => connection.close() };
}
