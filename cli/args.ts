/** Thin wrapper over node:util parseArgs that reports bad flags as a UserError naming the flag. */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { UserError } from "./errors.ts";

export function parseFlags<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UserError(`${message.split("\n")[0]}\n${usage}`);
  }
}

/** Parses a decimal integer flag; `what` describes the accepted range for the error message. */
export function intFlag(name: string, value: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UserError(`--${name} must be a whole number from ${min} to ${max} (got "${value}"), e.g. --${name} ${fallback}`);
  }
  return n;
}
