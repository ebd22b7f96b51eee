/**
 * Environment configuration, validated once at start-up. A bad value stops the process with a
 * message naming the variable and an example (see `.env.example` for every variable).
 */
import { z } from "zod";

const optionalUrl = (example: string) =>
  z
    .string()
    .url({ message: `must be a URL, e.g. ${example}` })
    .optional()
    .or(z.literal("").transform(() => undefined));

const port = (example: number) =>
  z.coerce
    .number({ invalid_type_error: `must be a port number, e.g. ${example}` })
    .int({ message: `must be a whole port number, e.g. ${example}` })
    .min(1, { message: `must be between 1 and 65535, e.g. ${example}` })
    .max(65535, { message: `must be between 1 and 65535, e.g. ${example}` });

export const envSchema = z.object({
  HASHFLOOR_PORT: port(3000).default(3000),
  HASHFLOOR_HOST: z.string().min(1, { message: "must be a host name, e.g. 127.0.0.1" }).default("127.0.0.1"),
  HASHFLOOR_DATA_DIR: z.string().min(1, { message: "must be a folder path, e.g. ./data" }).default("data"),
  HASHFLOOR_RPC_URL: optionalUrl("https://ethereum-rpc.example/v1/KEY"),
  HASHFLOOR_SUBGRAPH_URL: optionalUrl("https://gateway.thegraph.com/api/KEY/subgraphs/id/ID"),
  HASHFLOOR_DEVNET_PORT: port(8545).default(8545),
  HASHFLOOR_GRAPHQL_PORT: port(8000).default(8000),
  HASHFLOOR_SEED: z.coerce
    .number({ invalid_type_error: "must be a whole number, e.g. 1" })
    .int({ message: "must be a whole number, e.g. 1" })
    .nonnegative({ message: "must be 0 or more, e.g. 1" })
    .default(1),
  HASHFLOOR_LOG_LEVEL: z
    .enum(["debug", "info", "warn", "error"], { message: "must be one of debug, info, warn, error, e.g. info" })
    .default("info"),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses `source` (default `process.env`); throws ConfigError listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return `  ${name}=${JSON.stringify(source[name] ?? "")}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid environment configuration:\n${lines.join("\n")}\nSee .env.example for every variable.`);
}

let cached: Env | undefined;
/** The process-wide configuration, parsed on first use. */
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}
