// Corridors: the transport network drawn roughly as a map, edges as wide as their
// flow; close a crossing (click an edge or pick it from the list) and route again.

import { api, CorridorResult, NetworkEdge, ScenarioInfo } from "../api";
import { barChart } from "../charts";
import { drawGraph, GraphEdge, GraphNode } from "../graph";
import { scenario, scenarioPicker } from "../scenarios";
import { fixed, h, money, percent, select, table, withLoading, guard } from "../ui";

export const title = "Corridors";

// Approximate longitude/latitude of the places of the Pakistan case library's network,
// used only to lay the drawing out like a map; other nodes are placed by the forces.
const PLACES: Record<string, [number, number]> = {
  kashgar: [75.99, 39.47], khunjerab: [75.42, 36.85], irkeshtam: [73.93, 39.69], karamyk: [72.6, 39.3],
  dushanbe: [68.78, 38.56], panji_poyon: [68.55, 37.4], shirkhan_bandar: [68.6, 36.9], termez: [67.28, 37.5],
  hairatan_af: [67.42, 36.95], mazar: [67.11, 36.5], kabul: [69.17, 34.53], torkham_af: [70.9, 34.2],
  torkham_pk: [71.3, 34.05], peshawar: [71.58, 33.8], islamabad: [73.05, 33.68], lahore: [74.35, 31.55],
  karachi: [67.0, 24.86], dik: [70.9, 31.83], zhob: [69.45, 31.34], quetta: [67.0, 30.18], kandahar: [65.7, 31.61],
  spin_boldak: [66.2, 31.1], chaman_pk: [66.6, 30.8], surab: [66.26, 28.49], hoshab: [63.24, 26.2],
  gwadar: [62.32, 25.12], zaranj: [61.86, 31.1], milak_ir: [61.5, 30.8], chabahar: [60.64, 25.29], overseas: [61.0, 23.0],
};
const LON = [59, 77];
const LAT = [22, 41];
const MODE_COLOUR: Record<string, string> = { road: "#0072B2", rail: "#009E73", sea: "#56B4E9", air: "#CC79A7" };

