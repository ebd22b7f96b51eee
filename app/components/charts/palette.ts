/**
 * Chart colours. Pages use CSS variables (so the theme toggle recolours without re-rendering);
 * standalone SVG/PNG embeds need concrete colours, one palette per theme, both checked for contrast
 * against their background (text ≥ 4.5:1, marks ≥ 3:1).
 */
export interface Palette {
  background: string;
  text: string;
  muted: string;
  grid: string;
  series: string[];
  band: string;
  wash: string;
  clean: string;
}

export const LIGHT: Palette = {
  background: "#ffffff",
  text: "#14161a",
  muted: "#5b6270",
  grid: "#e3e6ec",
  series: ["#2c5fdb", "#c2410c", "#0f766e", "#7c3aed"],
  band: "rgba(44,95,219,0.14)",
  wash: "#d92d20",
  clean: "#2c5fdb",
};

export const DARK: Palette = {
  background: "#111318",
  text: "#e8eaef",
  muted: "#a2a9b6",
  grid: "#2a2f3a",
  series: ["#7aa2ff", "#fb923c", "#2dd4bf", "#c4b5fd"],
  band: "rgba(122,162,255,0.20)",
  wash: "#ff6b5e",
  clean: "#7aa2ff",
};

/** Colours as CSS variables (defined in styles.css for both themes). */
export const CSS_VARS: Palette = {
  background: "var(--bg)",
  text: "var(--fg)",
  muted: "var(--muted)",
  grid: "var(--grid)",
  series: ["var(--s1)", "var(--s2)", "var(--s3)", "var(--s4)"],
  band: "var(--band)",
  wash: "var(--wash)",
  clean: "var(--clean)",
};

/** The palette for a theme parameter; "auto" keeps CSS variables (only meaningful inside a page). */
export function paletteFor(theme: "light" | "dark" | "auto", standalone: boolean): Palette {
  if (theme === "dark") return DARK;
  if (theme === "light") return LIGHT;
  return standalone ? LIGHT : CSS_VARS;
}
