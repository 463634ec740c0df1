/** The frame both small SVG charts draw in: one size, one padding, the axes, the top grid line and its labels. */
export const CHART_W = 600;
export const CHART_H = 200;
export const CHART_PAD = { left: 60, right: 8, top: 8, bottom: 24 };
export const PLOT_W = CHART_W - CHART_PAD.left - CHART_PAD.right;
export const PLOT_H = CHART_H - CHART_PAD.top - CHART_PAD.bottom;

/** X and Y axes, the grid line at the top of the scale, labelled `maxLabel`, and 0 at the bottom. */
export function ChartAxes({ maxLabel }: { maxLabel: string }) {
  const { left, right, top } = CHART_PAD;
  return (
    <>
      <line className="sy-chart__axis" x1={left} y1={top + PLOT_H} x2={CHART_W - right} y2={top + PLOT_H} />
      <line className="sy-chart__axis" x1={left} y1={top} x2={left} y2={top + PLOT_H} />
      <line className="sy-chart__grid" x1={left} y1={top} x2={CHART_W - right} y2={top} />
      <text className="sy-chart__label" x={left - 4} y={top + 4} textAnchor="end">
        {maxLabel}
      </text>
      <text className="sy-chart__label" x={left - 4} y={top + PLOT_H} textAnchor="end">
        0
      </text>
    </>
  );
}
