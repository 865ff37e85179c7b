#include "api/corridor_shocks.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <memory>

#include "api/world.h"
#include "core/date.h"
#include "core/error.h"
#include "core/parameters.h"

namespace statecraft::api {

namespace {

double parse_value(const std::string& text, const std::string& flag, const std::string& whole) {
  double value = 0.0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) {
    flag_error(flag, "expected NAME=NUMBER, found '" + whole + "'");
  }
  return value;
}

}  // namespace

corridor::Shocks read_shocks(Scenario& scenario, const std::vector<std::string>& close,
                             const std::vector<std::string>& set) {
  corridor::Shocks shocks;
  const Network& network = scenario.network;
  for (const auto& id : close) {
    corridor::Shocks probe;
    probe.closed = {id};
    if (std::string problem = corridor::check_shocks(network, probe); !problem.empty()) {
      flag_error("--close", problem);
    }
    shocks.closed.push_back(id);
  }
  for (const auto& item : set) {
    const auto equals = item.find('=');
    if (equals == std::string::npos) flag_error("--set", "expected NAME=NUMBER, found '" + item + "'");
    const std::string name = item.substr(0, equals);
    const double value = parse_value(item.substr(equals + 1), "--set", item);
    if (name.rfind("risk.", 0) == 0) {
      const std::string id = name.substr(5);
      bool is_group = false;
      for (const auto& t : network.threats) is_group = is_group || t.group == id;
      corridor::Shocks probe;
      if (is_group) {
        probe.group_activity[id] = value;
      } else {
        probe.target_risk[id] = value;
      }
      if (std::string problem = corridor::check_shocks(network, probe); !problem.empty()) {
        flag_error("--set",
                   item + ": " +
                       (is_group ? problem
                                 : "no armed group with a threat, node or edge '" + id + "' in the network"));
      }
      if (is_group) {
        shocks.group_activity[id] = value;
      } else {
        shocks.target_risk[id] = value;
      }
      continue;
    }
    const ParameterSpec* spec = find_parameter(name);
    if (spec == nullptr) {
      flag_error(
          "--set",
          "unknown name '" + name +
              "'; expected risk.GROUP, risk.NODE_OR_EDGE or a parameter (statecraft info --parameters)");
    }
    if (value < spec->min || value > spec->max) {
      flag_error("--set",
                 item + ": outside [" + std::to_string(spec->min) + ", " + std::to_string(spec->max) + "]");
    }
    scenario.parameters.set(name, value);
  }
  return shocks;
}

games::QuantityResolver corridor_resolver(const Scenario& scenario, const corridor::Shocks& shocks) {
  struct State {
    const Scenario* scenario;
    corridor::Shocks shocks;
    corridor::RoutingParameters parameters;
    std::map<std::string, corridor::CorridorResult> cache;  // by shock description
  };
  auto state = std::make_shared<State>(
      State{&scenario, shocks, corridor::RoutingParameters::from(scenario.parameters), {}});
  return [state](const games::Quantity& q) -> double {
    static const std::map<std::string, std::size_t> kArity = {{"corridor.closure_cost", 1},
                                                              {"corridor.net_cost", 1},
                                                              {"corridor.hub_share", 1},
                                                              {"corridor.total_cost", 0},
                                                              {"corridor.unmet", 0}};
    auto known = kArity.find(q.name);
    if (known == kArity.end()) {
      throw games::ExpressionError(q.offset, "unknown quantity '" + q.name +
                                                 "'; expected corridor.closure_cost, corridor.net_cost, "
                                                 "corridor.hub_share, corridor.total_cost or corridor.unmet");
    }
    if (q.arguments.size() != known->second) {
      throw games::ExpressionError(q.offset,
                                   q.name + " takes " + std::to_string(known->second) + " argument(s)");
    }
    corridor::Shocks shocked = state->shocks;
    std::string key;
    for (const auto& [option, value] : q.options) {
      key += option + "=" + value + ";";
      if (option == "close") {
        // Several ids joined by ':' close together, e.g. close=torkham:chaman.
        std::size_t begin = 0;
        while (begin <= value.size()) {
          const std::size_t end = std::min(value.find(':', begin), value.size());
          shocked.closed.push_back(value.substr(begin, end - begin));
          begin = end + 1;
        }
      } else if (option.rfind("activity.", 0) == 0) {
        double v = 0.0;
        auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
        if (ec != std::errc() || ptr != value.data() + value.size()) {
          throw games::ExpressionError(q.offset, "option " + option + " needs a number");
        }
        shocked.group_activity[option.substr(9)] = v;
      } else {
        throw games::ExpressionError(
            q.offset, "unknown option '" + option + "'; expected close=ID or activity.GROUP=V");
      }
    }
    if (q.name == "corridor.closure_cost" && q.options.count("close") == 0) {
      throw games::ExpressionError(q.offset, "corridor.closure_cost needs close=EDGE_OR_NODE");
    }
    if (std::string problem = corridor::check_shocks(state->scenario->network, shocked); !problem.empty()) {
      throw games::ExpressionError(q.offset, problem);
    }
    auto run = [&](const std::string& cache_key,
                   const corridor::Shocks& s) -> const corridor::CorridorResult& {
      auto it = state->cache.find(cache_key);
      if (it == state->cache.end()) {
        it = state->cache.emplace(cache_key, corridor::route(state->scenario->network, state->parameters, s))
                 .first;
      }
      return it->second;
    };
    const corridor::CorridorResult& result = run(key, shocked);
    auto country = [&](const corridor::CorridorResult& r) -> const corridor::CountryResult& {
      const corridor::CountryResult* c = r.find_country(q.arguments[0]);
      if (c == nullptr)
        throw games::ExpressionError(q.offset, "no country '" + q.arguments[0] + "' in the network");
      return *c;
    };
    if (q.name == "corridor.total_cost") return result.total_cost;
    if (q.name == "corridor.unmet") return result.unmet;
    if (q.name == "corridor.hub_share") return country(result).hub_share;
    if (q.name == "corridor.net_cost") return country(result).net_cost_usd;
    // closure_cost: the shocked net cost minus the baseline's (without the closure).
    corridor::Shocks baseline = shocked;
    baseline.closed = state->shocks.closed;
    std::string base_key;
    for (const auto& [option, value] : q.options) {
      if (option != "close") base_key += option + "=" + value + ";";
    }
    return country(result).net_cost_usd - country(run(base_key, baseline)).net_cost_usd;
  };
}

}  // namespace statecraft::api
