#include "sim/sweep.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <map>
#include <set>

#include "bargain/monte_carlo.h"
#include "core/error.h"
#include "core/rng.h"
#include "corridor/routing.h"
#include "forum/pass_probability.h"
#include "forum/vote_model.h"
#include "power/exact_power.h"
#include "power/game_from_rule.h"
#include "power/monte_carlo_power.h"
#include "sim/block_runner.h"

namespace statecraft::sim {

namespace {

std::vector<std::optional<FieldRef>> resolve_all(const Scenario& scenario, const SweepSpec& spec,
                                                 bool required) {
  std::vector<std::optional<FieldRef>> fields;
  auto add = [&](const std::string& path) {
    Resolution r = resolve_field(scenario, path);
    if (!r.field && required) throw PreconditionError(path + ": " + r.error);
    fields.push_back(std::move(r.field));
  };
  for (const auto& axis : spec.grid) add(axis.field);
  for (const auto& draw : spec.draws) add(draw.field);
  return fields;
}

}  // namespace

SweepPlan::SweepPlan(Scenario scenario, SweepSpec spec) : spec_(std::move(spec)) {
  if (spec_.samples == 0 || spec_.replications == 0)
    throw PreconditionError("sweep: samples and replications must be positive");
  World base{std::move(scenario), {}};
  base.fields = resolve_all(base.scenario, spec_, true);
  for (const auto& f : base.fields) touched_ |= f->engines;
  if (spec_.stance_uncertainty) touched_ |= kForecast | kVote;
  for (const auto& axis : spec_.grid) {
    if (axis.values.empty()) throw PreconditionError("sweep: grid axis " + axis.field + " has no values");
    grid_points_ *= axis.values.size();
    inputs_.push_back(axis.field);
  }
  for (const auto& draw : spec_.draws) inputs_.push_back(draw.field);
  rows_ = grid_points_ * spec_.samples * spec_.replications;
  // At most one world per motion date: reserved, so `s` stays valid as worlds are added.
  worlds_.reserve(1 + base.scenario.motions.size());
  worlds_.push_back(std::move(base));
  const Scenario& s = worlds_[0].scenario;

  const EngineSelection& e = spec_.engines;
  if (e.forecast) {
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      const Issue& issue = s.issues[i];
      if (!e.issues.empty() && std::find(e.issues.begin(), e.issues.end(), issue.id) == e.issues.end())
        continue;
      for (bargain::Model model : e.models) {
        forecasts_.push_back({i, model});
        outputs_.push_back("forecast." + issue.id + "." + std::string(bargain::to_string(model)));
      }
    }
  }
  if (e.vote) {
    std::map<std::string, std::size_t> world_of_date;
    for (const Motion& motion : s.motions) {
      if (motion.forum.empty()) continue;
      if (!e.motions.empty() && std::find(e.motions.begin(), e.motions.end(), motion.id) == e.motions.end())
        continue;
      std::size_t world = 0;
      if (motion.date) {
        // `statecraft vote` evaluates a motion on its date: so does the sweep.
        const std::string key = motion.date->to_string();
        auto [it, added] = world_of_date.emplace(key, worlds_.size());
        if (added) {
          World dated{world_at(s, *motion.date), {}};
          dated.fields = resolve_all(dated.scenario, spec_, false);
          worlds_.push_back(std::move(dated));
        }
        world = it->second;
      }
      votes_.push_back({world, motion.forum, motion.id});
      outputs_.push_back("vote." + motion.id + ".p_pass");
    }
  }
  const Scenario& s0 = s;
  if (e.power) {
    for (std::size_t f = 0; f < s0.forums.size(); ++f) {
      const Forum& forum = s0.forums[f];
      if (!e.forums.empty() && std::find(e.forums.begin(), e.forums.end(), forum.id) == e.forums.end())
        continue;
      powers_.push_back({f, {}});
      for (const auto& member : forum.members) outputs_.push_back("power." + forum.id + "." + member);
    }
  }
  if (e.corridor && !s0.network.empty()) {
    const corridor::CorridorResult result =
        corridor::route(s0.network, corridor::RoutingParameters::from(s0.parameters));
    has_corridor_ = true;
    outputs_.push_back("corridor.delivered");
    outputs_.push_back("corridor.unmet");
    outputs_.push_back("corridor.total_cost");
    for (const auto& country : result.countries) {
      corridor_countries_.push_back(country.country);
      outputs_.push_back("corridor.hub_share." + country.country);
    }
  }
  // Outputs on the scenario as given, for the engines no field or stance draw reaches.
  baseline_.assign(outputs_.size(), 0.0);
  std::vector<double> values;
  run_engines(0, values, baseline_.data(), true);
}

void SweepPlan::field_values(std::size_t row, std::vector<double>& values) const {
  values.clear();
  const std::size_t per_point = spec_.samples * spec_.replications;
  std::size_t point = row / per_point;
  const std::size_t sample = (row % per_point) / spec_.replications;
  // Grid point index in mixed radix, last axis fastest.
  std::vector<std::size_t> digits(spec_.grid.size());
  for (std::size_t a = spec_.grid.size(); a-- > 0;) {
    digits[a] = point % spec_.grid[a].values.size();
    point /= spec_.grid[a].values.size();
  }
  const auto& base_fields = worlds_[0].fields;
  for (std::size_t a = 0; a < spec_.grid.size(); ++a) {
    const FieldRef& f = *base_fields[a];
    values.push_back(std::clamp(spec_.grid[a].values[digits[a]], f.min, f.max));
  }
  for (std::size_t d = 0; d < spec_.draws.size(); ++d) {
    Rng rng(spec_.seed, sample, kDrawStream + d);
    const FieldRef& f = *base_fields[spec_.grid.size() + d];
    values.push_back(std::clamp(sample_value(spec_.draws[d].distribution, rng), f.min, f.max));
  }
}

