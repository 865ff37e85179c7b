#include "strategy/threshold_milp.h"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <utility>

#include "core/error.h"

namespace statecraft::strategy {

namespace {

struct Row {
  std::vector<std::pair<int, double>> terms;  // (column, coefficient), 1-based columns
  double lower = -HUGE_VAL;
  double upper = HUGE_VAL;
};

class Model {
 public:
  Model(const Forum& forum, const ThresholdProblem& p)
      : forum_(forum),
        actions_(static_cast<int>(p.cost.size())),
        members_(static_cast<int>(forum.members.size())) {}

  [[nodiscard]] int x(std::size_t a) const { return 1 + static_cast<int>(a); }
  [[nodiscard]] int yes(std::size_t m) const { return 1 + actions_ + static_cast<int>(m); }
  [[nodiscard]] int not_no(std::size_t m) const { return 1 + actions_ + members_ + static_cast<int>(m); }
  [[nodiscard]] int columns() const { return actions_ + 2 * members_; }

  void add(Row row) { rows_.push_back(std::move(row)); }

  [[nodiscard]] std::size_t member_index(const std::string& id) const {
    auto it = std::find(forum_.members.begin(), forum_.members.end(), id);
    if (it == forum_.members.end()) throw PreconditionError(id + " is not a member of forum " + forum_.id);
    return static_cast<std::size_t>(it - forum_.members.begin());
  }

  // Σ coefficient_m · yes_m ≥ need.
  void at_least_yes(double need, const std::vector<double>& coefficient) {
    Row r;
    for (std::size_t m = 0; m < coefficient.size(); ++m) {
      if (coefficient[m] != 0.0) r.terms.emplace_back(yes(m), coefficient[m]);
    }
    r.lower = need;
    add(std::move(r));
  }

  void fix(int column) {
    Row r;
    r.terms.emplace_back(column, 1.0);
    r.lower = 1.0;
    add(std::move(r));
  }

  void rule(const DecisionRule& rule) {
    const auto n = static_cast<std::size_t>(members_);
    const double count = static_cast<double>(n);
    const std::vector<double> ones(n, 1.0);
    for (const auto& v : rule.veto_players) fix(not_no(member_index(v)));
    switch (rule.kind) {
      case RuleKind::consensus:
        for (std::size_t m = 0; m < n; ++m) fix(not_no(m));
        break;
      case RuleKind::unanimity:
        for (std::size_t m = 0; m < n; ++m) fix(yes(m));
        break;
      case RuleKind::majority: {
        if (rule.min_yes) at_least_yes(*rule.min_yes, ones);
        if (rule.base == MajorityBase::members) {
          double need = rule.strictly_more ? std::floor(rule.share * count + 1e-9) + 1.0
                                           : std::ceil(rule.share * count - 1e-9);
          at_least_yes(need, ones);
        } else {
          // yes > share (yes + no), no = Σ (1 − not_no):  Σ yes + share Σ not_no ≥ share n (+ε).
          Row r;
          for (std::size_t m = 0; m < n; ++m) {
            r.terms.emplace_back(yes(m), 1.0);
            r.terms.emplace_back(not_no(m), rule.share);
          }
          r.lower = rule.share * count + (rule.strictly_more ? 1e-6 : 0.0);
          add(std::move(r));
          at_least_yes(1.0, ones);
        }
        break;
      }
      case RuleKind::weighted: {
        std::vector<double> w(n, 0.0);
        double total = 0.0;
        for (std::size_t m = 0; m < n; ++m) {
          auto it = rule.weights.find(forum_.members[m]);
          w[m] = it == rule.weights.end() ? 0.0 : it->second;
          total += w[m];
        }
        at_least_yes(rule.quota ? *rule.quota : rule.quota_share.value_or(0.5) * total, w);
        break;
      }
      case RuleKind::double_majority: {
        at_least_yes(std::ceil(rule.state_share * count - 1e-9), ones);
        std::vector<double> pop(n, 0.0);
        double total = 0.0;
        for (std::size_t m = 0; m < n; ++m) {
          auto it = rule.population.find(forum_.members[m]);
          pop[m] = it == rule.population.end() ? 0.0 : it->second;
          total += pop[m];
        }
        at_least_yes(rule.population_share * total, pop);
        break;
      }
    }
  }

