import { intFlag, parseFlags } from "../args.ts";
import { UserError } from "../errors.ts";
import type { Command } from "../registry.ts";

const usage = "Usage: hashfloor devnet [--seed 1] [--days 90] [--port 8545] [--live] [--out data/devnet]";

/** Renders progress on one terminal line (a plain line per phase when not a TTY). */
function progressPrinter() {
  let lastPhase = "";
  return (p: { phase: string; message: string; fraction?: number; block?: number; sales?: number }) => {
    if (p.phase === "live") return;
    const tty = process.stderr.isTTY;
    if (p.fraction === undefined || !tty) {
      if (p.phase !== lastPhase || p.fraction === undefined) {
        if (tty) process.stderr.write("\n");
        process.stderr.write(`${p.message}\n`);
      }
      lastPhase = p.phase;
      return;
    }
    const width = 30;
    const filled = Math.round(Math.min(1, p.fraction) * width);
    const bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(p.fraction * 100).toFixed(0).padStart(3)}%`;
    const detail = [p.block === undefined ? "" : `block ${p.block}`, p.sales === undefined ? "" : `${p.sales} sales`]
      .filter(Boolean)
      .join(", ");
    process.stderr.write(`\r${p.message} ${bar} ${detail}   `);
    lastPhase = p.phase;
  };
}

export const command: Command = {
  name: "devnet",
  summary: "run the local chain: deploy contracts, simulate market history, serve JSON-RPC",
  usage,
  async run(argv) {
    const { getEnv } = await import("../../config/env.ts");
    const env = getEnv();
    // `--days -1` would read as a missing value; join it so the range check names the real problem.
    const joined = argv.flatMap((a, i) =>
      /^-\d/.test(a) && /^--(seed|days|port)$/.test(argv[i - 1] ?? "")
        ? []
        : /^--(seed|days|port)$/.test(a) && /^-\d/.test(argv[i + 1] ?? "")
          ? [`${a}=${argv[i + 1]}`]
          : [a],
    );
    const { values, positionals } = parseFlags(
      joined,
      { seed: { type: "string" }, days: { type: "string" }, port: { type: "string" }, live: { type: "boolean" }, out: { type: "string" } },
      usage,
    );
    if (positionals.length > 0) throw new UserError(`unexpected argument "${positionals[0]}"\n${usage}`);
    const seed = intFlag("seed", values.seed, env.HASHFLOOR_SEED, 0, 2 ** 31 - 1);
    const days = intFlag("days", values.days, 90, 1, 3650);
    const port = intFlag("port", values.port, env.HASHFLOOR_DEVNET_PORT, 0, 65535);
    const { join } = await import("node:path");
    const out = values.out ?? join(env.HASHFLOOR_DATA_DIR, "devnet");
    const { accessSync, constants, mkdirSync } = await import("node:fs");
    try {
      mkdirSync(out, { recursive: true });
      accessSync(out, constants.W_OK);
    } catch (error) {
      throw new UserError(
        `--out ${out} is not a writable folder (${(error as NodeJS.ErrnoException).code}); pass another, e.g. --out data/devnet`,
      );
    }
    const { startDevnet, PortInUseError } = await import("../../chain/index.ts");
    const started = Date.now();
    const devnet = await startDevnet({ seed, days, port, out, live: values.live ?? false, onProgress: progressPrinter() }).catch(
      (error: Error) => {
        if (error instanceof PortInUseError)
          throw new UserError(`--port ${port} is already in use; pass another, e.g. --port ${port === 8545 ? 8546 : 8545}`);
        throw error;
      },
    );
    const d = devnet.deployment;
    console.log(
      `\nhashfloor devnet: ${d.historyEndBlock} blocks of history (seed ${seed}, ${days} days${devnet.fromCache ? ", replayed from cache" : ""}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(`JSON-RPC: ${devnet.rpcUrl} (chain id ${d.chainId})`);
    console.log(`deployment: ${join(out, "deployment.json")}; ground truth: ${devnet.truthDir}`);
    console.log(values.live ? "live mode: a new block every 3 s. Ctrl-C stops." : "serving until stopped (Ctrl-C).");
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.stderr.write("\nstopping devnet…\n");
        void devnet.stop().then(resolve);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return 0;
  },
};
