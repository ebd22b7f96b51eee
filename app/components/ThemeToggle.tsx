/** Cycles auto → light → dark; sets `data-theme` on <html> at once and remembers it in a cookie. */
import { useState } from "react";
import type { Theme } from "~/lib/theme";

const NEXT: Record<Theme, Theme> = { auto: "light", light: "dark", dark: "auto" };

export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  return (
    <button
      type="button"
      className="theme-toggle"
      aria-label={`Colour theme: ${theme}. Switch to ${NEXT[theme]}.`}
      onClick={() => {
        const next = NEXT[theme];
        setTheme(next);
        document.documentElement.dataset.theme = next;
        // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie, read by the root loader
        document.cookie = `theme=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
      }}
    >
      Theme: {theme}
    </button>
  );
}
