// Reading a sweep specification: every key checked (did-you-mean on typos), every field
// path resolved against the scenario, every number checked against its range, each
// error at the node that causes it.
#include <cmath>
#include <filesystem>
#include <limits>

#include "api/sweep.h"
#include "core/error.h"
#include "io/node_reader.h"
#include "io/raw_node.h"

namespace statecraft::api {

namespace {

using io::MapReader;
using io::RawNode;

[[noreturn]] void fail(const RawNode& node, const std::string& message) {
  throw InputError(node.location, message);
}

std::uint64_t whole_number(const RawNode& node, std::string_view what, double min, double max) {
  const double value = io::as_number(node, what);
  if (value != std::floor(value) || value < min || value > max)
    fail(node, std::string(what) + " must be a whole number in [" + io::format_number(min) + ", " +
                   io::format_number(max) + "], found " + node.scalar);
  return static_cast<std::uint64_t>(value);
}

sim::FieldRef field_at(const RawNode& node, const Scenario& scenario) {
  const std::string path = io::as_string(node, "field");
  sim::Resolution r = sim::resolve_field(scenario, path);
  if (!r.field) fail(node, "field " + path + ": " + r.error);
  return *r.field;
}

double required_number(const MapReader& map, std::string_view key) {
  return io::as_number(map.required(key), key);
}

sim::Distribution distribution(const MapReader& map) {
  sim::Distribution d;
  const RawNode& kind_node = map.required("distribution");
  const std::string kind = io::as_string(kind_node, "distribution");
  auto positive = [&](std::string_view key) {
    const double v = required_number(map, key);
    if (!(v > 0.0))
      fail(io::value_node(map.required(key)),
           std::string(key) + " must be positive, found " + io::format_number(v));
    return v;
  };
  auto bounds = [&](bool required, double lo, double hi) {
    d.min = required ? required_number(map, "min") : map.number("min").value_or(lo);
    d.max = required ? required_number(map, "max") : map.number("max").value_or(hi);
    if (!(d.min < d.max))
      fail(map.optional("max") ? *map.optional("max") : map.node(),
           "max " + io::format_number(d.max) + " must be above min " + io::format_number(d.min));
  };
  if (kind == "uniform") {
    d.kind = sim::DistributionKind::uniform;
    bounds(true, 0, 0);
  } else if (kind == "normal") {
    d.kind = sim::DistributionKind::normal;
    d.mean = required_number(map, "mean");
    d.sd = positive("sd");
  } else if (kind == "truncated_normal") {
    d.kind = sim::DistributionKind::truncated_normal;
    d.mean = required_number(map, "mean");
    d.sd = positive("sd");
    bounds(true, 0, 0);
  } else if (kind == "beta") {
    d.kind = sim::DistributionKind::beta;
    d.alpha = positive("alpha");
    d.beta = positive("beta");
    bounds(false, 0.0, 1.0);
  } else if (kind == "lognormal") {
    d.kind = sim::DistributionKind::lognormal;
    d.mu = required_number(map, "mu");
    d.sigma = positive("sigma");
  } else {
    fail(kind_node,
         "unknown distribution '" + kind + "' (uniform, normal, truncated_normal, beta, lognormal)");
  }
  // Keys that belong to another distribution are a mistake worth naming.
  static const std::map<std::string, std::vector<std::string_view>> keys{
      {"uniform", {"min", "max"}},
      {"normal", {"mean", "sd"}},
      {"truncated_normal", {"mean", "sd", "min", "max"}},
      {"beta", {"alpha", "beta", "min", "max"}},
      {"lognormal", {"mu", "sigma"}}};
  std::vector<std::string_view> allowed{"field", "distribution", "note"};
  for (auto key : keys.at(kind)) allowed.push_back(key);
  (void)MapReader(map.node(), "a " + kind + " draw", allowed);
  return d;
}

std::vector<std::string> ids(const RawNode& node, std::string_view what,
                             const std::vector<std::string>& known, const std::string& kind) {
  std::vector<std::string> out = io::as_string_list(node, what);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (std::find(known.begin(), known.end(), out[i]) == known.end())
      fail(node.items.size() > i ? node.items[i] : node, "no " + kind + " '" + out[i] + "' in the scenario");
  }
  return out;
}

template <class T>
std::vector<std::string> ids_of(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) out.push_back(item.id);
  return out;
}

// `engine: true`, `engine: false` or `engine: {options}`; returns the map or nullptr.
const RawNode* engine_switch(const MapReader& engines, std::string_view key, bool& on) {
  const RawNode* node = engines.optional(key);
  if (node == nullptr) return nullptr;
  if (node->is_map()) {
    on = true;
    return node;
  }
  on = io::as_bool(*node, key);
  return nullptr;
}

