#include "strategy/compare.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "core/error.h"

namespace statecraft::strategy {

namespace {

constexpr double kEps = 1e-12;

// Something a strategy can buy: an action, acting on the listed motions (one for a
// one-off action, every motion it can touch for a lasting one).
struct Item {
  std::size_t action = 0;
  std::vector<std::size_t> motions;
  double cost = 0.0;
};

struct State {
  std::vector<char> in;                        // per item
  std::vector<std::vector<std::size_t>> acts;  // per motion: action indices, ascending
  std::vector<double> p;                       // per motion
  double cost = 0.0;
  double value = 0.0;
};

// Each motion's pass probability by the set of actions acting on it. The searches of
// every strategy and budget ask for the same sets again and again (a one-off item's
// gain on its motion is unchanged until that motion's plan changes), so they are kept.
class Memo {
 public:
  explicit Memo(const std::vector<std::unique_ptr<PlanEvaluator>>& evals)
      : evals_(evals), cache_(evals.size()) {}
  double operator()(std::size_t m, const std::vector<std::size_t>& acts) {
    auto [it, inserted] = cache_[m].try_emplace(acts, 0.0);
    if (inserted) it->second = evals_[m]->pass_probability(acts);
    return it->second;
  }

 private:
  const std::vector<std::unique_ptr<PlanEvaluator>>& evals_;
  std::vector<std::map<std::vector<std::size_t>, double>> cache_;
};

// The objective and its moves. Each motion's probability is kept, so a move re-evaluates
// only the motions its item acts on.
class Search {
 public:
  Search(const std::vector<std::unique_ptr<PlanEvaluator>>& evals, Memo& memo,
         const std::vector<double>& weights, const std::vector<Item>& items, double budget, int rounds)
      : evals_(evals), memo_(memo), weights_(weights), items_(items), budget_(budget), rounds_(rounds) {
    empty_.in.assign(items_.size(), 0);
    empty_.acts.resize(evals_.size());
    for (std::size_t m = 0; m < evals_.size(); ++m) {
      empty_.p.push_back(memo_(m, {}));
      empty_.value += weights_[m] * empty_.p.back();
    }
  }

  [[nodiscard]] State empty() const { return empty_; }

  [[nodiscard]] bool affordable(const State& s, std::size_t i) const {
    return s.cost + items_[i].cost <= budget_ + 1e-9;
  }

  // Change in the objective if item i were added (remove = false) or removed.
  double gain(const State& s, std::size_t i, bool remove) const {
    double g = 0.0;
    for (std::size_t m : items_[i].motions) {
      std::vector<std::size_t> acts = with(s.acts[m], items_[i].action, remove);
      g += weights_[m] * (memo_(m, acts) - s.p[m]);
    }
    return g;
  }

  void toggle(State& s, std::size_t i) const {
    const bool remove = s.in[i] != 0;
    s.in[i] = remove ? 0 : 1;
    s.cost += remove ? -items_[i].cost : items_[i].cost;
    for (std::size_t m : items_[i].motions) {
      s.acts[m] = with(s.acts[m], items_[i].action, remove);
      s.value -= weights_[m] * s.p[m];
      s.p[m] = memo_(m, s.acts[m]);
      s.value += weights_[m] * s.p[m];
    }
  }

  // Adds, one at a time, the affordable item with the best gain per unit cost (by_ratio)
  // or the best gain, while some item gains.
  void greedy(State& s, bool by_ratio) const {
    for (;;) {
      double best = 0.0;
      std::size_t pick = items_.size();
      for (std::size_t i = 0; i < items_.size(); ++i) {
        if (s.in[i] || !affordable(s, i)) continue;
        const double g = gain(s, i, false);
        if (g <= kEps) continue;
        const double score = by_ratio ? g / std::max(items_[i].cost, 1e-9) : g;
        if (score > best) {
          best = score;
          pick = i;
        }
      }
      if (pick == items_.size()) return;
      toggle(s, pick);
    }
  }

