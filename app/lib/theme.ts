/** The colour theme: "auto" follows the system; a cookie remembers an explicit choice. */
export type Theme = "light" | "dark" | "auto";

export function themeFromCookie(cookie: string | null): Theme {
  const m = /(?:^|;\s*)theme=(light|dark|auto)(?:;|$)/.exec(cookie ?? "");
  return (m?.[1] as Theme | undefined) ?? "auto";
}
