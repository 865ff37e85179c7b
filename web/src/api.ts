// A small typed client of the JSON API of `statecraft serve` (src/server/server.cpp).
// Every call either resolves with the parsed body or rejects with an ApiError that
// carries the server's one-line message and, for a 400, the offending field.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly field: string = "",
  ) {
    super(message);
    this.name = "ApiError";
  }
}

// The bearer token, when the server requires one (`statecraft serve --token`): taken
// from ?token=... on the page's address, kept for the session.
function token(): string {
  const fromUrl = new URLSearchParams(window.location.search).get("token");
  if (fromUrl) sessionStorage.setItem("statecraft-token", fromUrl);
  return sessionStorage.getItem("statecraft-token") ?? "";
}

async function request<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(`cannot reach the server (${(e as Error).message})`, 0);
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(`${path}: the server's answer is not JSON (HTTP ${response.status})`, response.status);
  }
  if (!response.ok) {
    const err = (parsed ?? {}) as { error?: string; field?: string };
    throw new ApiError(err.error ?? `HTTP ${response.status}`, response.status, err.field ?? "");
  }
  return parsed as T;
}

// ---- Scenarios ----

export interface ScenarioSummary {
  id: string;
  name: string;
  path: string;
  actors: number;
  forums: number;
  issues: number;
  motions: number;
  actions: number;
  network: boolean;
  horizon?: boolean;
}

export interface Actor {
  id: string;
  name: string;
  kind: string;
  overall: number | null;
}
export interface Relation {
  from: string;
  to: string;
  dimensions: Record<string, number>;
}
export interface ForumInfo {
  id: string;
  name: string;
  members: string[];
  rule: string;
  gates: string[];
  blocs: number;
}
export interface Stance {
  actor: string;
  position: number;
  salience: number;
  capability: number;
}
export interface IssueInfo {
  id: string;
  name: string;
  description: string;
  scale_min: number;
  scale_max: number;
  outcome: number | null;
  stances: Stance[];
}
export interface MotionInfo {
  id: string;
  forum: string;
  issue: string;
  description: string;
  date: string;
  outcome: string;
}
export interface ActionInfo {
  id: string;
  kind: string;
  actor: string;
  target: string;
  cost: number;
}
export interface NetworkNode {
  id: string;
  name: string;
  country: string;
  kind: string;
}
export interface NetworkEdge {
  id: string;
  from: string;
  to: string;
  country: string;
  mode: string;
  open: boolean;
}
export interface ScenarioInfo {
  id: string;
  name: string;
  description: string;
  path: string;
  date: string;
  actors: Actor[];
  relations: Relation[];
  forums: ForumInfo[];
  issues: IssueInfo[];
  motions: MotionInfo[];
  actions: ActionInfo[];
  actions_total_cost: number;
  network: { nodes: NetworkNode[]; edges: NetworkEdge[] } | null;
  horizon?: { budgets: number[]; motions: { forum: string; motion: string; scenario: string }[] } | null;
}

// ---- Engine results ----

export interface ForecastRound {
  round: number;
  median: number;
  mean: number;
  positions: Record<string, number>;
}
export interface ModelForecast {
  model: string;
  rounds: ForecastRound[];
  forecast: number;
  converged: boolean;
  stopped: string;
  interval?: [number, number];
  interval_mass?: number;
  samples?: number;
  seed?: number;
  mean_forecast?: number;
  band?: { low: number[]; high: number[] };
}
export interface ForecastResult {
  issue: string;
  scale_min: number;
  scale_max: number;
  models: ModelForecast[];
}
export interface ForecastRequest {
  scenario: string;
  issue: string;
  model?: string;
  samples?: number;
  seed?: number;
  rounds?: number;
  noise?: number;
  salience?: Record<string, number>;
}

export interface VoteMember {
  id: string;
  p_yes: number;
  p_no: number;
  p_abstain: number;
  p_absent: number;
  pivotal: number;
  p_pass_if_yes: number;
  p_pass_if_no: number;
  utility: number;
}
export interface VoteResult {
  forum: string;
  motion: string;
  rule: string;
  at?: string;
  p_pass: number;
  p_gates: number;
  expected_yes: number;
  exact: boolean;
  members: VoteMember[];
  stages: { id: string; description: string; p_pass: number }[];
  monte_carlo?: { p_pass: number; samples: number };
}

export interface PowerResult {
  members: string[];
  weights: number[];
  quota: number;
  banzhaf: number[];
  shapley: number[];
  method: string;
}

export interface OptimizeResult {
  forum: string;
  motion: string;
  budget: number;
  cost: number;
  target: number;
  p_before: number;
  p_after: number;
  meets_target: boolean;
  method: string;
  plan: { action: string; cost: number; marginal: number }[];
}

export interface ComparisonPoint {
  budget: number;
  strategy: string;
  cost: number;
  expected_passes: number;
  lasting: string[];
  motions: { motion: string; p_pass: number; actions: string[]; one_off_cost: number }[];
}
export interface ComparisonResult {
  budgets: number[];
  strategies: string[];
  motions: { motion: string; forum: string; p_before: number }[];
  points: ComparisonPoint[];
}

export interface CorridorEdgeFlow {
  id: string;
  flow: number;
  capacity: number;
  cost_per_unit: number;
  open: boolean;
  risk: number;
}
export interface CorridorResult {
  total_cost: number;
  delivered: number;
  unmet: number;
  edges: CorridorEdgeFlow[];
  hub_share: Record<string, number>;
  demands: { id: string; volume: number; delivered: number; unmet: number; countries_crossed: string[] }[];
  shock_cost?: Record<string, number>;
  base?: { total_cost: number; unmet: number; hub_share: Record<string, number> };
}

export interface RunSummary {
  id: number;
  verb: string;
  scenario: string;
  scenario_hash: string;
  seed: number;
  version: string;
  created_at: string;
  duration_ms: number;
}
export interface RunDetail extends RunSummary {
  parameters: unknown;
  result: unknown;
}
export interface RunDiff {
  a: number;
  b: number;
  differences: { field: string; a: string; b: string }[];
}

export const api = {
  health: () => request<{ status: string; version: string; scenarios: number; runs: boolean }>("GET", "/api/health"),
  scenarios: () => request<ScenarioSummary[]>("GET", "/api/scenarios"),
  scenario: (id: string) => request<ScenarioInfo>("GET", `/api/scenarios/${encodeURIComponent(id)}`),
  forecast: (body: ForecastRequest) => request<ForecastResult>("POST", "/api/forecast", body),
  vote: (body: { scenario: string; motion: string; forum?: string; samples?: number; seed?: number }) =>
    request<VoteResult>("POST", "/api/vote", body),
  power: (body: { scenario: string; forum: string; at?: string }) => request<PowerResult>("POST", "/api/power", body),
  optimize: (body: { scenario: string; motion: string; budget: number; target?: number }) =>
    request<OptimizeResult>("POST", "/api/optimize", body),
  compare: (body: { scenario: string; budgets?: number[] }) => request<ComparisonResult>("POST", "/api/compare", body),
  corridor: (body: { scenario: string; close?: string[] }) => request<CorridorResult>("POST", "/api/corridor", body),
  runs: (limit = 50) => request<RunSummary[]>("GET", `/api/runs?limit=${limit}`),
  run: (id: number) => request<RunDetail>("GET", `/api/runs/${id}`),
  diff: (a: number, b: number) => request<RunDiff>("GET", `/api/runs/${a}/diff/${b}`),
};
