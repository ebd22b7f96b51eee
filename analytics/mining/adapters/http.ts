/** Shared plumbing for network adapters: timeouts, JSON, validation at the boundary. */
import type { z } from "zod";

/** A network source was unreachable, slow or answered something unexpected. */
export class NetworkDataError extends Error {
  override name = "NetworkDataError";
}

/** Every adapter takes a base URL and a timeout. */
export interface AdapterOptions {
  baseUrl: string;
  timeoutMs?: number;
}

export const defaultTimeoutMs = 10_000;

/** Fetches `url` with a timeout and validates the JSON body against `schema`. */
export async function fetchJson<S extends z.ZodTypeAny>(
  url: string,
  schema: S,
  { timeoutMs = defaultTimeoutMs, init }: { timeoutMs?: number; init?: RequestInit } = {},
): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason = (error as Error).name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : (error as Error).message;
    throw new NetworkDataError(`${redact(url)}: ${reason}`);
  }
  if (!response.ok) throw new NetworkDataError(`${redact(url)}: HTTP ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new NetworkDataError(`${redact(url)}: the answer is not JSON`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NetworkDataError(`${redact(url)}: unexpected answer at ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}

/** Joins a base URL and a path without doubling or dropping slashes. */
export const joinUrl = (base: string, path: string) => `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;

/** A URL without its user:password part, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return url;
  }
}

/** UTC day (YYYY-MM-DD) of a unix time in seconds. */
export const utcDay = (unixS: number) => new Date(unixS * 1000).toISOString().slice(0, 10);