  // Drops items that cost without gaining, then swaps one item in the plan for one out
  // of it while that raises the objective (pairs ranked by their separate gains, the
  // best few verified exactly), refilling freed budget greedily.
  void improve(State& s) const {
    for (int round = 0; round < rounds_; ++round) {
      bool moved = false;
      std::vector<std::size_t> plan;
      for (std::size_t i = 0; i < items_.size(); ++i) {
        if (s.in[i]) plan.push_back(i);
      }
      std::stable_sort(plan.begin(), plan.end(),
                       [&](std::size_t a, std::size_t b) { return items_[a].cost > items_[b].cost; });
      for (std::size_t i : plan) {
        if (items_[i].cost > 0.0 && gain(s, i, true) >= -kEps) {
          toggle(s, i);
          moved = true;
        }
      }
      if (moved) continue;
      std::vector<double> removal(items_.size(), 0.0);
      std::vector<double> addition(items_.size(), 0.0);
      for (std::size_t i = 0; i < items_.size(); ++i) {
        if (s.in[i])
          removal[i] = gain(s, i, true);
        else if (items_[i].cost <= budget_ + 1e-9)
          addition[i] = gain(s, i, false);
      }
      struct Pair {
        double estimate;
        std::size_t out;
        std::size_t in;
      };
      std::vector<Pair> pairs;
      for (std::size_t a = 0; a < items_.size(); ++a) {
        if (!s.in[a]) continue;
        for (std::size_t b = 0; b < items_.size(); ++b) {
          if (s.in[b] || addition[b] <= kEps) continue;
          if (s.cost - items_[a].cost + items_[b].cost > budget_ + 1e-9) continue;
          const double estimate = removal[a] + addition[b];
          if (estimate > 1e-9) pairs.push_back({estimate, a, b});
        }
      }
      std::stable_sort(pairs.begin(), pairs.end(),
                       [](const Pair& x, const Pair& y) { return x.estimate > y.estimate; });
      const double before = s.value;
      for (std::size_t k = 0; k < std::min<std::size_t>(pairs.size(), 8); ++k) {
        State trial = s;
        toggle(trial, pairs[k].out);
        toggle(trial, pairs[k].in);
        greedy(trial, true);
        if (trial.value > before + 1e-9) {
          s = std::move(trial);
          moved = true;
          break;
        }
      }
      if (!moved) return;
    }
  }

  State enumerate() const {
    State best = empty();
    const std::size_t n = items_.size();
    for (std::size_t mask = 1; mask < (std::size_t{1} << n); ++mask) {
      double cost = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        if ((mask >> i) & 1U) cost += items_[i].cost;
      }
      if (cost > budget_ + 1e-9) continue;
      State s = empty();
      for (std::size_t i = 0; i < n; ++i) {
        if ((mask >> i) & 1U) toggle(s, i);
      }
      if (better(s, best)) best = std::move(s);
    }
    return best;
  }

  static bool better(const State& a, const State& b) {
    if (a.value > b.value + kEps) return true;
    return std::abs(a.value - b.value) <= kEps && a.cost < b.cost - 1e-9;
  }

 private:
  static std::vector<std::size_t> with(const std::vector<std::size_t>& acts, std::size_t action,
                                       bool remove) {
    std::vector<std::size_t> out;
    out.reserve(acts.size() + 1);
    for (std::size_t a : acts) {
      if (a != action) out.push_back(a);
    }
    if (!remove) out.insert(std::lower_bound(out.begin(), out.end(), action), action);
    return out;
  }

  const std::vector<std::unique_ptr<PlanEvaluator>>& evals_;
  Memo& memo_;
  const std::vector<double>& weights_;
  State empty_;
  const std::vector<Item>& items_;
  double budget_;
  int rounds_;
};

bool selects(const HorizonStrategy& strategy, const Action& action) {
  if (strategy.kinds.empty() && strategy.actions.empty()) return true;
  return std::find(strategy.kinds.begin(), strategy.kinds.end(), action.kind) != strategy.kinds.end() ||
         std::find(strategy.actions.begin(), strategy.actions.end(), action.id) != strategy.actions.end();
}

}  // namespace