void SweepPlan::prepare(Scenario& world, const std::vector<std::optional<FieldRef>>& fields,
                        const std::vector<double>& values, std::size_t row) const {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (fields[i]) apply_field(world, *fields[i], values[i]);
  if (spec_.stance_uncertainty) {
    const std::size_t per_point = spec_.samples * spec_.replications;
    const std::size_t stream = row % per_point;  // sample * replications + replication
    Rng rng(spec_.seed, stream, kStanceStream);
    for (Issue& issue : world.issues) {
      const Issue declared = issue;
      bargain::perturb_into(declared, rng, 0.0, issue);
    }
  }
}

void SweepPlan::run_engines(std::size_t row, const std::vector<double>& values, double* out,
                            bool baseline) const {
  const bool all = baseline;
  auto reaches = [&](std::uint32_t bit) { return all || (touched_ & bit) != 0; };
  std::size_t column = 0;
  // The worlds this row needs, built lazily: the base world for forecast, power and
  // corridors, one per motion date for votes.
  std::vector<std::optional<Scenario>> built(worlds_.size());
  auto world = [&](std::size_t w) -> const Scenario& {
    if (baseline) return worlds_[w].scenario;
    if (!built[w]) {
      built[w] = worlds_[w].scenario;
      prepare(*built[w], worlds_[w].fields, values, row);
    }
    return *built[w];
  };

  if (!forecasts_.empty()) {
    if (reaches(kForecast)) {
      const Scenario& s = world(0);
      for (const auto& target : forecasts_)
        out[column++] = bargain::run_model(target.model, s.issues[target.issue], s.parameters).forecast;
    } else {
      for (std::size_t i = 0; i < forecasts_.size(); ++i, ++column) out[column] = baseline_[column];
    }
  }
  if (!votes_.empty()) {
    if (reaches(kVote)) {
      for (const auto& target : votes_) {
        const Scenario& s = world(target.world);
        const Forum* forum = s.find_forum(target.forum);
        const Motion* motion = s.find_motion(target.motion);
        if (forum == nullptr)
          throw PreconditionError("motion " + target.motion + ": no forum '" + target.forum + "'");
        const auto votes = forum::member_votes(s, *forum, *motion, forum::VoteParams::from(s.parameters));
        out[column++] = forum::pass_probability(*forum, *motion, votes).p_pass;
      }
    } else {
      for (std::size_t i = 0; i < votes_.size(); ++i, ++column) out[column] = baseline_[column];
    }
  }
  for (const auto& target : powers_) {
    const std::size_t members = worlds_[0].scenario.forums[target.forum].members.size();
    if (reaches(kPower)) {
      const Forum& forum = world(0).forums[target.forum];
      const power::VotingGame game = power::game_from_forum(forum);
      const power::PowerIndices indices =
          power::exact_is_feasible(game)
              ? power::exact_banzhaf(game)
              : power::monte_carlo_power(game, kPowerSamples, Rng(spec_.seed, row, kPowerStream).next_u64());
      for (std::size_t m = 0; m < members; ++m) out[column++] = indices.banzhaf[m];
    } else {
      for (std::size_t m = 0; m < members; ++m, ++column) out[column] = baseline_[column];
    }
  }
  if (has_corridor_) {
    if (reaches(kCorridor)) {
      const Scenario& s = world(0);
      const corridor::CorridorResult result =
          corridor::route(s.network, corridor::RoutingParameters::from(s.parameters));
      out[column++] = result.delivered;
      out[column++] = result.unmet;
      out[column++] = result.total_cost;
      for (const auto& country : corridor_countries_) {
        const corridor::CountryResult* c = result.find_country(country);
        out[column++] = c != nullptr ? c->hub_share : 0.0;
      }
    } else {
      for (; column < outputs_.size(); ++column) out[column] = baseline_[column];
    }
  }
}

void SweepPlan::compute_row(std::size_t row, double* out) const {
  std::vector<double> values;
  field_values(row, values);
  std::copy(values.begin(), values.end(), out);
  run_engines(row, values, out + inputs_.size(), false);
}

void SweepPlan::compute(std::size_t begin, std::size_t end, double* out) const {
  const std::size_t w = width();
  tbb::parallel_for(tbb::blocked_range<std::size_t>(begin, end, 1),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      for (std::size_t row = range.begin(); row != range.end(); ++row)
                        compute_row(row, out + (row - begin) * w);
                    });
}

std::vector<double> run_sweep(const SweepPlan& plan, int threads, const ProgressCallback& progress) {
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  std::vector<double> table;
  arena.execute([&] {
    table = run_blocks(
        plan.rows(), plan.width(),
        [&](std::size_t begin, std::size_t end, double* out) { plan.compute(begin, end, out); }, progress);
  });
  return table;
}

}  // namespace statecraft::sim
