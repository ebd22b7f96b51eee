/**
 * An interactive chart: renders a chart spec at the container's width (SSR at a default width,
 * then measured), with a tooltip on hover, keyboard focus (←/→/Home/End, Esc), and for time charts
 * brush-to-zoom (drag) with double-click or Esc to reset.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { CHARTS, type ChartId, type ChartRows } from "~/lib/chart-specs";
import { CSS_VARS, type Palette } from "./charts/palette";

const ZOOMABLE: ReadonlySet<ChartId> = new Set(["floors", "sales", "basefee"]);

export interface ChartViewProps {
  chart: ChartId;
  rows: ChartRows;
  subject: string;
  height?: number;
  enabledRules?: ReadonlySet<string>;
  methods?: ReadonlySet<string>;
  palette?: Palette;
  initialWidth?: number;
}

export function ChartView({
  chart,
  rows,
  subject,
  height = 300,
  enabledRules,
  methods,
  palette = CSS_VARS,
  initialWidth = 720,
}: ChartViewProps) {
  const box = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(initialWidth);
  const [focus, setFocus] = useState<number | undefined>();
  const [xDomain, setXDomain] = useState<[number, number] | undefined>();
  const [brush, setBrush] = useState<{ from: number; to: number } | undefined>();
  const spec = CHARTS[chart];
  const title = spec.title(subject);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(240, Math.floor(el.clientWidth)));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const rendered = useMemo(
    () => spec.render(rows, { width, height, palette, title, xDomain, focusIndex: focus, enabledRules, methods }),
    [spec, rows, width, height, palette, title, xDomain, focus, enabledRules, methods],
  );
  const { points, plot } = rendered;

  const nearest = (px: number, py: number) => {
    let best = -1;
    let bestD = Number.POSITIVE_INFINITY;
    for (let i = 0; i < points.length; i++) {
      const dx = points[i].x - px;
      const dy = chart === "sales" || chart === "heatmap" || chart === "waterfall" ? points[i].y - py : 0;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best >= 0 ? best : undefined;
  };
  const local = (e: React.PointerEvent) => {
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * width, y: ((e.clientY - r.top) / r.height) * height };
  };
  const zoomable = ZOOMABLE.has(chart);
  const tip = focus !== undefined ? points[focus] : undefined;

  return (
    <figure
      ref={box}
      className="chart-view"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the chart is a keyboard-navigable widget
      tabIndex={0}
      aria-label={`${title}. Arrow keys move between points${zoomable ? "; drag to zoom, Escape resets" : ""}.`}
      data-chart={chart}
      onKeyDown={(e) => {
        if (points.length === 0) return;
        if (e.key === "ArrowRight") setFocus((f) => Math.min(points.length - 1, (f ?? -1) + 1));
        else if (e.key === "ArrowLeft") setFocus((f) => Math.max(0, (f ?? points.length) - 1));
        else if (e.key === "Home") setFocus(0);
        else if (e.key === "End") setFocus(points.length - 1);
        else if (e.key === "Escape") {
          setFocus(undefined);
          setXDomain(undefined);
        } else return;
        e.preventDefault();
      }}
    >
      {/* biome-ignore lint/a11y/noStaticElementInteractions: pointer hover/brush mirror the figure's keyboard controls */}
      <div
        className="chart-surface"
        onPointerMove={(e) => {
          const p = local(e);
          if (brush) setBrush({ ...brush, to: p.x });
          setFocus(nearest(p.x, p.y));
        }}
        onPointerLeave={() => {
          setFocus(undefined);
          setBrush(undefined);
        }}
        onPointerDown={(e) => {
          if (!zoomable || e.button !== 0) return;
          const p = local(e);
          setBrush({ from: p.x, to: p.x });
        }}
        onPointerUp={() => {
          if (brush && Math.abs(brush.to - brush.from) > 8) {
            const a = Math.max(plot.left, Math.min(brush.from, brush.to));
            const b = Math.min(plot.right, Math.max(brush.from, brush.to));
            setXDomain([rendered.invertX(a), rendered.invertX(b)]);
          }
          setBrush(undefined);
        }}
        onDoubleClick={() => setXDomain(undefined)}
      >
        {rendered.svg}
        {brush ? (
          <div
            className="chart-brush"
            style={{
              left: `${(Math.min(brush.from, brush.to) / width) * 100}%`,
              width: `${(Math.abs(brush.to - brush.from) / width) * 100}%`,
            }}
          />
        ) : null}
        {tip ? (
          <div
            className="chart-tooltip"
            role="status"
            style={{
              left: `${(tip.x / width) * 100}%`,
              top: `${(tip.y / height) * 100}%`,
              transform: tip.x > width * 0.6 ? "translate(-105%, -110%)" : "translate(5%, -110%)",
            }}
          >
            {tip.lines.map((l) => (
              <div key={l}>{l}</div>
            ))}
          </div>
        ) : null}
      </div>
      {xDomain ? (
        <button type="button" className="link-button" onClick={() => setXDomain(undefined)}>
          Reset zoom
        </button>
      ) : null}
      {rows.length === 0 ? <p className="muted">No data in this range yet.</p> : null}
    </figure>
  );
}