ComparisonResult compare_strategies(std::span<const HorizonWorld> worlds, std::span<const Action> menu,
                                    const Horizon& horizon, const StrategyParams& params) {
  if (horizon.budgets.empty()) throw PreconditionError("the horizon has no budgets");
  for (double b : horizon.budgets) {
    if (!(b >= 0.0) || !std::isfinite(b)) throw PreconditionError("horizon budgets must be finite and >= 0");
  }
  const std::vector<HorizonStrategy> strategies =
      horizon.strategies.empty() ? default_horizon_strategies() : horizon.strategies;

  // Each motion's world with the horizon's sponsors added, and its evaluator.
  std::vector<Scenario> prepared;
  prepared.reserve(worlds.size());
  std::vector<double> weights;
  ComparisonResult out;
  for (const HorizonWorld& w : worlds) {
    Scenario s = w.world;
    Motion* motion = nullptr;
    for (auto& m : s.motions) {
      if (m.id == w.motion) motion = &m;
    }
    if (motion == nullptr) throw PreconditionError("unknown motion " + w.motion);
    for (const auto& sponsor : w.extra_sponsors) {
      if (s.find_actor(sponsor) == nullptr)
        throw PreconditionError("sponsor " + sponsor + " is not an actor");
      if (std::find(motion->opponents.begin(), motion->opponents.end(), sponsor) != motion->opponents.end()) {
        throw PreconditionError(sponsor + " opposes motion " + w.motion + " and cannot sponsor it");
      }
      if (std::find(motion->sponsors.begin(), motion->sponsors.end(), sponsor) == motion->sponsors.end()) {
        motion->sponsors.push_back(sponsor);
      }
    }
    prepared.push_back(std::move(s));
    weights.push_back(w.weight);
    out.motions.push_back(w.motion);
    out.forums.push_back(w.forum);
  }
  std::vector<std::unique_ptr<PlanEvaluator>> evals;
  for (std::size_t m = 0; m < worlds.size(); ++m) {
    evals.push_back(std::make_unique<PlanEvaluator>(prepared[m], menu, worlds[m].forum, worlds[m].motion));
    out.p_before.push_back(evals.back()->exact_pass_probability({}));
  }
  Memo memo(evals);
  out.budgets = horizon.budgets;
  std::sort(out.budgets.begin(), out.budgets.end());

  for (const HorizonStrategy& strategy : strategies) {
    out.strategies.push_back(strategy.id);
    std::vector<Item> items;
    for (std::size_t k = 0; k < menu.size(); ++k) {
      const Action& a = menu[k];
      if (!horizon.actor.empty() && a.actor != horizon.actor) continue;
      if (!selects(strategy, a)) continue;
      const bool one_off = strategy.per_motion || a.kind == ActionKind::lobbying;
      std::vector<std::size_t> touched;
      for (std::size_t m = 0; m < evals.size(); ++m) {
        if (evals[m]->touches(k)) touched.push_back(m);
      }
      if (one_off) {
        for (std::size_t m : touched) items.push_back({k, {m}, a.cost});
      } else if (!touched.empty()) {
        items.push_back({k, touched, a.cost});
      }
    }
    std::vector<char> previous;  // the best plan at the last budget: still affordable here
    for (double budget : out.budgets) {
      const Search search(evals, memo, weights, items, budget, params.local_search_rounds);
      State best;
      std::string method;
      std::size_t affordable = 0;
      for (const Item& item : items) affordable += item.cost <= budget + 1e-9 ? 1 : 0;
      if (static_cast<int>(affordable) <= params.exact_max_actions) {
        // Items above the budget are never in a plan; enumerate the rest.
        std::vector<Item> cheap;
        std::vector<std::size_t> index;
        for (std::size_t i = 0; i < items.size(); ++i) {
          if (items[i].cost <= budget + 1e-9) {
            cheap.push_back(items[i]);
            index.push_back(i);
          }
        }
        const Search exact(evals, memo, weights, cheap, budget, params.local_search_rounds);
        const State found = exact.enumerate();
        best = search.empty();
        for (std::size_t i = 0; i < cheap.size(); ++i) {
          if (found.in[i]) search.toggle(best, index[i]);
        }
        method = "enumeration";
      } else {
        method = "greedy+swap";
        std::vector<State> starts;
        for (bool by_ratio : {true, false}) {
          State s = search.empty();
          search.greedy(s, by_ratio);
          starts.push_back(std::move(s));
        }
        if (!previous.empty()) {
          State s = search.empty();
          for (std::size_t i = 0; i < items.size(); ++i) {
            if (previous[i]) search.toggle(s, i);
          }
          search.greedy(s, true);
          starts.push_back(std::move(s));
        }
        best = starts.front();
        for (State& s : starts) {
          search.improve(s);
          if (Search::better(s, best)) best = s;
        }
      }
      previous = best.in;

      StrategyPoint point;
      point.strategy = strategy.id;
      point.budget = budget;
      point.cost = best.cost;
      point.method = method;
      point.motions.resize(evals.size());
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (!best.in[i]) continue;
        const Item& item = items[i];
        if (item.motions.size() == 1 &&
            (strategy.per_motion || menu[item.action].kind == ActionKind::lobbying)) {
          point.motions[item.motions.front()].cost += item.cost;
        } else {
          point.lasting.push_back(menu[item.action].id);
        }
      }
      for (std::size_t m = 0; m < evals.size(); ++m) {
        MotionOutcome& o = point.motions[m];
        o.p_pass = evals[m]->exact_pass_probability(best.acts[m]);  // the forum engine's figure
        for (std::size_t k : best.acts[m]) o.actions.push_back(menu[k].id);
        point.expected_passes += weights[m] * o.p_pass;
      }
      out.points.push_back(std::move(point));
    }
  }
  return out;
}

}  // namespace statecraft::strategy
