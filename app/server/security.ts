/**
 * Security headers for every response. Embeds (`/embed/*`, `/oembed`) may be framed by any site;
 * every other route only by this origin. Scripts run only from this origin or with the per-request
 * nonce, so a `<script>` smuggled into NFT metadata cannot execute even if it reached the HTML.
 */
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

/** True for paths that third-party pages may put in an iframe. */
export function isFramablePath(path: string): boolean {
  return path === "/embed" || path.startsWith("/embed/");
}

/** Builds the Content-Security-Policy for one response. `wasm` allows WebAssembly (the SQL console). */
export function contentSecurityPolicy({ nonce, framable, wasm }: { nonce: string; framable: boolean; wasm: boolean }): string {
  const script = ["'self'", `'nonce-${nonce}'`, ...(wasm ? ["'wasm-unsafe-eval'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    // React's style={} attributes are inline styles; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `worker-src 'self'${wasm ? " blob:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${framable ? "*" : "'self'"}`,
  ].join("; ");
}

/** Express middleware: a fresh nonce per request (in res.locals.cspNonce) and the headers. */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  const framable = isFramablePath(req.path);
  res.setHeader(
    "Content-Security-Policy",
    contentSecurityPolicy({ nonce, framable, wasm: req.path === "/sql" || req.path.startsWith("/duckdb/") }),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (!framable) res.setHeader("X-Frame-Options", "SAMEORIGIN");
  next();
}
