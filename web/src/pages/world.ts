// World overview: the scenario's actors, its relations as a graph, and its forums.

import { ScenarioInfo } from "../api";
import { drawGraph, GraphEdge, GraphNode } from "../graph";
import { scenario, scenarioPicker } from "../scenarios";
import { fixed, h, table, withLoading } from "../ui";

export const title = "World";

export async function render(root: HTMLElement, params: URLSearchParams): Promise<void> {
  root.append(h("h1", {}, "World overview"));
  const body = h("div");
  const picker = await scenarioPicker(() => true, "world", params, (id) => void load(id));
  root.append(h("div", { class: "controls" }, picker.element), body);

  async function load(id: string): Promise<void> {
    await withLoading(body, "the scenario", async () => {
      const s = await scenario(id);
      body.replaceChildren(...overview(s));
    });
  }
  await load(picker.selected);
}

function overview(s: ScenarioInfo): Element[] {
  const states = s.actors.filter((a) => a.kind === "state").length;
  const cards = h(
    "div",
    { class: "cards" },
    card("actors", `${s.actors.length}`, `${states} states`),
    card("relations", `${s.relations.length}`, "directed ties"),
    card("forums", `${s.forums.length}`, ""),
    card("issues", `${s.issues.length}`, ""),
    card("motions", `${s.motions.length}`, ""),
    card("as of", s.date || "–", "date of the world"),
  );
  const byPower = [...s.actors].sort((a, b) => (b.overall ?? 0) - (a.overall ?? 0));
  const actors = h(
    "div",
    { class: "scroll" },
    table(
      ["id", "name", "kind", "overall capability"],
      byPower.map((a) => [a.id, a.name, a.kind, fixed(a.overall, 3)]),
      { id: "actors-table" },
    ),
  );
  const forums = table(
    ["id", "name", "rule", "members", "gates", "blocs"],
    s.forums.map((f) => [f.id, f.name, f.rule, f.members.length, f.gates.join(", ") || "–", f.blocs]),
    { id: "forums-table" },
  );
  return [
    h("p", { class: "lead" }, h("strong", {}, s.name), " — ", s.description),
    cards,
    h("h2", {}, "Relations"),
    h("p", { class: "legend" }, "Edge colour: alignment (blue allied, red hostile); width: strength; node size: overall capability."),
    relationsGraph(s),
    h("div", { class: "grid2" }, h("div", {}, h("h2", {}, "Actors"), actors), h("div", {}, h("h2", {}, "Forums"), forums)),
  ];
}

function card(name: string, value: string, note: string): HTMLElement {
  return h("div", { class: "card" }, h("div", { class: "value" }, value), h("div", { class: "name" }, name, note ? ` · ${note}` : ""));
}

// Only actors that take part in a relation are drawn; the relation's strength is its
// alignment (or, without one, its hostility as a negative alignment).
function relationsGraph(s: ScenarioInfo): SVGElement | HTMLElement {
  if (s.relations.length === 0) return h("p", { class: "muted" }, "No relations in this scenario.");
  const involved = new Set(s.relations.flatMap((r) => [r.from, r.to]));
  const power = new Map(s.actors.map((a) => [a.id, a.overall ?? 0.05]));
  const nodes: GraphNode[] = [...involved].sort().map((id) => ({
    id,
    label: id,
    radius: 4 + 10 * Math.sqrt(power.get(id) ?? 0.05),
    colour: "#3b4a66",
  }));
  const edges: GraphEdge[] = s.relations.map((r) => {
    const alignment = r.dimensions.alignment ?? -(r.dimensions.hostility ?? 0);
    const detail = Object.entries(r.dimensions)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    return {
      id: `${r.from}-${r.to}`,
      from: r.from,
      to: r.to,
      width: 0.5 + 3 * Math.abs(alignment),
      colour: alignment >= 0 ? "rgba(0,114,178,0.55)" : "rgba(213,94,0,0.65)",
      title: `${r.from} → ${r.to}: ${detail}`,
    };
  });
  return drawGraph(nodes, edges, 1000, 560, "relations graph");
}
