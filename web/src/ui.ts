// DOM helpers shared by the pages: element building, loading and error states, and
// number formatting. No framework: each page builds its own small tree.

import { ApiError } from "./api";

type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") el.addEventListener(key.replace(/^on/, ""), value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";

export function svg(tag: string, attrs: Record<string, string | number> = {}, ...children: (Node | string)[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  for (const child of children) el.append(child);
  return el;
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.field ? `${e.message} (field: ${e.field})` : e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

// Shows "Loading ..." in `target` while `work` runs, then whatever `work` rendered, or
// the error in a visible box. Resolves to true when the work succeeded.
export async function withLoading(target: HTMLElement, label: string, work: () => Promise<void>): Promise<boolean> {
  target.replaceChildren(h("p", { class: "loading", role: "status" }, `Loading ${label}…`));
  target.setAttribute("aria-busy", "true");
  try {
    await work();
    target.querySelector(":scope > .loading")?.remove();
    return true;
  } catch (e) {
    target.replaceChildren(errorBox(e));
    return false;
  } finally {
    target.removeAttribute("aria-busy");
  }
}

// Runs `work` for an event handler: a failure is shown in `target`, never left as an
// unhandled rejection.
export function guard(target: HTMLElement, work: () => Promise<void>): void {
  work().catch((e) => target.replaceChildren(errorBox(e)));
}

export function errorBox(e: unknown): HTMLElement {
  return h("div", { class: "error", role: "alert" }, h("strong", {}, "Error: "), errorMessage(e));
}

export function select(
  id: string,
  label: string,
  options: { value: string; label: string }[],
  selected: string,
  onChange: (value: string) => void,
): HTMLElement {
  const control = h(
    "select",
    { id, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) },
    ...options.map((o) => h("option", { value: o.value, selected: o.value === selected }, o.label)),
  );
  return h("label", { class: "field", for: id }, h("span", {}, label), control);
}

export function fixed(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  return x.toFixed(digits);
}

export function percent(p: number | null | undefined, digits = 1): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "–";
  return `${(100 * p).toFixed(digits)}%`;
}

export function money(x: number): string {
  const abs = Math.abs(x);
  if (abs >= 1e9) return `${(x / 1e9).toFixed(2)} bn`;
  if (abs >= 1e6) return `${(x / 1e6).toFixed(2)} m`;
  if (abs >= 1e3) return `${(x / 1e3).toFixed(1)} k`;
  return x.toFixed(0);
}

export function table(headers: string[], rows: Child[][], attrs: Attrs = {}): HTMLTableElement {
  return h(
    "table",
    attrs,
    h("thead", {}, h("tr", {}, ...headers.map((c) => h("th", {}, c)))),
    h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c))))),
  );
}

// A colour per index, readable on white (Okabe–Ito palette).
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];
