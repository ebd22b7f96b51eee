/**
 * URL parameter schemas shared by pages, embeds and exports. Every loader parses its params with
 * one of these; a bad value becomes a 400 whose body is one readable line naming the parameter and
 * an accepted example (never a stack trace, never a 500).
 */
import { z } from "zod";

/** A 0x-prefixed 20-byte hex address, normalised to lowercase (the warehouse stores lowercase). */
export const addressParam = z
  .string({ required_error: "is required, e.g. 0x5fbdb2315678afecb367f032d93f642f64180aa3" })
  .regex(/^0x[0-9a-fA-F]{40}$/, { message: "must be a 0x address of 40 hex digits, e.g. 0x5fbdb2315678afecb367f032d93f642f64180aa3" })
  .transform((s) => s.toLowerCase());

const MAX_UINT256 = (1n << 256n) - 1n;
/** A uint256 token id as decimal text (no sign, no leading zeros except "0"). */
export const tokenIdParam = z
  .string({ required_error: "is required, e.g. 42" })
  .regex(/^(0|[1-9][0-9]{0,77})$/, { message: "must be a whole number from 0 to 2^256-1, e.g. 42" })
  // zod runs refinements even after the regex failed: only convert what is all digits.
  .refine((s) => !/^[0-9]+$/.test(s) || BigInt(s) <= MAX_UINT256, { message: "must be at most 2^256-1, e.g. 42" });

export const themeParam = z.enum(["light", "dark", "auto"], { message: "must be light, dark or auto, e.g. theme=dark" }).default("auto");

const intIn = (name: string, min: number, max: number, example: number) =>
  z
    .string()
    .regex(/^[0-9]{1,7}$/, { message: `must be a whole number from ${min} to ${max}, e.g. ${name}=${example}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `must be from ${min} to ${max}, e.g. ${name}=${example}` });

/** Chart size and range, as embeds and exports take them. */
export const chartQuery = z.object({
  theme: themeParam,
  width: intIn("width", 160, 2400, 640).default("640"),
  height: intIn("height", 100, 1600, 320).default("320"),
  days: intIn("days", 1, 3650, 90).default("90"),
});

export type ChartQuery = z.infer<typeof chartQuery>;

/** A range given as from/to dates must not be reversed. */
export const dateRange = z
  .object({
    from: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "must be a date, e.g. from=2026-01-01" })
      .optional(),
    to: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "must be a date, e.g. to=2026-02-01" })
      .optional(),
  })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: "from must not be after to, e.g. from=2026-01-01&to=2026-02-01" });

/** Thrown as a Response: Remix renders it in the error boundary (pages) or sends it as is (resources). */
export function badRequest(message: string): Response {
  return new Response(message, { status: 400, statusText: "Bad Request", headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** Names the first bad parameter of a zod error in one line. */
export function describeIssue(error: z.ZodError, fallbackName: string): string {
  const issue = error.issues[0];
  const name = issue?.path.length ? issue.path.join(".") : fallbackName;
  return `Bad parameter ${name}: ${issue?.message ?? "is not valid"}`;
}

/** Parses `input` with `schema` or throws a 400 Response naming the parameter. */
export function parseOr400<T extends z.ZodTypeAny>(schema: T, input: unknown, name = "input"): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw badRequest(describeIssue(result.error, name));
  return result.data;
}

/** The query string as a plain object; a repeated key keeps its first value; unknown keys pass through. */
export function searchParamsOf(request: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(request.url).searchParams) if (!(k in out)) out[k] = v;
  return out;
}