  std::optional<std::vector<std::size_t>> solve(const std::vector<double>& cost) {
    std::unique_ptr<glp_prob, void (*)(glp_prob*)> lp(glp_create_prob(), glp_delete_prob);
    glp_set_obj_dir(lp.get(), GLP_MIN);
    glp_add_cols(lp.get(), columns());
    for (int c = 1; c <= columns(); ++c) glp_set_col_kind(lp.get(), c, GLP_BV);
    for (std::size_t a = 0; a < cost.size(); ++a) glp_set_obj_coef(lp.get(), x(a), cost[a]);
    glp_add_rows(lp.get(), static_cast<int>(rows_.size()));
    std::vector<int> ia{0}, ja{0};
    std::vector<double> ar{0.0};
    for (std::size_t r = 0; r < rows_.size(); ++r) {
      const Row& row = rows_[r];
      const int i = static_cast<int>(r) + 1;
      const bool lo = std::isfinite(row.lower);
      const bool hi = std::isfinite(row.upper);
      int type = lo && hi ? (row.lower == row.upper ? GLP_FX : GLP_DB) : lo ? GLP_LO : hi ? GLP_UP : GLP_FR;
      glp_set_row_bnds(lp.get(), i, type, lo ? row.lower : 0.0, hi ? row.upper : 0.0);
      for (auto [c, v] : row.terms) {
        ia.push_back(i);
        ja.push_back(c);
        ar.push_back(v);
      }
    }
    glp_load_matrix(lp.get(), static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    parm.msg_lev = GLP_MSG_OFF;
    parm.tm_lim = 20000;  // ms; the 60-action, 47-member benchmark solves far faster
    int rc = glp_intopt(lp.get(), &parm);
    if (rc != 0) return std::nullopt;  // GLP_ENOPFS / GLP_ENODFS: no feasible plan
    int status = glp_mip_status(lp.get());
    if (status != GLP_OPT && status != GLP_FEAS) return std::nullopt;
    std::vector<std::size_t> chosen;
    for (std::size_t a = 0; a < cost.size(); ++a) {
      if (glp_mip_col_val(lp.get(), x(a)) > 0.5) chosen.push_back(a);
    }
    return chosen;
  }

 private:
  const Forum& forum_;
  int actions_;
  int members_;
  std::vector<Row> rows_;
};

}  // namespace

std::optional<std::vector<std::size_t>> solve_threshold_milp(const Forum& forum, const Motion& motion,
                                                             const ThresholdProblem& p) {
  const std::size_t n = forum.members.size();
  if (p.base_utility.size() != n || p.delta.size() != p.cost.size()) {
    throw PreconditionError("threshold MILP: sizes of utilities, deltas and costs disagree");
  }
  glp_term_out(GLP_OFF);
  Model model(forum, p);
  // Member rows: yes_m = 1 only if u_m + Σ_a δ_am x_a ≥ T_yes (big-M on the shortfall).
  for (std::size_t m = 0; m < n; ++m) {
    double worst = p.base_utility[m];
    for (const auto& d : p.delta) worst += std::min(0.0, d[m]);
    for (auto [threshold, column] :
         {std::pair{p.yes_threshold, model.yes(m)}, std::pair{p.no_threshold, model.not_no(m)}}) {
      const double big_m = std::max(0.0, threshold - worst);
      Row r;
      for (std::size_t a = 0; a < p.delta.size(); ++a) {
        if (p.delta[a][m] != 0.0) r.terms.emplace_back(model.x(a), p.delta[a][m]);
      }
      r.terms.emplace_back(column, -big_m);
      r.lower = threshold - p.base_utility[m] - big_m;
      model.add(std::move(r));
    }
    Row link;  // a yes is not a no
    link.terms = {{model.yes(m), 1.0}, {model.not_no(m), -1.0}};
    link.upper = 0.0;
    model.add(std::move(link));
  }
  Row budget;
  for (std::size_t a = 0; a < p.cost.size(); ++a) budget.terms.emplace_back(model.x(a), p.cost[a]);
  budget.upper = p.budget;
  if (!budget.terms.empty()) model.add(std::move(budget));

  for (const auto& gate : forum.gates) {
    // Every gate when the motion lists none; with a list (even `gates: []`), only those.
    const bool listed = motion.gates_listed || !motion.gates.empty();
    if (listed && std::find(motion.gates.begin(), motion.gates.end(), gate.id) == motion.gates.end())
      continue;
    if (gate.rule) {
      model.rule(*gate.rule);
    } else {
      double need = gate.min_signatures
                        ? *gate.min_signatures
                        : std::ceil(gate.signature_share.value_or(0.0) * static_cast<double>(n) - 1e-9);
      model.at_least_yes(need, std::vector<double>(n, 1.0));
    }
  }
  model.rule(forum.rule);
  return model.solve(p.cost);
}

}  // namespace statecraft::strategy
