// Charts: line charts (with optional bands) through uPlot, horizontal bars as SVG.

import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { PALETTE, h, svg } from "./ui";

export interface LineSeries {
  label: string;
  y: (number | null)[];
  band?: { low: (number | null)[]; high: (number | null)[] };
  dash?: boolean;
}

export interface LineChartSpec {
  title: string;
  x: number[];
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
  yRange?: [number, number];
}

function hexAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

// Draws into a new element appended to `parent`; returns it (its data-series attribute
// lists the series' labels, which the browser tests read).
export function lineChart(parent: HTMLElement, spec: LineChartSpec): HTMLElement {
  const box = h("figure", { class: "chart", "data-series": spec.series.map((s) => s.label).join(",") });
  box.append(h("figcaption", {}, spec.title));
  parent.append(box);
  const data: (number | null)[][] = [spec.x];
  const series: uPlot.Series[] = [{ label: spec.xLabel }];
  const bands: uPlot.Band[] = [];
  spec.series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length];
    data.push(s.y);
    series.push({ label: s.label, stroke: colour, width: 2, dash: s.dash ? [6, 4] : undefined });
    if (s.band) {
      const hi = data.length;
      data.push(s.band.high, s.band.low);
      series.push({ label: `${s.label} high`, stroke: hexAlpha(colour, 0.25), width: 1 });
      series.push({ label: `${s.label} low`, stroke: hexAlpha(colour, 0.25), width: 1 });
      bands.push({ series: [hi, hi + 1], fill: hexAlpha(colour, 0.15) });
    }
  });
  const width = Math.max(320, Math.min(900, parent.clientWidth || 720));
  const opts: uPlot.Options = {
    width,
    height: 300,
    series,
    bands,
    scales: { x: { time: false }, y: spec.yRange ? { range: spec.yRange } : {} },
    axes: [{ label: spec.xLabel }, { label: spec.yLabel }],
    legend: { live: false },
  };
  new uPlot(opts, data as uPlot.AlignedData, box);
  return box;
}

export interface Bar {
  label: string;
  value: number;
  text?: string;
  colour?: string;
}

// Horizontal bars, one row per bar, scaled to the largest |value|.
export function barChart(parent: HTMLElement, title: string, bars: Bar[], options: { max?: number } = {}): SVGElement {
  const row = 18;
  const labelWidth = 120;
  const width = 560;
  const plot = width - labelWidth - 90;
  const max = options.max ?? Math.max(1e-12, ...bars.map((b) => Math.abs(b.value)));
  const negatives = bars.some((b) => b.value < 0);
  const zero = labelWidth + (negatives ? plot / 2 : 0);
  const scale = (negatives ? plot / 2 : plot) / max;
  const chart = svg("svg", {
    viewBox: `0 0 ${width} ${bars.length * row + 8}`,
    width,
    height: bars.length * row + 8,
    role: "img",
    "aria-label": title,
    class: "bars",
  });
  bars.forEach((b, i) => {
    const y = 4 + i * row;
    const w = Math.abs(b.value) * scale;
    const x = b.value < 0 ? zero - w : zero;
    chart.append(
      svg("text", { x: labelWidth - 6, y: y + 13, "text-anchor": "end" }, b.label),
      svg("rect", { x, y: y + 2, width: Math.max(w, 0.5), height: row - 5, fill: b.colour ?? PALETTE[0] }),
      svg("text", { x: zero + (b.value < 0 ? 6 : w + 6), y: y + 13 }, b.text ?? b.value.toFixed(3)),
    );
  });
  parent.append(h("figure", { class: "chart" }, h("figcaption", {}, title), chart));
  return chart;
}
