// Runs: the history of the run store, one run's parameters and result, and the
// difference between two runs.

import { api, RunSummary } from "../api";
import { errorBox, fixed, h, table, withLoading } from "../ui";

export const title = "Runs";

export async function render(root: HTMLElement): Promise<void> {
  root.append(
    h("h1", {}, "Runs"),
    h("p", { class: "lead" }, "Every engine run made through this server or the command line (same store), newest first. Pick two to compare."),
  );
  const list = h("div", { id: "runs-list" });
  const detail = h("div", { id: "run-detail" });
  root.append(list, detail);
  const chosen: number[] = [];

  await withLoading(list, "the run history", async () => {
    const runs = await api.runs(100);
    if (runs.length === 0) {
      list.replaceChildren(h("p", { class: "muted" }, "No runs recorded yet: run a forecast or a vote."));
      return;
    }
    const diffButton = h("button", { id: "diff", type: "button", disabled: true, onclick: () => void diff() }, "Compare the two chosen runs");
    const rows = runs.map((r: RunSummary) => [
      h("input", {
        type: "checkbox",
        "aria-label": `choose run ${r.id}`,
        "data-run": r.id,
        onchange: (e: Event) => {
          const on = (e.target as HTMLInputElement).checked;
          if (on) chosen.push(r.id);
          else chosen.splice(chosen.indexOf(r.id), 1);
          diffButton.disabled = chosen.length !== 2;
        },
      }),
      h("a", { href: `#/runs`, onclick: (e: Event) => { e.preventDefault(); void show(r.id); } }, String(r.id)),
      r.verb,
      r.scenario,
      r.seed,
      r.created_at,
      `${fixed(r.duration_ms, 1)} ms`,
      r.scenario_hash,
    ]);
    list.replaceChildren(
      h("div", { class: "scroll" }, table(["", "id", "verb", "scenario", "seed", "when (UTC)", "took", "scenario hash"], rows, { id: "runs-table" })),
      h("div", { class: "controls" }, diffButton),
    );
  });

  async function show(id: number): Promise<void> {
    await withLoading(detail, `run ${id}`, async () => {
      const run = await api.run(id);
      detail.replaceChildren(
        h("h2", {}, `Run ${id}: ${run.verb}`),
        h("p", { class: "muted" }, `${run.scenario} · seed ${run.seed} · version ${run.version}`),
        h("h2", {}, "Parameters"),
        h("pre", {}, JSON.stringify(run.parameters, null, 2)),
        h("h2", {}, "Result"),
        h("pre", {}, JSON.stringify(run.result, null, 2).slice(0, 20000)),
      );
    });
  }

  async function diff(): Promise<void> {
    if (chosen.length !== 2) {
      detail.replaceChildren(errorBox(new Error("choose exactly two runs")));
      return;
    }
    const [a, b] = [...chosen].sort((x, y) => x - y);
    await withLoading(detail, "the difference", async () => {
      const d = await api.diff(a, b);
      detail.replaceChildren(
        h("h2", {}, `Run ${a} against run ${b}: ${d.differences.length} differences`),
        d.differences.length
          ? h("div", { class: "scroll" }, table(["field", `run ${a}`, `run ${b}`], d.differences.map((x) => [x.field, x.a, x.b]), { id: "diff-table" }))
          : h("p", { id: "diff-table" }, "The two runs are identical."),
      );
    });
  }
}
