// The scenario list and details, fetched once per page load and shared by the pages.

import { api, ScenarioInfo, ScenarioSummary } from "./api";
import { select } from "./ui";

let list: Promise<ScenarioSummary[]> | null = null;
const details = new Map<string, Promise<ScenarioInfo>>();

export function scenarios(): Promise<ScenarioSummary[]> {
  if (!list) {
    list = api.scenarios();
    list.catch(() => (list = null)); // retry on the next page
  }
  return list;
}

export function scenario(id: string): Promise<ScenarioInfo> {
  let found = details.get(id);
  if (!found) {
    found = api.scenario(id);
    details.set(id, found);
    found.catch(() => details.delete(id));
  }
  return found;
}

// A select of the scenarios that `fits`, with `preferred` chosen when present (else
// the one named in the address, else the first). Throws when none fits.
export async function scenarioPicker(
  fits: (s: ScenarioSummary) => boolean,
  preferred: string,
  params: URLSearchParams,
  onChange: (id: string) => void,
): Promise<{ element: HTMLElement; selected: string }> {
  const usable = (await scenarios()).filter(fits);
  if (usable.length === 0) throw new Error("no scenario loaded by the server applies to this page");
  const asked = params.get("scenario");
  const selected =
    usable.find((s) => s.id === asked)?.id ?? usable.find((s) => s.id === preferred)?.id ?? usable[0].id;
  const element = select(
    "scenario",
    "Scenario",
    usable.map((s) => ({ value: s.id, label: `${s.id} — ${s.name}` })),
    selected,
    onChange,
  );
  return { element, selected };
}
