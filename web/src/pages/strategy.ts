// Strategy: the cheapest plan of bilateral actions that lifts a motion's pass
// probability, under a budget chosen with a slider, and the pass probability against
// the budget. For a scenario with a horizon: per-vote lobbying against lasting
// partnerships over its motions (`statecraft optimize --compare`).

import { api, ComparisonResult, MotionInfo, OptimizeResult, ScenarioInfo } from "../api";
import { lineChart } from "../charts";
import { scenario, scenarioPicker } from "../scenarios";
import { fixed, h, percent, select, table, withLoading, guard } from "../ui";

export const title = "Strategy";

export async function render(root: HTMLElement, params: URLSearchParams): Promise<void> {
  root.append(
    h("h1", {}, "Strategy"),
    h("p", { class: "lead" }, "Which bilateral actions (visits, aid, security cooperation, lobbying) buy the most pass probability for the money? Costs and effects are the scenario's assumptions."),
  );
  const form = h("div", { class: "controls" });
  const result = h("div", { id: "strategy-result" });
  const picker = await scenarioPicker((s) => s.actions > 0 && (s.motions > 0 || s.horizon === true), "kashmir-narrative", params, (id) => guard(result, () => loadScenario(id)));
  root.append(form, result);
  let info: ScenarioInfo;

  async function loadScenario(id: string): Promise<void> {
    info = await scenario(id);
    if (info.motions.length > 0) await planMode(info);
    else await compareMode(info);
  }

  async function planMode(s: ScenarioInfo): Promise<void> {
    const motions: MotionInfo[] = s.motions;
    let motionId = motions[0].id;
    const max = Math.max(1, Math.ceil(s.actions_total_cost));
    const budget = h("input", { id: "budget", type: "range", min: 0, max, step: 1, value: String(Math.min(100, max)) });
    const budgetText = h("strong", { id: "budget-value" }, budget.value);
    budget.addEventListener("input", () => (budgetText.textContent = budget.value));
    const target = h("input", { id: "target", type: "number", min: 0, max: 1, step: 0.05, value: "0.9" });
    const run = h("button", { id: "run", type: "button", onclick: () => void optimize() }, "Find plan");
    form.replaceChildren(
      picker.element,
      select("motion", "Motion", motions.map((m) => ({ value: m.id, label: `${m.id} (${m.forum})` })), motionId, (v) => (motionId = v)),
      h("label", { class: "field", for: "budget" }, h("span", {}, "Budget: ", budgetText, ` of ${max} (all actions)`), budget),
      h("label", { class: "field", for: "target" }, h("span", {}, "Target pass probability"), target),
      run,
    );

    async function optimize(): Promise<void> {
      run.disabled = true;
      const b = Number(budget.value);
      const t = Number(target.value);
      await withLoading(result, "the plan", async () => {
        const plan = await api.optimize({ scenario: s.id, motion: motionId, budget: b, target: t });
        // The same search at budgets up to the chosen one, for the comparison plot.
        const grid = [...new Set([0, 0.25, 0.5, 0.75].map((f) => Math.round(f * b)))].filter((g) => g < b);
        const sweep: OptimizeResult[] = [];
        for (const g of grid) sweep.push(await api.optimize({ scenario: s.id, motion: motionId, budget: g, target: t }));
        sweep.push(plan);
        showPlan(plan, sweep);
      });
      run.disabled = false;
    }
    await optimize();
  }

  function showPlan(r: OptimizeResult, sweep: OptimizeResult[]): void {
    result.replaceChildren(
      h(
        "div",
        { class: "cards" },
        h("div", { class: "card" }, h("div", { class: "value", id: "p-before" }, percent(r.p_before)), h("div", { class: "name" }, "pass probability now")),
        h("div", { class: "card" }, h("div", { class: "value", id: "p-after" }, percent(r.p_after)), h("div", { class: "name" }, "with the plan")),
        h("div", { class: "card" }, h("div", { class: "value" }, fixed(r.cost, 1)), h("div", { class: "name" }, `cost of ${fixed(r.budget, 0)} budget`)),
        h("div", { class: "card" }, h("div", { class: "value" }, r.meets_target ? "yes" : "no"), h("div", { class: "name" }, `reaches ${percent(r.target, 0)}`)),
      ),
      h("h2", {}, `Plan (${r.method})`),
      r.plan.length
        ? table(["action", "cost", "marginal gain"], r.plan.map((p) => [p.action, fixed(p.cost, 1), fixed(p.marginal, 4)]), { id: "plan-table" })
        : h("p", { class: "muted", id: "plan-table" }, "No action needed (or none affordable)."),
    );
    lineChart(result, {
      title: "Pass probability against budget: best plan vs no action",
      x: sweep.map((p) => p.budget),
      xLabel: "budget",
      yLabel: "pass probability",
      yRange: [0, 1],
      series: [
        { label: "best plan", y: sweep.map((p) => p.p_after) },
        { label: "no action", y: sweep.map((p) => p.p_before), dash: true },
      ],
    });
  }

  async function compareMode(s: ScenarioInfo): Promise<void> {
    const budgets = s.horizon?.budgets ?? [];
    const max = Math.max(...budgets, 100);
    const budget = h("input", { id: "budget", type: "range", min: 0, max, step: 10, value: String(max) });
    const budgetText = h("strong", { id: "budget-value" }, budget.value);
    budget.addEventListener("input", () => (budgetText.textContent = budget.value));
    const run = h("button", { id: "run", type: "button", onclick: () => void compare() }, "Compare strategies");
    form.replaceChildren(
      picker.element,
      h("label", { class: "field", for: "budget" }, h("span", {}, "Largest budget: ", budgetText), budget),
      run,
    );
    async function compare(): Promise<void> {
      run.disabled = true;
      const top = Number(budget.value);
      const grid = [0.25, 0.5, 1].map((f) => Math.max(1, Math.round(f * top)));
      await withLoading(result, "the comparison (this takes a few seconds)", async () => {
        showComparison(await api.compare({ scenario: s.id, budgets: [...new Set(grid)] }));
      });
      run.disabled = false;
    }
    await compare();
  }

  function showComparison(c: ComparisonResult): void {
    result.replaceChildren(h("h2", {}, "Expected motions passed against budget"));
    lineChart(result, {
      title: "Per-vote lobbying vs lasting partnerships",
      x: c.budgets,
      xLabel: "budget",
      yLabel: "expected passes",
      series: c.strategies.map((name) => ({ label: name, y: c.budgets.map((b) => c.points.find((p) => p.strategy === name && p.budget === b)?.expected_passes ?? null) })),
    });
    const top = c.budgets[c.budgets.length - 1];
    const rows = c.motions.map((m, i) => [
      m.motion,
      m.forum,
      percent(m.p_before),
      ...c.strategies.map((name) => percent(c.points.find((p) => p.strategy === name && p.budget === top)?.motions[i]?.p_pass)),
    ]);
    result.append(h("h2", {}, `Pass probability per motion at budget ${top}`), table(["motion", "forum", "now", ...c.strategies], rows, { id: "compare-table" }));
  }

  await loadScenario(picker.selected);
}