export async function render(root: HTMLElement, params: URLSearchParams): Promise<void> {
  root.append(
    h("h1", {}, "Corridors"),
    h("p", { class: "lead" }, "Security-adjusted routing of the scenario's trade demands. Edge width: flow; dashed red: closed. Click an edge, or pick a crossing below, to close or reopen it."),
  );
  const form = h("div", { class: "controls" });
  const result = h("div", { id: "corridor-result" });
  const picker = await scenarioPicker((s) => s.network, "corridors", params, (id) => guard(result, () => loadScenario(id)));
  root.append(form, result);
  let info: ScenarioInfo;
  const closed = new Set<string>();

  async function loadScenario(id: string): Promise<void> {
    info = await scenario(id);
    closed.clear();
    await route();
  }

  function crossings(): NetworkEdge[] {
    const nodes = new Map(info.network!.nodes.map((n) => [n.id, n]));
    return info.network!.edges.filter((e) => {
      const a = nodes.get(e.from);
      const b = nodes.get(e.to);
      return a?.kind === "border_crossing" && b?.kind === "border_crossing";
    });
  }

  let choice = "";
  function drawForm(): void {
    if (!info.network!.edges.some((e) => e.id === choice)) choice = crossings()[0]?.id ?? info.network!.edges[0].id;
    const options = info.network!.edges.map((e) => ({ value: e.id, label: `${e.id}${closed.has(e.id) ? " (closed)" : ""}` }));
    form.replaceChildren(
      picker.element,
      select("edge", "Crossing or edge", options, choice, (v) => (choice = v)),
      h("button", { id: "toggle", type: "button", onclick: () => void toggle(choice) }, "Close / reopen"),
      h("button", { id: "reset", type: "button", class: "secondary", onclick: () => { closed.clear(); void route(); } }, "Reopen all"),
      h("span", { class: "muted", id: "closed-list" }, closed.size ? `closed: ${[...closed].join(", ")}` : "nothing closed"),
    );
  }

  async function toggle(edge: string): Promise<void> {
    if (closed.has(edge)) closed.delete(edge);
    else closed.add(edge);
    await route();
  }

  async function route(): Promise<void> {
    drawForm();
    await withLoading(result, "the routing", async () => {
      const r = await api.corridor({ scenario: info.id, close: closed.size ? [...closed] : undefined });
      show(r);
    });
  }

  function show(r: CorridorResult): void {
    const flows = new Map(r.edges.map((e) => [e.id, e]));
    const maxFlow = Math.max(1, ...r.edges.map((e) => e.flow));
    const nodes: GraphNode[] = info.network!.nodes.map((n) => {
      const place = PLACES[n.id];
      return {
        id: n.id,
        label: n.name.replace(/ \(.*\)$/, ""),
        radius: n.kind === "city" || n.kind === "port" ? 5 : 3.5,
        colour: n.kind === "port" ? "#0b5d8f" : n.kind === "border_crossing" ? "#b0651a" : "#3b4a66",
        anchor: place ? [(place[0] - LON[0]) / (LON[1] - LON[0]), (LAT[1] - place[1]) / (LAT[1] - LAT[0])] : undefined,
      };
    });
    const edges: GraphEdge[] = info.network!.edges.map((e) => {
      const f = flows.get(e.id);
      const isClosed = closed.has(e.id) || f?.open === false;
      return {
        id: e.id,
        from: e.from,
        to: e.to,
        width: isClosed ? 2 : 1.5 + 9 * ((f?.flow ?? 0) / maxFlow),
        colour: isClosed ? "#c0392b" : MODE_COLOUR[e.mode] ?? "#555",
        dash: isClosed,
        title: `${e.id} (${e.mode}, ${e.country}): flow ${fixed(f?.flow ?? 0, 0)} of capacity ${fixed(f?.capacity ?? 0, 0)}${isClosed ? " — closed" : ""}. Click to ${isClosed ? "reopen" : "close"}.`,
        onClick: () => void toggle(e.id),
      };
    });
    const base = r.base;
    const cards = h(
      "div",
      { class: "cards" },
      h("div", { class: "card" }, h("div", { class: "value", id: "total-cost" }, money(r.total_cost)), h("div", { class: "name" }, base ? `total cost (was ${money(base.total_cost)})` : "total routing cost")),
      h("div", { class: "card" }, h("div", { class: "value" }, fixed(r.delivered, 0)), h("div", { class: "name" }, "delivered")),
      h("div", { class: "card" }, h("div", { class: "value", id: "unmet" }, fixed(r.unmet, 0)), h("div", { class: "name" }, base ? `unmet (was ${fixed(base.unmet, 0)})` : "unmet demand")),
    );
    const hubs = Object.entries(r.hub_share).sort((a, b) => b[1] - a[1]);
    result.replaceChildren(cards, drawGraph(nodes, edges, 1000, 760, "corridor network"));
    const grid = h("div", { class: "grid2" });
    result.append(grid);
    barChart(grid, "Hub share (share of transit value)", hubs.map(([c, v]) => ({ label: c, value: v, text: percent(v) })));
    if (r.shock_cost) {
      const costs = Object.entries(r.shock_cost).sort((a, b) => b[1] - a[1]);
      barChart(grid, "Cost of the closure per country (USD; negative: gains)", costs.map(([c, v]) => ({ label: c, value: v, text: money(v), colour: v >= 0 ? "#c0392b" : "#009E73" })));
    }
    result.append(
      h("h2", {}, "Demands"),
      table(["demand", "volume", "delivered", "unmet", "countries crossed"], r.demands.map((d) => [d.id, fixed(d.volume, 0), fixed(d.delivered, 0), fixed(d.unmet, 0), d.countries_crossed.join(" → ")]), { id: "demands-table" }),
    );
  }

  await loadScenario(picker.selected);
}