sim::EngineSelection engines(const RawNode* node, const Scenario& scenario) {
  sim::EngineSelection e;
  if (node == nullptr) {
    // Every engine the scenario has material for.
    e.forecast = !scenario.issues.empty();
    e.vote = !scenario.motions.empty();
    e.power = !scenario.forums.empty();
    e.corridor = !scenario.network.empty();
    return e;
  }
  const MapReader map(*node, "engines", {"forecast", "vote", "power", "corridor"});
  if (const RawNode* f = engine_switch(map, "forecast", e.forecast)) {
    const MapReader options(*f, "engines.forecast", {"models", "issues"});
    if (const RawNode* models = options.optional("models")) {
      e.models.clear();
      const std::vector<std::string> names = io::as_string_list(*models, "models");
      for (std::size_t i = 0; i < names.size(); ++i) {
        auto model = bargain::parse_model(names[i]);
        if (!model) fail(models->items[i], "unknown model '" + names[i] + "' (achen, median, bdm, smp)");
        e.models.push_back(*model);
      }
      if (e.models.empty()) fail(*models, "models must name at least one model");
    }
    if (const RawNode* issues = options.optional("issues"))
      e.issues = ids(*issues, "issues", ids_of(scenario.issues), "issue");
  }
  if (const RawNode* v = engine_switch(map, "vote", e.vote)) {
    const MapReader options(*v, "engines.vote", {"motions"});
    if (const RawNode* motions = options.optional("motions"))
      e.motions = ids(*motions, "motions", ids_of(scenario.motions), "motion");
  }
  if (const RawNode* p = engine_switch(map, "power", e.power)) {
    const MapReader options(*p, "engines.power", {"forums"});
    if (const RawNode* forums = options.optional("forums"))
      e.forums = ids(*forums, "forums", ids_of(scenario.forums), "forum");
  }
  engine_switch(map, "corridor", e.corridor);
  if (e.corridor && scenario.network.empty())
    fail(*map.optional("corridor"), "the scenario has no corridor network");
  return e;
}

}  // namespace

sim::SweepSpec load_sweep_spec(const std::string& path, const Scenario& scenario) {
  const RawNode root = io::parse_yaml_file(path, SourceLocation{});
  if (!root.is_map()) fail(root, "a sweep specification must be a map (seed, samples, grid, draws, engines)");
  const MapReader top(root, "sweep specification",
                      {"name", "description", "seed", "samples", "replications", "stance_uncertainty", "grid",
                       "draws", "engines", "note"});
  sim::SweepSpec spec;
  if (const RawNode* n = top.optional("seed"))
    spec.seed = whole_number(*n, "seed", 0, 9007199254740992.0);  // 2^53: exact in YAML's doubles
  if (const RawNode* n = top.optional("samples")) spec.samples = whole_number(*n, "samples", 1, 1e8);
  if (const RawNode* n = top.optional("replications"))
    spec.replications = whole_number(*n, "replications", 1, 1e6);
  spec.stance_uncertainty = top.boolean("stance_uncertainty").value_or(false);

  if (const RawNode* grid = top.optional("grid")) {
    if (!grid->is_sequence()) fail(*grid, "grid must be a list of {field, values}");
    for (const RawNode& item : grid->items) {
      const MapReader axis(item, "a grid axis", {"field", "values", "note"});
      const sim::FieldRef field = field_at(axis.required("field"), scenario);
      const RawNode& values = axis.required("values");
      if (!values.is_sequence() || values.items.empty())
        fail(values, "values must be a non-empty list of numbers");
      sim::GridAxis a{field.path, {}};
      for (const RawNode& v : values.items) {
        const double x = io::as_number(v, "value");
        io::check_range(x, field.min, field.max, v, field.path);
        a.values.push_back(x);
      }
      spec.grid.push_back(std::move(a));
    }
  }
  if (const RawNode* draws = top.optional("draws")) {
    if (!draws->is_sequence()) fail(*draws, "draws must be a list of {field, distribution, ...}");
    for (const RawNode& item : draws->items) {
      const MapReader draw(
          item, "a draw",
          {"field", "distribution", "min", "max", "mean", "sd", "alpha", "beta", "mu", "sigma", "note"});
      const sim::FieldRef field = field_at(draw.required("field"), scenario);
      spec.draws.push_back({field.path, distribution(draw)});
    }
  }
  spec.engines = engines(top.optional("engines"), scenario);
  const auto& e = spec.engines;
  if (!e.forecast && !e.vote && !e.power && !e.corridor)
    fail(top.optional("engines") ? *top.optional("engines") : root,
         "no engine to run: the scenario has no issues, motions, forums or network (or engines turns them "
         "all off)");
  return spec;
}

}  // namespace statecraft::api
