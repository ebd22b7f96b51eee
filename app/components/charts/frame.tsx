import type { ReactNode, SVGProps } from "react";
import type { Palette } from "./palette";

/**
 * The root every chart shares: a self-contained SVG (it must stand alone as an `.svg` embed), named
 * for screen readers, on the theme's background.
 */
export function ChartFrame({
  width,
  height,
  title,
  kind,
  palette,
  data,
  children,
}: {
  width: number;
  height: number;
  title: string;
  /** Added as `chart-<kind>` to the class, for styles and tests. */
  kind: string;
  palette: Palette;
  /** `data-*` attributes tests and scripts read off the chart. */
  data?: Record<`data-${string}`, string | number>;
  children: ReactNode;
}) {
  const attrs: SVGProps<SVGSVGElement> = { ...data };
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={title}
      className={`chart chart-${kind}`}
      {...attrs}
      fontFamily="system-ui, sans-serif"
    >
      <title>{title}</title>
      <rect width={width} height={height} fill={palette.background} />
      {children}
    </svg>
  );
}
