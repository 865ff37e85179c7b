// Network drawings in SVG: a deterministic force layout (same input, same picture) and
// a renderer for nodes and weighted edges, used by the relations graph of the world
// page and the corridor map.

import { svg } from "./ui";

export interface GraphNode {
  id: string;
  label: string;
  colour?: string;
  radius?: number;
  // A preferred position in [0, 1]^2 (e.g. from longitude/latitude); nodes without
  // one start on a circle and settle by the forces alone.
  anchor?: [number, number];
}

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  width: number; // stroke width in pixels
  colour: string;
  dash?: boolean;
  title: string;
  onClick?: () => void;
}

// Fruchterman–Reingold style layout with a fixed number of cooling steps; anchors pull
// their nodes back towards the preferred place.
export function layout(nodes: GraphNode[], edges: GraphEdge[], width: number, height: number): Map<string, [number, number]> {
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const pos = nodes.map((node, i): [number, number] => {
    if (node.anchor) return [node.anchor[0] * width, node.anchor[1] * height];
    const angle = (2 * Math.PI * i) / Math.max(n, 1);
    return [width / 2 + (width / 3) * Math.cos(angle), height / 2 + (height / 3) * Math.sin(angle)];
  });
  // A map (every node anchored) only needs labels pulled apart, not a new shape.
  const anchored = n > 0 && nodes.every((node) => node.anchor);
  const k = Math.sqrt((width * height) / Math.max(n, 1)) * (anchored ? 0.15 : 0.6);
  let temperature = width / 10;
  for (let step = 0; step < 200; ++step) {
    const disp = pos.map((): [number, number] => [0, 0]);
    for (let i = 0; i < n; ++i) {
      for (let j = i + 1; j < n; ++j) {
        let dx = pos[i][0] - pos[j][0];
        let dy = pos[i][1] - pos[j][1];
        let d = Math.hypot(dx, dy);
        if (d < 0.01) {
          dx = 0.01 * (i - j);
          dy = 0.01;
          d = Math.hypot(dx, dy);
        }
        const force = (k * k) / d;
        disp[i][0] += (dx / d) * force;
        disp[i][1] += (dy / d) * force;
        disp[j][0] -= (dx / d) * force;
        disp[j][1] -= (dy / d) * force;
      }
    }
    for (const e of anchored ? [] : edges) {
      const a = index.get(e.from);
      const b = index.get(e.to);
      if (a === undefined || b === undefined || a === b) continue;
      const dx = pos[a][0] - pos[b][0];
      const dy = pos[a][1] - pos[b][1];
      const d = Math.max(Math.hypot(dx, dy), 0.01);
      const force = (d * d) / k;
      disp[a][0] -= (dx / d) * force;
      disp[a][1] -= (dy / d) * force;
      disp[b][0] += (dx / d) * force;
      disp[b][1] += (dy / d) * force;
    }
    nodes.forEach((node, i) => {
      if (node.anchor) {
        disp[i][0] += (node.anchor[0] * width - pos[i][0]) * 0.5;
        disp[i][1] += (node.anchor[1] * height - pos[i][1]) * 0.5;
      }
      const d = Math.max(Math.hypot(disp[i][0], disp[i][1]), 0.01);
      const move = Math.min(d, temperature);
      pos[i][0] = Math.min(width - 110, Math.max(30, pos[i][0] + (disp[i][0] / d) * move));
      pos[i][1] = Math.min(height - 20, Math.max(20, pos[i][1] + (disp[i][1] / d) * move));
    });
    temperature *= 0.97;
  }
  return new Map(nodes.map((node, i) => [node.id, pos[i]]));
}

export function drawGraph(nodes: GraphNode[], edges: GraphEdge[], width: number, height: number, label: string): SVGElement {
  const at = layout(nodes, edges, width, height);
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "graph", role: "img", "aria-label": label });
  const edgeLayer = svg("g", { class: "edges" });
  for (const e of edges) {
    const a = at.get(e.from);
    const b = at.get(e.to);
    if (!a || !b) continue;
    const line = svg(
      "line",
      {
        x1: a[0],
        y1: a[1],
        x2: b[0],
        y2: b[1],
        stroke: e.colour,
        "stroke-width": e.width,
        "stroke-linecap": "round",
        "data-edge": e.id,
        ...(e.dash ? { "stroke-dasharray": "5 4" } : {}),
        ...(e.onClick ? { class: "clickable", tabindex: 0 } : {}),
      },
      svg("title", {}, e.title),
    );
    if (e.onClick) {
      const handler = e.onClick;
      line.addEventListener("click", handler);
      line.addEventListener("keydown", (ev) => {
        if ((ev as KeyboardEvent).key === "Enter") handler();
      });
    }
    edgeLayer.append(line);
  }
  const nodeLayer = svg("g", { class: "nodes" });
  for (const node of nodes) {
    const p = at.get(node.id);
    if (!p) continue;
    nodeLayer.append(
      svg(
        "g",
        { transform: `translate(${p[0].toFixed(1)},${p[1].toFixed(1)})`, "data-node": node.id },
        svg("circle", { r: node.radius ?? 6, fill: node.colour ?? "#555" }),
        svg("text", { x: (node.radius ?? 6) + 3, y: 4 }, node.label),
        svg("title", {}, node.label),
      ),
    );
  }
  root.append(edgeLayer, nodeLayer);
  return root;
}
