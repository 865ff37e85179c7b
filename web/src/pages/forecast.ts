// Issue forecast: choose an issue and a model, see each model's trajectory (with the
// Monte Carlo band), change saliences and run again.

import { api, ForecastResult, IssueInfo } from "../api";
import { lineChart } from "../charts";
import { scenario, scenarioPicker } from "../scenarios";
import { fixed, h, select, table, withLoading, guard } from "../ui";

export const title = "Forecast";

const MODELS = [
  { value: "all", label: "all models" },
  { value: "achen", label: "weighted mean (Achen)" },
  { value: "median", label: "weighted median" },
  { value: "bdm", label: "expected utility (BDM)" },
  { value: "smp", label: "spatial model (SMP)" },
];

export async function render(root: HTMLElement, params: URLSearchParams): Promise<void> {
  root.append(
    h("h1", {}, "Issue forecast"),
    h("p", { class: "lead" }, "Bargaining models on one issue: the weighted median of positions round by round, with the Monte Carlo band when samples > 0. The spatial model (SMP) is slow under Monte Carlo: use few samples, or none."),
  );
  const form = h("div", { class: "controls" });
  const stancesBox = h("div");
  const result = h("div", { id: "forecast-result" });
  const picker = await scenarioPicker((s) => s.issues > 0, "nsg_2008", params, (id) => guard(result, () => loadScenario(id)));
  root.append(form, result, h("h2", {}, "Stances (edit a salience and run again)"), stancesBox);

  let issues: IssueInfo[] = [];
  let issueId = "";
  let model = params.get("model") ?? "bdm";
  let scenarioId = picker.selected;
  const samples = h("input", { id: "samples", type: "number", min: 0, max: 20000, step: 50, value: params.get("samples") ?? "100" });
  const seed = h("input", { id: "seed", type: "number", min: 0, step: 1, value: params.get("seed") ?? "1" });
  const run = h("button", { id: "run", type: "button", onclick: () => void runForecast() }, "Run forecast");
  const salience = new Map<string, HTMLInputElement>();

  async function loadScenario(id: string): Promise<void> {
    scenarioId = id;
    run.disabled = true;
    result.replaceChildren(h("p", { class: "muted" }, "Choose an issue and run the forecast."));
    const s = await scenario(id);
    issues = s.issues;
    const asked = params.get("issue");
    issueId = issues.find((i) => i.id === asked)?.id ?? issues[0].id;
    drawForm();
    run.disabled = false;
  }

  function drawForm(): void {
    form.replaceChildren(
      picker.element,
      select("issue", "Issue", issues.map((i) => ({ value: i.id, label: i.name || i.id })), issueId, (v) => {
        issueId = v;
        drawForm();
      }),
      select("model", "Model", MODELS, model, (v) => (model = v)),
      h("label", { class: "field", for: "samples" }, h("span", {}, "Monte Carlo samples"), samples),
      h("label", { class: "field", for: "seed" }, h("span", {}, "Seed"), seed),
      run,
    );
    const issue = issues.find((i) => i.id === issueId)!;
    salience.clear();
    const rows = issue.stances.map((st) => {
      const input = h("input", {
        type: "number",
        min: 0,
        max: 1,
        step: 0.05,
        value: String(st.salience),
        "data-actor": st.actor,
        "aria-label": `salience of ${st.actor}`,
      });
      salience.set(st.actor, input);
      return [st.actor, fixed(st.position, 1), fixed(st.capability, 3), input];
    });
    stancesBox.replaceChildren(
      h("p", { class: "muted" }, issue.description),
      h("div", { class: "scroll" }, table(["actor", "position", "capability", "salience"], rows, { id: "stances-table" })),
    );
  }

  // Only saliences that differ from the scenario's are sent, so an untouched form asks
  // for exactly what `statecraft forecast` computes.
  function changedSaliences(): Record<string, number> | undefined {
    const issue = issues.find((i) => i.id === issueId)!;
    const out: Record<string, number> = {};
    for (const st of issue.stances) {
      const value = Number(salience.get(st.actor)?.value);
      if (Number.isFinite(value) && value !== st.salience) out[st.actor] = value;
    }
    return Object.keys(out).length ? out : undefined;
  }

  async function runForecast(): Promise<void> {
    run.disabled = true;
    await withLoading(result, "the forecast", async () => {
      const answer = await api.forecast({
        scenario: scenarioId,
        issue: issueId,
        model,
        samples: Number(samples.value),
        seed: Number(seed.value),
        salience: changedSaliences(),
      });
      show(answer);
    });
    run.disabled = false;
  }

  function show(r: ForecastResult): void {
    const length = Math.max(...r.models.map((m) => Math.max(m.rounds.length, m.band?.low.length ?? 0)));
    const pad = (xs: number[]): number[] => xs.concat(Array(Math.max(0, length - xs.length)).fill(xs[xs.length - 1]));
    const rows = r.models.map((m) => [
      m.model,
      h("span", { class: "forecast", "data-model": m.model, "data-value": String(m.forecast) }, fixed(m.forecast, 2)),
      m.interval ? `${fixed(m.interval[0], 2)} – ${fixed(m.interval[1], 2)}` : "–",
      m.mean_forecast !== undefined ? h("span", { class: "mean-forecast", "data-model": m.model, "data-value": String(m.mean_forecast) }, fixed(m.mean_forecast, 2)) : "–",
      m.rounds.length - 1,
      m.stopped,
    ]);
    result.replaceChildren(
      table(["model", "forecast", "Monte Carlo interval", "mean forecast", "rounds", "stopped"], rows, { id: "forecast-table" }),
    );
    lineChart(result, {
      title: `${r.issue}: weighted median position by round`,
      x: Array.from({ length }, (_, i) => i),
      xLabel: "round",
      yLabel: "position",
      yRange: [r.scale_min, r.scale_max],
      series: r.models.map((m) => ({
        label: m.model,
        y: pad(m.rounds.map((x) => x.median)),
        band: m.band ? { low: pad(m.band.low), high: pad(m.band.high) } : undefined,
      })),
    });
  }

  await loadScenario(scenarioId);
  await runForecast();
}
