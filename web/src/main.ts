// The single-page shell: a hash router (#/world, #/forecast, ...) that hands the page
// element to one module per page.

import "./style.css";
import { api } from "./api";
import { h, errorBox } from "./ui";
import * as world from "./pages/world";
import * as forecast from "./pages/forecast";
import * as forum from "./pages/forum";
import * as strategy from "./pages/strategy";
import * as corridors from "./pages/corridors";
import * as runs from "./pages/runs";

export interface Page {
  title: string;
  render(root: HTMLElement, params: URLSearchParams): Promise<void>;
}

const pages: Record<string, Page> = { world, forecast, forum, strategy, corridors, runs };
const order = ["world", "forecast", "forum", "strategy", "corridors", "runs"];

function current(): { name: string; params: URLSearchParams } {
  const hash = window.location.hash.replace(/^#\/?/, "");
  const [name, query] = hash.split("?");
  return { name: name && name in pages ? name : "world", params: new URLSearchParams(query ?? "") };
}

let generation = 0;

async function show(): Promise<void> {
  const { name, params } = current();
  const nav = document.getElementById("nav")!;
  nav.replaceChildren(
    ...order.map((p) =>
      h("a", { href: `#/${p}`, class: p === name ? "active" : "", "aria-current": p === name ? "page" : undefined }, pages[p].title),
    ),
  );
  const root = document.getElementById("page")!;
  const mine = ++generation;
  const section = h("section", { id: `page-${name}`, class: "page" });
  root.replaceChildren(section);
  document.title = `statecraft: ${pages[name].title}`;
  try {
    await pages[name].render(section, params);
  } catch (e) {
    if (mine === generation) section.append(errorBox(e));
  }
}

async function status(): Promise<void> {
  const el = document.getElementById("server-status")!;
  try {
    const health = await api.health();
    el.textContent = `server ${health.version} · ${health.scenarios} scenarios${health.runs ? " · run store" : ""}`;
  } catch (e) {
    el.replaceChildren(errorBox(e));
  }
}

window.addEventListener("hashchange", () => void show());
void status();
void show();
