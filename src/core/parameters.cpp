#include "core/parameters.h"

#include <array>

#include "core/error.h"

namespace statecraft {

namespace {
// Engines register their parameters here. Keep names dotted by engine and sorted.
constexpr auto kSpecs = std::to_array<ParameterSpec>({
    {"corridor.risk_capacity_loss", 0.8, 0, 1, "share of an edge's capacity lost at risk 1 (capacity * (1 - loss * risk)); assumed"},
    {"corridor.risk_closure", 1.0, 0, 1, "edge risk at or above which the edge carries nothing"},
    {"corridor.risk_cost_gain", 2.0, 0, 100, "cost per unit multiplies by (1 + gain * risk): insurance, escorts, delay; assumed"},
    {"corridor.unmet_value_share", 1.0, 0, 1e6, "share of a demand's value per unit it will pay to move; dearer routes leave it unmet"},
    {"games.samples", 10000, 1, 1e8, "default Monte Carlo samples over uncertain payoffs in `statecraft game`"},
    {"influence.aid_half_usd_m", 500, 1e-6, 1e9, "aid plus finance (million USD per year) from j to i at which that term reaches half its weight"},
    {"influence.aid_weight", 0.7, 0, 100, "weight of aid and finance dependence of i on j in j's pull on i"},
    {"influence.alignment_weight", 0.6, 0, 100, "weight of i's political alignment with j (negative alignment subtracts)"},
    {"influence.arms_weight", 0.8, 0, 100, "weight of the share of i's arms imports supplied by j"},
    {"influence.diaspora_half_k", 500, 1e-6, 1e9, "j's diaspora in i (thousands) at which that term reaches half its weight"},
    {"influence.diaspora_weight", 0.2, 0, 100, "weight of j's diaspora living in i"},
    {"influence.hostility_weight", 1.5, 0, 100, "how much i's hostility towards j subtracts from j's pull on i"},
    {"influence.investment_half_usd_m", 1000, 1e-6, 1e9, "investment by j in i (million USD) at which that term reaches half its weight"},
    {"influence.investment_weight", 0.5, 0, 100, "weight of investment dependence of i on j"},
    {"influence.lobbying_weight", 0.5, 0, 100, "weight of j's diplomatic effort (lobbying) on i"},
    {"influence.security_weight", 0.8, 0, 100, "weight of security cooperation between i and j (the larger direction)"},
    {"influence.trade_weight", 1.0, 0, 100, "weight of trade dependence: share of i's exports that go to j"},
    {"bdm.closest_compromise", 0, 0, 1, "1: among compromise offers an actor takes the one moving it least (text of Scholz et al. 2011); 0: the smallest EU-weighted position (their code; reproduces their Table 2)"},
    {"bdm.improvement_probability", 1.0, 0, 1, "T: probability that, unchallenged, the other actor moves closer to the challenger (matters only when Q < 1)"},
    {"bdm.pairwise_probability", 0, 0, 1, "1: probability of success divides by the |votes| on the pair (the paper's equation); 0: by the |votes| on all pairs (Scholz et al.'s code; reproduces their Table 2)"},
    {"bdm.rounds", 10, 0, 10000, "upper limit on rounds of the expected-utility model"},
    {"bdm.status_quo_probability", 1.0, 0, 1, "Q: probability that, unchallenged, the other actor keeps its position"},
    {"bdm.tolerance", 1e-6, 0, 1, "the expected-utility model stops when no actor moves more than this share of the position range"},
    {"monte_carlo.samples", 1000, 1, 1e7, "default number of Monte Carlo samples"},
    {"monte_carlo.interval", 0.8, 0.01, 0.999, "central probability mass of reported intervals"},
    {"narrative.default_position", 0.5, 0, 1, "adoption of a frame by an actor the scenario gives no position for"},
    {"narrative.default_stubbornness", 0.3, 0, 1, "Friedkin-Johnsen stubbornness (1 - susceptibility) of an actor given none"},
    {"narrative.rounds", 20, 0, 100000, "rounds of narrative trajectory reported (at least the last campaign's end)"},
    {"narrative.self_weight", 1.0, 0, 100, "weight an actor gives its own current view before each row of the influence matrix is normalised"},
    {"smp.rounds", 20, 0, 10000, "upper limit on rounds of the spatial model of politics"},
    {"smp.tolerance", 1e-6, 0, 1, "the spatial model stops when no actor moves more than this share of the scale"},
    {"smp.victory_exponent", 1, 0.1, 16, "gamma in P(a beats b) = S_a^gamma / (S_a^gamma + S_b^gamma), coalition strengths S"},
    {"strategy.exact_max_actions", 12, 0, 24, "menus with at most this many actions (within budget) are solved exactly by enumerating every subset; larger ones by MILP + local search"},
    {"strategy.local_search_rounds", 200, 0, 1e6, "upper limit on improving moves (drop, add, swap) of the local search after the MILP"},
    {"strategy.target_p", 0.5, 0, 1, "pass probability a plan must reach in `statecraft optimize`"},
    {"strategy.won_margin", 0.0, -10, 10, "threshold model: a member counts as won when its utility exceeds the abstention band plus this margin"},
    {"vote.absence", 0.05, 0, 1, "probability of absence of a member with salience 0 (falls linearly to 0 at salience 1)"},
    {"vote.abstain_band", 0.15, 0, 10, "utility band around 0 in which a present member leans to abstain (ordered-logit cutpoint)"},
    {"vote.aid_half_usd_m", 500, 1e-6, 1e9, "aid plus finance (million USD per year) at which aid dependence reaches one half"},
    {"vote.aid_weight", 0.5, 0, 100, "weight of aid dependence on a sponsor or opponent"},
    {"vote.alignment_weight", 0.5, 0, 100, "weight of political alignment (-1..1) with a sponsor or opponent"},
    {"vote.arms_weight", 0.5, 0, 100, "weight of the share of a member's arms imports supplied by a sponsor or opponent"},
    {"vote.bloc_shock_sd", 0.5, 0, 10, "Monte Carlo only: standard deviation of the common utility shock of a bloc"},
    {"vote.default_salience", 0.5, 0, 1, "salience of a member with no stance on the motion's issue"},
    {"vote.hostility_weight", 1.0, 0, 100, "weight of hostility (0..1) between a member and a sponsor or opponent"},
    {"vote.influence_weight", 1.0, 0, 100, "weight of the net bilateral pull of sponsors and opponents in a member's utility"},
    {"vote.investment_half_usd_m", 1000, 1e-6, 1e9, "investment (million USD) at which investment dependence reaches one half"},
    {"vote.investment_weight", 0.3, 0, 100, "weight of investment dependence on a sponsor or opponent"},
    {"vote.lobbying_gain", 1.0, 0, 100, "how much a sponsor's or opponent's lobbying (0..1) multiplies its bilateral pull"},
    {"vote.objection_threshold", 1.0, 0, 100, "consensus forums only: extra utility below -abstain_band a member needs before it formally objects (blocks) rather than stays silent"},
    {"vote.noise", 0.25, 1e-6, 100, "logistic scale of a member's vote around its utility (larger: less predictable)"},
    {"vote.policy_weight", 1.0, 0, 100, "weight of a member's own salience-weighted policy gain from the motion"},
    {"vote.security_weight", 0.5, 0, 100, "weight of security cooperation (0..1) with a sponsor or opponent"},
    {"vote.sponsor_commitment", 2.0, 0, 100, "utility a sponsor adds for its own motion (an opponent subtracts it)"},
    {"vote.trade_weight", 1.0, 0, 100, "weight of trade dependence: share of a member's exports going to a sponsor or opponent"},
});
}  // namespace

std::span<const ParameterSpec> parameter_specs() { return kSpecs; }

const ParameterSpec* find_parameter(std::string_view name) {
  for (const auto& spec : kSpecs) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

double Parameters::get(std::string_view name) const {
  auto it = values_.find(std::string(name));
  if (it != values_.end()) return it->second;
  const ParameterSpec* spec = find_parameter(name);
  if (spec == nullptr) throw PreconditionError("unregistered parameter " + std::string(name));
  return spec->default_value;
}

}  // namespace statecraft
