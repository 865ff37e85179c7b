// `statecraft vote`: each member's probabilities of voting yes / no / abstain / absent
// on a motion, the exact probability that it clears its gates and passes, and who is
// pivotal; optionally a Monte Carlo cross-check with correlated bloc shocks.
#include <fmt/core.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "commands.h"
#include "core/date.h"
#include "core/error.h"
#include "forum/monte_carlo.h"
#include "forum/pass_probability.h"
#include "forum/vote_model.h"
#include "io/scenario_loader.h"
#include "run_recorder.h"

namespace statecraft::cli {

namespace {

struct VoteOptions {
  std::string scenario;
  std::string forum;
  std::string motion;
  std::string format = "table";
  std::string at;
  std::size_t samples = 0;  // 0: exact only
  std::uint64_t seed = 1;
};

nlohmann::json to_json(const Forum& forum, const Motion& motion, const std::string& at,
                       const std::vector<forum::MemberLean>& leans,
                       const std::vector<forum::MemberVote>& votes, const forum::PassResult& result) {
  nlohmann::json out;
  out["forum"] = forum.id;
  out["motion"] = motion.id;
  if (!at.empty()) out["at"] = at;
  out["rule"] = std::string(to_string(forum.rule.kind));
  out["p_pass"] = result.p_pass;
  out["p_gates"] = result.p_gates;
  out["expected_yes"] = result.expected_yes;
  out["exact"] = result.exact;
  out["gates"] = nlohmann::json::array();
  out["stages"] = nlohmann::json::array();
  for (const auto& stage : result.stages) {
    nlohmann::json s{{"id", stage.id}, {"description", stage.description}, {"p_pass", stage.p_pass}};
    if (&stage != &result.stages.back()) out["gates"].push_back(s);
    out["stages"].push_back(s);
  }
  out["members"] = nlohmann::json::array();
  for (std::size_t i = 0; i < votes.size(); ++i) {
    const auto& v = votes[i];
    const auto& m = result.members[i];
    out["members"].push_back({{"id", v.member},
                              {"p_yes", v.p_yes},
                              {"p_no", v.p_no},
                              {"p_abstain", v.p_abstain},
                              {"p_absent", v.p_absent},
                              {"pivotal", m.pivotality},
                              {"p_pass_if_yes", m.p_pass_if_yes},
                              {"p_pass_if_no", m.p_pass_if_no},
                              {"utility", leans[i].utility},
                              {"policy", leans[i].policy},
                              {"influence", leans[i].influence}});
  }
  return out;
}

void print_table(const nlohmann::json& r) {
  fmt::print("forum {}, motion {}, rule {}{}\n", r["forum"].get<std::string>(),
             r["motion"].get<std::string>(), r["rule"].get<std::string>(),
             r.contains("at") ? ", at " + r["at"].get<std::string>() : std::string());
  fmt::print("p_pass {:.4f}  expected_yes {:.2f}{}\n", r["p_pass"].get<double>(),
             r["expected_yes"].get<double>(), r["exact"].get<bool>() ? "" : "  (weights coarsened)");
  for (const auto& s : r["stages"]) {
    fmt::print("  stage {:<24} p_pass {:.4f}\n", s["id"].get<std::string>(), s["p_pass"].get<double>());
  }
  if (!r["gates"].empty()) fmt::print("  all gates cleared      p {:.4f}\n", r["p_gates"].get<double>());
  if (r.contains("monte_carlo")) {
    const auto& mc = r["monte_carlo"];
    fmt::print("Monte Carlo ({} samples, bloc shock sd {}): p_pass {:.4f} ± {:.4f}\n",
               mc["samples"].get<std::size_t>(), mc["bloc_shock_sd"].get<double>(),
               mc["p_pass"].get<double>(), mc["standard_error"].get<double>());
  }
  fmt::print("{:<10} {:>7} {:>7} {:>7} {:>7} {:>8} {:>8}\n", "member", "yes", "no", "abstain", "absent",
             "pivotal", "utility");
  for (const auto& m : r["members"]) {
    fmt::print("{:<10} {:>7.3f} {:>7.3f} {:>7.3f} {:>7.3f} {:>8.4f} {:>8.3f}\n", m["id"].get<std::string>(),
               m["p_yes"].get<double>(), m["p_no"].get<double>(), m["p_abstain"].get<double>(),
               m["p_absent"].get<double>(), m["pivotal"].get<double>(), m["utility"].get<double>());
  }
}

}  // namespace

void register_vote(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "vote", "Probability that a motion passes a forum, each member's vote and who is pivotal");
  auto options = std::make_shared<VoteOptions>();
  command->add_option("SCENARIO", options->scenario, "Scenario YAML file")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--forum", options->forum, "Forum id in the scenario")->required();
  command->add_option("--motion", options->motion, "Motion id in the scenario")->required();
  command->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"table", "json"}));
  command->add_option("--at", options->at,
                      "Apply the scenario's events up to this date (YYYY-MM-DD); default: the "
                      "motion's date, if it has one");
  command->add_option("--samples", options->samples,
                      "Also estimate by Monte Carlo with correlated bloc shocks (0: exact only)");
  command->add_option("--seed", options->seed, "Seed for Monte Carlo");
  command->callback([options, &context] {
    RunRecorder recorder(context, "vote");
    std::optional<Date> at;
    if (!options->at.empty()) {
      at = parse_date(options->at);
      if (!at) throw CLI::ValidationError("--at", "expected a date YYYY-MM-DD, found '" + options->at + "'");
    }
    const Scenario loaded = io::load_scenario(options->scenario);
    const Motion* motion_in_file = loaded.find_motion(options->motion);
    if (motion_in_file == nullptr) {
      throw CLI::ValidationError("--motion", "no motion '" + options->motion + "' in " + options->scenario);
    }
    if (!at && motion_in_file->date) at = motion_in_file->date;
    const Scenario scenario = at ? world_at(loaded, *at) : loaded;
    const Forum* forum = scenario.find_forum(options->forum);
    if (forum == nullptr) {
      throw CLI::ValidationError("--forum", "no forum '" + options->forum + "' in " + options->scenario);
    }
    const Motion* motion = scenario.find_motion(options->motion);
    if (!motion->forum.empty() && motion->forum != forum->id) {
      throw CLI::ValidationError("--motion", "motion '" + motion->id + "' is put to forum '" + motion->forum +
                                                 "', not '" + forum->id + "'");
    }

    nlohmann::json result;
    try {
      const forum::VoteParams params = forum::VoteParams::from(scenario.parameters);
      const auto leans = forum::member_leans(scenario, *forum, *motion, params);
      std::vector<forum::MemberVote> votes;
      for (const auto& lean : leans) {
        votes.push_back(forum::ballot_probabilities(lean.member, lean.utility, lean.salience, params,
                                                    lean.objection_threshold));
      }
      const forum::PassResult pass = forum::pass_probability(*forum, *motion, votes);
      result = to_json(*forum, *motion, at ? at->to_string() : std::string(), leans, votes, pass);
      if (options->samples > 0) {
        const auto mc =
            forum::simulate_votes(*forum, *motion, leans, params, options->samples, options->seed);
        result["monte_carlo"] = {{"samples", mc.samples},
                                 {"seed", options->seed},
                                 {"bloc_shock_sd", params.bloc_shock_sd},
                                 {"p_pass", mc.p_pass},
                                 {"standard_error", mc.standard_error},
                                 {"expected_yes", mc.expected_yes},
                                 {"stage_p_pass", mc.stage_p_pass}};
      }
    } catch (const PreconditionError& e) {
      throw InputError(SourceLocation{options->scenario},
                       "forum " + forum->id + ", motion " + motion->id + ": " + e.what());
    }

    if (options->format == "json") {
      fmt::print("{}\n", result.dump());
    } else {
      print_table(result);
    }
    const nlohmann::json parameters = {{"forum", options->forum},
                                       {"motion", options->motion},
                                       {"at", options->at},
                                       {"samples", options->samples},
                                       {"seed", options->seed}};
    recorder.record(options->scenario, parameters, options->seed, result);
    context.exit_code = 0;
  });
}

}  // namespace statecraft::cli
