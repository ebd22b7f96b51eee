import type { ReactElement } from "react";
import type { Palette } from "./palette";

/** Options every chart takes. Sizes in CSS pixels; times are UTC. */
export interface ChartOptions {
  width: number;
  height: number;
  palette: Palette;
  /** Accessible name of the chart (becomes <title> and aria-label). */
  title: string;
  /** Zoomed x range (ms since epoch for time charts); the full extent when absent. */
  xDomain?: [number, number];
  /** Index into `points` of the focused/hovered point, drawn highlighted. */
  focusIndex?: number;
}

/** A point a pointer or the keyboard can land on, in pixels, with its tooltip lines. */
export interface HitPoint {
  x: number;
  y: number;
  lines: string[];
}

/** What a chart function returns: the SVG element, its hit points and how to map a pixel x back to data. */
export interface RenderedChart {
  svg: ReactElement;
  points: HitPoint[];
  /** Pixel x → data x (ms for time charts); used by brush zoom. */
  invertX(px: number): number;
  /** The plotting area, in pixels, so overlays can align with it. */
  plot: { left: number; top: number; right: number; bottom: number };
}

export const MARGIN = { top: 28, right: 16, bottom: 28, left: 52 };
