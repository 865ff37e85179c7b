// Forum: a motion's vote map, pass probability stage by stage, pivotal members, and
// the voting power of the forum's members.

import { api, MotionInfo, PowerResult, VoteResult } from "../api";
import { barChart } from "../charts";
import { scenario, scenarioPicker } from "../scenarios";
import { h, percent, select, table, withLoading, fixed, guard } from "../ui";

export const title = "Forum";

export async function render(root: HTMLElement, params: URLSearchParams): Promise<void> {
  root.append(
    h("h1", {}, "Forum vote"),
    h("p", { class: "lead" }, "Each member's ballot probabilities from the vote model, the exact probability that the motion passes, who is pivotal, and voting power under the forum's rule."),
  );
  const form = h("div", { class: "controls" });
  const result = h("div", { id: "vote-result" });
  const powerBox = h("div", { id: "power-result" });
  const picker = await scenarioPicker((s) => s.motions > 0, "nsg_2008", params, (id) => guard(result, () => loadScenario(id)));
  root.append(form, result, powerBox);

  let scenarioId = picker.selected;
  let motions: MotionInfo[] = [];
  let motionId = "";
  const samples = h("input", { id: "samples", type: "number", min: 0, max: 200000, step: 100, value: params.get("samples") ?? "0" });
  const run = h("button", { id: "run", type: "button", onclick: () => void runVote() }, "Compute vote");

  async function loadScenario(id: string): Promise<void> {
    // The scenario, its motions and the chosen motion change together, once loaded.
    run.disabled = true;
    result.replaceChildren(h("p", { class: "muted" }, "Choose a motion and compute the vote."));
    powerBox.replaceChildren();
    const loaded = (await scenario(id)).motions;
    scenarioId = id;
    motions = loaded;
    const asked = params.get("motion");
    motionId = motions.find((m) => m.id === asked)?.id ?? motions[motions.length - 1].id;
    drawForm();
    run.disabled = false;
  }

  function drawForm(): void {
    form.replaceChildren(
      picker.element,
      select(
        "motion",
        "Motion",
        motions.map((m) => ({ value: m.id, label: `${m.id} (${m.forum}${m.date ? ", " + m.date : ""})` })),
        motionId,
        (v) => (motionId = v),
      ),
      h("label", { class: "field", for: "samples" }, h("span", {}, "Monte Carlo samples (0: exact only)"), samples),
      run,
    );
  }

  async function runVote(): Promise<void> {
    run.disabled = true;
    const motion = motions.find((m) => m.id === motionId)!;
    powerBox.replaceChildren();
    const ok = await withLoading(result, "the vote", async () => {
      const vote = await api.vote({ scenario: scenarioId, motion: motionId, samples: Number(samples.value), seed: 1 });
      showVote(vote, motion);
    });
    if (ok) {
      await withLoading(powerBox, "voting power", async () => {
        showPower(await api.power({ scenario: scenarioId, forum: motion.forum, at: motion.date || undefined }));
      });
    }
    run.disabled = false;
  }

  function showVote(v: VoteResult, motion: MotionInfo): void {
    const recorded = motion.outcome ? `recorded outcome: ${motion.outcome}` : "no recorded outcome";
    const cards = h(
      "div",
      { class: "cards" },
      h("div", { class: "card" }, h("div", { class: "value", id: "p-pass", "data-value": String(v.p_pass) }, percent(v.p_pass, 1)), h("div", { class: "name" }, "pass probability (exact)")),
      h("div", { class: "card" }, h("div", { class: "value" }, percent(v.p_gates, 1)), h("div", { class: "name" }, "through the agenda gates")),
      h("div", { class: "card" }, h("div", { class: "value" }, fixed(v.expected_yes, 1)), h("div", { class: "name" }, `expected yes of ${v.members.length}`)),
      v.monte_carlo
        ? h("div", { class: "card" }, h("div", { class: "value" }, percent(v.monte_carlo.p_pass, 1)), h("div", { class: "name" }, `Monte Carlo, ${v.monte_carlo.samples} samples`))
        : null,
    );
    const byYes = [...v.members].sort((a, b) => b.p_yes - a.p_yes);
    const maxPivotal = Math.max(...v.members.map((m) => m.pivotal));
    const map = h(
      "div",
      { class: "votemap", id: "vote-map" },
      ...byYes.map((m) =>
        h(
          "div",
          {
            class: `seat${maxPivotal > 0 && m.pivotal >= 0.5 * maxPivotal ? " pivotal" : ""}`,
            style: `background:${seatColour(m.p_yes, m.p_no)}`,
            title: `${m.id}: yes ${percent(m.p_yes)}, no ${percent(m.p_no)}, abstain ${percent(m.p_abstain)}, absent ${percent(m.p_absent)}; pivotal ${fixed(m.pivotal, 3)}`,
          },
          m.id,
        ),
      ),
    );
    const pivotal = [...v.members].sort((a, b) => b.pivotal - a.pivotal).slice(0, 10);
    result.replaceChildren(
      h("p", { class: "muted" }, `${v.motion} in ${v.forum} (${v.rule})${v.at ? " on " + v.at : ""}; ${recorded}. ${motion.description}`),
      cards,
      h("h2", {}, "Vote map"),
      h("p", { class: "legend" }, "Green: likely yes; red: likely no; grey: abstain or absent. Outlined: the most pivotal members. Hover for numbers."),
      map,
      h("h2", {}, "Stages"),
      table(["stage", "pass probability"], v.stages.map((s) => [s.description || s.id, percent(s.p_pass, 2)])),
      h("h2", {}, "Pivotal members"),
      table(
        ["member", "pivotal", "P(pass | yes)", "P(pass | no)", "P(yes)"],
        pivotal.map((m) => [m.id, fixed(m.pivotal, 3), percent(m.p_pass_if_yes), percent(m.p_pass_if_no), percent(m.p_yes)]),
        { id: "pivotal-table" },
      ),
    );
  }

  function showPower(p: PowerResult): void {
    const order = p.members.map((_, i) => i).sort((a, b) => p.banzhaf[b] - p.banzhaf[a]).slice(0, 20);
    powerBox.replaceChildren(h("h2", {}, `Voting power (${p.method}, quota ${p.quota})`));
    const grid = h("div", { class: "grid2" });
    powerBox.append(grid);
    barChart(grid, "Banzhaf index (normalised), top 20", order.map((i) => ({ label: p.members[i], value: p.banzhaf[i] })));
    barChart(grid, "Shapley–Shubik index, same members", order.map((i) => ({ label: p.members[i], value: p.shapley[i], colour: "#D55E00" })));
  }

  await loadScenario(scenarioId);
  await runVote();
}

// Mixes green (yes) and red (no) by their shares; what is left (abstain, absent) greys it.
function seatColour(yes: number, no: number): string {
  const decided = yes + no;
  const share = decided > 0 ? yes / decided : 0.5;
  const grey = [150, 156, 166];
  const mix = [Math.round(213 * (1 - share) + 0 * share), Math.round(94 * (1 - share) + 158 * share), Math.round(0 * (1 - share) + 115 * share)];
  const c = mix.map((x, i) => Math.round(x * decided + grey[i] * (1 - decided)));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}
