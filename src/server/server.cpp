#include "server/server.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "analysis/corridor.h"
#include "analysis/forecast.h"
#include "analysis/influence.h"
#include "analysis/power.h"
#include "analysis/strategy.h"
#include "analysis/vote.h"
#include "api/compare.h"
#include "core/date.h"
#include "core/error.h"
#include "corridor/security.h"
#include "io/scenario_loader.h"
#include "store/run_json.h"
#include "store/run_store.h"

namespace statecraft::server {

namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

// Upper limits on the work one request may ask for; the request timeout bounds the rest.
constexpr int kMaxForecastSamples = 20'000;
constexpr int kMaxRounds = 1'000;
constexpr std::size_t kMaxVoteSamples = 200'000;
constexpr std::size_t kMaxPowerSamples = 2'000'000;
constexpr std::size_t kMaxTop = 1'000;
constexpr int kMaxRunsListed = 1'000;
constexpr std::size_t kMaxBudgets = 20;

// A client error: HTTP status, the offending field ("" for the request as a whole).
struct RequestError : std::runtime_error {
  RequestError(int status_code, std::string field_name, const std::string& message)
      : std::runtime_error(message), status(status_code), field(std::move(field_name)) {}
  int status;
  std::string field;
};

struct LoadedScenario {
  std::string id;
  std::string path;
  std::string text;
  Scenario scenario;
};

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// ---- JSON input checks: each names the field it rejects. ----

const Json& require(const Json& body, const std::string& field) {
  if (!body.contains(field)) throw RequestError(400, field, "missing required field '" + field + "'");
  return body.at(field);
}

std::string string_field(const Json& body, const std::string& field,
                         const std::optional<std::string>& fallback) {
  if (!body.contains(field) || body.at(field).is_null()) {
    if (fallback) return *fallback;
    require(body, field);
  }
  const Json& value = body.at(field);
  if (!value.is_string()) throw RequestError(400, field, "field '" + field + "' must be a string");
  return value.get<std::string>();
}

double number_field(const Json& body, const std::string& field, std::optional<double> fallback, double lo,
                    double hi) {
  if (!body.contains(field) || body.at(field).is_null()) {
    if (fallback) return *fallback;
    require(body, field);
  }
  const Json& value = body.at(field);
  if (!value.is_number()) throw RequestError(400, field, "field '" + field + "' must be a number");
  const double x = value.get<double>();
  if (!(x >= lo && x <= hi)) {
    std::ostringstream message;
    message << "field '" << field << "' must be in [" << lo << ", " << hi << "], found " << value.dump();
    throw RequestError(400, field, message.str());
  }
  return x;
}

// A number inside an object field, e.g. salience.PAK: errors name "parent.key".
double nested_number(const Json& object, const std::string& parent, const std::string& key, double lo,
                     double hi) {
  try {
    return number_field(object, key, std::nullopt, lo, hi);
  } catch (const RequestError& e) {
    std::string message = e.what();
    const std::string quoted = "'" + key + "'";
    if (auto at = message.find(quoted); at != std::string::npos) {
      message.replace(at, quoted.size(), "'" + parent + "." + key + "'");
    }
    throw RequestError(e.status, parent + "." + key, message);
  }
}

std::int64_t integer_field(const Json& body, const std::string& field, std::int64_t fallback, std::int64_t lo,
                           std::int64_t hi) {
  if (!body.contains(field) || body.at(field).is_null()) return fallback;
  const Json& value = body.at(field);
  if (!value.is_number_integer()) throw RequestError(400, field, "field '" + field + "' must be an integer");
  const auto x = value.get<std::int64_t>();
  if (x < lo || x > hi) {
    throw RequestError(400, field,
                       "field '" + field + "' must be in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                           "], found " + value.dump());
  }
  return x;
}

std::uint64_t seed_field(const Json& body) {
  if (!body.contains("seed") || body.at("seed").is_null()) return 1;
  const Json& value = body.at("seed");
  if (!value.is_number_unsigned() && !(value.is_number_integer() && value.get<std::int64_t>() >= 0)) {
    throw RequestError(400, "seed", "field 'seed' must be a non-negative integer");
  }
  return value.get<std::uint64_t>();
}

void check_known_fields(const Json& body, std::initializer_list<const char*> known) {
  for (const auto& [key, value] : body.items()) {
    if (std::none_of(known.begin(), known.end(), [&](const char* k) { return key == k; })) {
      throw RequestError(400, key, "unknown field '" + key + "'");
    }
  }
}

Json parse_body(const httplib::Request& request) {
  if (request.body.empty()) return Json::object();
  Json body = Json::parse(request.body, nullptr, false);
  if (body.is_discarded()) throw RequestError(400, "", "request body is not valid JSON");
  if (!body.is_object()) throw RequestError(400, "", "request body must be a JSON object");
  return body;
}

std::optional<Date> date_field(const Json& body) {
  const std::string text = string_field(body, "at", std::string());
  if (text.empty()) return std::nullopt;
  auto date = parse_date(text);
  if (!date) throw RequestError(400, "at", "field 'at' must be a date YYYY-MM-DD, found '" + text + "'");
  return date;
}

// ---- Scenario summaries for the UI. ----

Json scenario_info(const LoadedScenario& loaded) {
  const Scenario& s = loaded.scenario;
  Json out;
  out["id"] = loaded.id;
  out["name"] = s.name;
  out["description"] = s.description;
  out["path"] = loaded.path;
  out["date"] = s.date ? s.date->to_string() : std::string();
  out["actors"] = Json::array();
  for (const auto& a : s.actors) {
    auto overall = a.capabilities.find("overall");
    out["actors"].push_back(
        {{"id", a.id},
         {"name", a.name},
         {"kind", std::string(to_string(a.kind))},
         {"overall", overall == a.capabilities.end() ? Json(nullptr) : Json(overall->second.value)}});
  }
  out["relations"] = Json::array();
  for (const auto& r : s.relations) {
    Json dims = Json::object();
    for (const auto& [name, figure] : r.dimensions) dims[name] = figure.value;
    out["relations"].push_back({{"from", r.from}, {"to", r.to}, {"dimensions", dims}});
  }
  out["forums"] = Json::array();
  for (const auto& f : s.forums) {
    Json gates = Json::array();
    for (const auto& g : f.gates) gates.push_back(g.id);
    out["forums"].push_back({{"id", f.id},
                             {"name", f.name},
                             {"members", f.members},
                             {"rule", std::string(to_string(f.rule.kind))},
                             {"gates", gates},
                             {"blocs", f.blocs.size()}});
  }
  out["issues"] = Json::array();
  for (const auto& i : s.issues) {
    Json stances = Json::array();
    for (const auto& st : i.stances) {
      stances.push_back({{"actor", st.actor},
                         {"position", st.position.value},
                         {"salience", st.salience.value},
                         {"capability", st.capability.value}});
    }
    out["issues"].push_back({{"id", i.id},
                             {"name", i.name},
                             {"description", i.description},
                             {"scale_min", i.scale_min},
                             {"scale_max", i.scale_max},
                             {"outcome", i.outcome ? Json(i.outcome->value) : Json(nullptr)},
                             {"stances", stances}});
  }
  out["motions"] = Json::array();
  for (const auto& m : s.motions) {
    out["motions"].push_back({{"id", m.id},
                              {"forum", m.forum},
                              {"issue", m.issue},
                              {"description", m.description},
                              {"date", m.date ? m.date->to_string() : std::string()},
                              {"outcome", m.outcome ? std::string(to_string(*m.outcome)) : std::string()}});
  }
  out["actions"] = Json::array();
  double menu_cost = 0.0;
  for (const auto& a : s.actions) {
    out["actions"].push_back({{"id", a.id},
                              {"kind", to_string(a.kind)},
                              {"actor", a.actor},
                              {"target", a.target},
                              {"cost", a.cost}});
    menu_cost += a.cost;
  }
  out["actions_total_cost"] = menu_cost;
  Json network = {{"nodes", Json::array()}, {"edges", Json::array()}, {"threats", Json::array()}};
  for (const auto& n : s.network.nodes) {
    network["nodes"].push_back({{"id", n.id}, {"name", n.name}, {"country", n.country}, {"kind", n.kind}});
  }
  for (const auto& e : s.network.edges) {
    network["edges"].push_back({{"id", e.id},
                                {"from", e.from},
                                {"to", e.to},
                                {"mode", e.mode},
                                {"country", e.country},
                                {"open", e.open}});
  }
  for (const auto& t : s.network.threats) {
    network["threats"].push_back(
        {{"group", t.group}, {"targets", t.targets}, {"activity", t.activity.value}});
  }
  out["network"] = network;
  if (s.horizon) {
    Json motions = Json::array();
    for (const auto& m : s.horizon->motions) {
      motions.push_back({{"forum", m.forum},
                         {"motion", m.motion},
                         {"scenario", m.scenario},
                         {"at", m.at ? m.at->to_string() : std::string()}});
    }
    out["horizon"] = {{"actor", s.horizon->actor}, {"budgets", s.horizon->budgets}, {"motions", motions}};
  } else {
    out["horizon"] = nullptr;
  }
  return out;
}

// Static files: the path must be relative, without "..", "." or empty segments, and
// must resolve (symbolic links followed) inside the static directory.
std::optional<fs::path> static_file(const fs::path& root, const std::string& request_path) {
  if (root.empty()) return std::nullopt;
  std::string relative = request_path;
  if (relative.empty() || relative.front() != '/') return std::nullopt;
  relative.erase(0, 1);
  if (relative.empty()) relative = "index.html";
  if (relative.find('\0') != std::string::npos || relative.find('\\') != std::string::npos)
    return std::nullopt;
  std::size_t start = 0;
  while (start <= relative.size()) {
    const std::size_t slash = std::min(relative.find('/', start), relative.size());
    const std::string segment = relative.substr(start, slash - start);
    if (segment.empty() || segment == "." || segment == "..") return std::nullopt;
    start = slash + 1;
  }
  std::error_code ec;
  const fs::path base = fs::canonical(root, ec);
  if (ec) return std::nullopt;
  const fs::path target = fs::canonical(base / relative, ec);
  if (ec || !fs::is_regular_file(target, ec)) return std::nullopt;
  const auto [mismatch, unused] = std::mismatch(base.begin(), base.end(), target.begin(), target.end());
  if (mismatch != base.end()) return std::nullopt;
  return target;
}

std::string content_type(const fs::path& path) {
  static const std::map<std::string, std::string> kTypes = {{".html", "text/html; charset=utf-8"},
                                                            {".js", "text/javascript; charset=utf-8"},
                                                            {".css", "text/css; charset=utf-8"},
                                                            {".json", "application/json"},
                                                            {".svg", "image/svg+xml"},
                                                            {".png", "image/png"},
                                                            {".ico", "image/x-icon"},
                                                            {".txt", "text/plain; charset=utf-8"},
                                                            {".map", "application/json"},
                                                            {".woff2", "font/woff2"}};
  auto it = kTypes.find(path.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

constexpr const char* kTokenCookie = "statecraft_token";

// The value of cookie `name` in a Cookie header ("a=1; b=2"), or "" when absent.
std::string cookie_value(const std::string& header, const std::string& name) {
  std::size_t start = 0;
  while (start < header.size()) {
    std::size_t end = header.find(';', start);
    if (end == std::string::npos) end = header.size();
    std::string pair = header.substr(start, end - start);
    pair.erase(0, pair.find_first_not_of(' '));
    if (pair.rfind(name + "=", 0) == 0) return pair.substr(name.size() + 1);
    start = end + 1;
  }
  return {};
}

bool constant_time_equal(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  return difference == 0;
}

}  // namespace

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

struct Server::Impl {
  ServerOptions options;
  std::map<std::string, std::shared_ptr<const LoadedScenario>> scenarios;
  httplib::Server http;
  std::mutex store_mutex;
  std::optional<store::RunStore> runs;
  // Engine calls still running after their request timed out (see run_bounded).
  std::shared_ptr<std::atomic<std::size_t>> abandoned = std::make_shared<std::atomic<std::size_t>>(0);

  // Every engine thread started by run_bounded and not yet finished. The server waits
  // for them when it goes away, so no computation outlives the data it reads and a
  // shutdown leaves nothing half-done behind.
  struct Outstanding {
    std::mutex mutex;
    std::condition_variable finished;
    std::size_t running = 0;
  };
  Outstanding outstanding;

  explicit Impl(ServerOptions o) : options(std::move(o)) {}

  ~Impl() {
    std::unique_lock lock(outstanding.mutex);
    outstanding.finished.wait(lock, [&] { return outstanding.running == 0; });
  }

  void load_scenarios() {
    auto add = [&](const fs::path& file, const std::string& id) {
      auto loaded = std::make_shared<LoadedScenario>();
      loaded->id = id;
      loaded->path = file.string();
      loaded->text = read_text(file);
      loaded->scenario = io::load_scenario(file);
      if (!scenarios.emplace(id, std::move(loaded)).second) {
        throw InputError(SourceLocation{file.string(), 0, 0}, "a second scenario with the id '" + id + "'");
      }
    };
    for (const auto& path : options.scenarios) {
      if (fs::is_directory(path)) {
        std::vector<fs::path> files;
        for (const auto& entry : fs::recursive_directory_iterator(path)) {
          if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
        for (const auto& file : files)
          add(file, fs::relative(file, path).replace_extension().generic_string());
      } else {
        add(path, path.stem().string());
      }
    }
  }

  std::shared_ptr<const LoadedScenario> scenario(const Json& body) const {
    const std::string id = string_field(body, "scenario", std::nullopt);
    auto it = scenarios.find(id);
    if (it == scenarios.end()) throw RequestError(404, "scenario", "no scenario '" + id + "'");
    return it->second;
  }

  // Runs an engine call with the request timeout. A call that runs over is answered
  // 503; it finishes in the background (engines cannot be interrupted), and at most
  // `threads` such calls may be left running, beyond which new calls are refused.
  Json run_bounded(std::function<Json()> work) {
    // Only calls whose request already timed out count against the limit: ordinary
    // calls are bounded by the worker threads.
    if (abandoned->load() >= options.threads) {
      throw RequestError(503, "", "server busy: too many long computations still running; retry later");
    }
    struct CallState {
      std::mutex mutex;
      bool done = false;
      bool abandoned = false;
    };
    auto state = std::make_shared<CallState>();
    auto promise = std::make_shared<std::promise<Json>>();
    auto result = promise->get_future();
    auto counter = abandoned;
    {
      const std::lock_guard lock(outstanding.mutex);
      ++outstanding.running;
    }
    Outstanding* tracker = &outstanding;  // outlives the thread: ~Impl waits for it
    std::thread([promise, state, counter, tracker, work = std::move(work)]() mutable {
      {
        // Everything the call owns is released before the server is told it finished.
        auto call = std::move(work);
        auto answer = std::move(promise);
        auto call_state = std::move(state);
        auto abandoned_calls = std::move(counter);
        try {
          answer->set_value(call());
        } catch (...) {
          answer->set_exception(std::current_exception());
        }
        const std::lock_guard lock(call_state->mutex);
        call_state->done = true;
        if (call_state->abandoned) --*abandoned_calls;
      }
      const std::lock_guard lock(tracker->mutex);
      --tracker->running;
      tracker->finished.notify_all();
    }).detach();
    if (result.wait_for(options.request_timeout) == std::future_status::timeout) {
      const std::lock_guard lock(state->mutex);
      if (!state->done) {
        state->abandoned = true;
        ++*counter;
        throw RequestError(503, "",
                           "the computation took longer than " +
                               std::to_string(options.request_timeout.count()) +
                               " ms; ask for fewer samples or rounds");
      }
    }
    return result.get();
  }

  void record(const std::string& verb, const LoadedScenario& loaded, const Json& parameters,
              std::uint64_t seed, const Json& result, double duration_ms) {
    if (!runs) return;
    store::RunRecord run;
    run.verb = verb;
    run.scenario_path = loaded.path;
    run.scenario_content = loaded.text;
    run.parameters_json = parameters.dump();
    run.seed = seed;
    run.version = options.version;
    run.duration_ms = duration_ms;
    run.result_json = result.dump();
    const std::lock_guard lock(store_mutex);
    runs->record(std::move(run));
  }

  // ---- API handlers: body in, result out; RequestError for bad input. ----

  Json forecast(const Json& body, std::uint64_t& seed) {
    check_known_fields(body,
                       {"scenario", "issue", "model", "rounds", "samples", "seed", "noise", "salience"});
    const auto loaded = scenario(body);
    const std::string issue_id = string_field(body, "issue", std::nullopt);
    const Issue* found = loaded->scenario.find_issue(issue_id);
    if (found == nullptr) throw RequestError(404, "issue", "no issue '" + issue_id + "' in " + loaded->id);
    Issue issue = *found;
    if (body.contains("salience")) {
      const Json& saliences = body.at("salience");
      if (!saliences.is_object())
        throw RequestError(400, "salience", "field 'salience' must be an object actor: value");
      for (const auto& [actor, value] : saliences.items()) {
        auto it = std::find_if(issue.stances.begin(), issue.stances.end(),
                               [&](const Stance& s) { return s.actor == actor; });
        if (it == issue.stances.end()) {
          throw RequestError(
              400, "salience." + actor,
              "field 'salience." + actor + "': actor '" + actor + "' has no stance on " + issue_id);
        }
        it->salience.value = nested_number(saliences, "salience", actor, 0.0, 1.0);
      }
    }
    const std::string model = string_field(body, "model", std::string("all"));
    analysis::ForecastSpec spec;
    if (model == "all") {
      spec.models.assign(std::begin(bargain::kAllModels), std::end(bargain::kAllModels));
    } else if (auto parsed = bargain::parse_model(model)) {
      spec.models.push_back(*parsed);
    } else {
      throw RequestError(400, "model",
                         "field 'model' must be achen, median, bdm, smp or all, found '" + model + "'");
    }
    if (body.contains("rounds") && !body.at("rounds").is_null()) {
      spec.rounds = static_cast<int>(integer_field(body, "rounds", 0, 0, kMaxRounds));
    }
    spec.samples = static_cast<int>(integer_field(body, "samples", 0, 0, kMaxForecastSamples));
    spec.seed = seed = seed_field(body);
    spec.noise = number_field(body, "noise", 0.0, 0.0, issue.scale_max - issue.scale_min);
    spec.bands = spec.samples > 0;
    const Parameters parameters = loaded->scenario.parameters;
    return run_bounded([issue, parameters, spec] {
      Json models = Json::array();
      for (auto& m : analysis::forecast(issue, parameters, spec)) models.push_back(Json::parse(m.dump()));
      return Json{{"issue", issue.id},
                  {"scale_min", issue.scale_min},
                  {"scale_max", issue.scale_max},
                  {"models", models}};
    });
  }

  // The world on `at`, or on the motion's date, or as loaded.
  static Scenario world_on(const LoadedScenario& loaded, const std::optional<Date>& at) {
    return at ? world_at(loaded.scenario, *at) : loaded.scenario;
  }

  Json vote(const Json& body, std::uint64_t& seed) {
    check_known_fields(body, {"scenario", "forum", "motion", "at", "samples", "seed"});
    const auto loaded = scenario(body);
    const std::string motion_id = string_field(body, "motion", std::nullopt);
    const Motion* in_file = loaded->scenario.find_motion(motion_id);
    if (in_file == nullptr)
      throw RequestError(404, "motion", "no motion '" + motion_id + "' in " + loaded->id);
    std::optional<Date> at = date_field(body);
    if (!at && in_file->date) at = in_file->date;
    const std::string forum_id = string_field(body, "forum", in_file->forum);
    if (loaded->scenario.find_forum(forum_id) == nullptr) {
      throw RequestError(404, "forum", "no forum '" + forum_id + "' in " + loaded->id);
    }
    if (!in_file->forum.empty() && in_file->forum != forum_id) {
      throw RequestError(400, "forum", "motion '" + motion_id + "' is put to forum '" + in_file->forum + "'");
    }
    const auto samples = static_cast<std::size_t>(integer_field(body, "samples", 0, 0, kMaxVoteSamples));
    seed = seed_field(body);
    const std::uint64_t s = seed;
    return run_bounded([loaded, at, forum_id, motion_id, samples, s] {
      const Scenario world = world_on(*loaded, at);
      return analysis::vote(world, *world.find_forum(forum_id), *world.find_motion(motion_id),
                            at ? at->to_string() : std::string(), samples, s);
    });
  }

  Json power(const Json& body, std::uint64_t& seed) {
    check_known_fields(body, {"scenario", "forum", "samples", "seed", "at"});
    const auto loaded = scenario(body);
    const std::string forum_id = string_field(body, "forum", std::nullopt);
    if (loaded->scenario.find_forum(forum_id) == nullptr) {
      throw RequestError(404, "forum", "no forum '" + forum_id + "' in " + loaded->id);
    }
    const auto at = date_field(body);
    const auto samples = static_cast<std::size_t>(integer_field(body, "samples", 0, 0, kMaxPowerSamples));
    seed = seed_field(body);
    const std::uint64_t s = seed;
    return run_bounded([loaded, at, forum_id, samples, s] {
      const Scenario world = world_on(*loaded, at);
      return analysis::forum_power(*world.find_forum(forum_id), samples, s);
    });
  }

  Json influence(const Json& body) {
    check_known_fields(body, {"scenario", "top", "at"});
    const auto loaded = scenario(body);
    const auto top = static_cast<std::size_t>(integer_field(body, "top", 10, 1, kMaxTop));
    const auto at = date_field(body);
    return run_bounded([loaded, at, top] { return analysis::influence(world_on(*loaded, at), top); });
  }

  Json optimize(const Json& body) {
    check_known_fields(body, {"scenario", "forum", "motion", "budget", "target", "at"});
    const auto loaded = scenario(body);
    const std::string motion_id = string_field(body, "motion", std::nullopt);
    const Motion* motion = loaded->scenario.find_motion(motion_id);
    if (motion == nullptr)
      throw RequestError(404, "motion", "no motion '" + motion_id + "' in " + loaded->id);
    const std::string forum_id = string_field(body, "forum", motion->forum);
    if (motion->forum != forum_id) {
      throw RequestError(400, "forum", "motion '" + motion_id + "' is put to forum '" + motion->forum + "'");
    }
    if (loaded->scenario.actions.empty()) {
      throw RequestError(400, "scenario",
                         "scenario '" + loaded->id + "' declares no actions to optimise over");
    }
    const double budget = number_field(body, "budget", std::nullopt, 0.0, 1e15);
    std::optional<double> target;
    if (body.contains("target") && !body.at("target").is_null())
      target = number_field(body, "target", std::nullopt, 0.0, 1.0);
    const auto at = date_field(body);
    return run_bounded([loaded, at, forum_id, motion_id, budget, target] {
      const Scenario world = world_on(*loaded, at);
      return analysis::optimize(world, *world.find_forum(forum_id), *world.find_motion(motion_id), budget,
                                target);
    });
  }

  // Per-motion lobbying against lasting partnerships over the scenario's horizon, with
  // its budgets or the request's (at most kMaxBudgets, ascending).
  Json compare(const Json& body) {
    check_known_fields(body, {"scenario", "budgets"});
    const auto loaded = scenario(body);
    if (!loaded->scenario.horizon) {
      throw RequestError(
          400, "scenario",
          "scenario '" + loaded->id + "' declares no horizon: (motions and budgets to compare)");
    }
    if (loaded->scenario.actions.empty()) {
      throw RequestError(400, "scenario",
                         "scenario '" + loaded->id + "' declares no actions to optimise over");
    }
    std::vector<double> budgets;
    if (body.contains("budgets") && !body.at("budgets").is_null()) {
      const Json& list = body.at("budgets");
      if (!list.is_array() || list.empty() || list.size() > kMaxBudgets) {
        throw RequestError(
            400, "budgets",
            "field 'budgets' must be an array of 1 to " + std::to_string(kMaxBudgets) + " numbers");
      }
      for (const auto& b : list) {
        if (!b.is_number() || !(b.get<double>() >= 0.0) || !(b.get<double>() <= 1e15)) {
          throw RequestError(400, "budgets",
                             "field 'budgets' must hold numbers in [0, 1e+15], found " + b.dump());
        }
        if (!budgets.empty() && !(b.get<double>() > budgets.back())) {
          throw RequestError(400, "budgets", "field 'budgets' must be in increasing order");
        }
        budgets.push_back(b.get<double>());
      }
    }
    return run_bounded(
        [loaded, budgets] { return api::comparison_json(api::compare(loaded->scenario, budgets)); });
  }

  Json corridor(const Json& body) {
    check_known_fields(body, {"scenario", "close", "activity", "at"});
    const auto loaded = scenario(body);
    if (loaded->scenario.network.empty()) {
      throw RequestError(400, "scenario", "scenario '" + loaded->id + "' has no corridor network");
    }
    corridor::Shocks shocks;
    if (body.contains("close")) {
      const Json& close = body.at("close");
      if (!close.is_array())
        throw RequestError(400, "close", "field 'close' must be an array of edge or node ids");
      for (const auto& id : close) {
        if (!id.is_string())
          throw RequestError(400, "close", "field 'close' must be an array of edge or node ids");
        shocks.closed.push_back(id.get<std::string>());
      }
    }
    if (body.contains("activity")) {
      const Json& activity = body.at("activity");
      if (!activity.is_object())
        throw RequestError(400, "activity", "field 'activity' must be an object group: value");
      for (const auto& [group, value] : activity.items()) {
        shocks.group_activity[group] = nested_number(activity, "activity", group, 0.0, 1.0);
      }
    }
    const auto at = date_field(body);
    const Scenario world = world_on(*loaded, at);
    if (const std::string problem = corridor::check_shocks(world.network, shocks); !problem.empty()) {
      throw RequestError(400, body.contains("close") ? "close" : "activity", problem);
    }
    return run_bounded([world, shocks] { return analysis::route(world, shocks); });
  }

  void install_routes() {
    auto reply = [](httplib::Response& response, int status, const Json& body) {
      response.status = status;
      response.set_content(body.dump(), "application/json");
    };
    // Wraps an engine endpoint: parse, check, run, record, answer; errors as JSON.
    auto engine = [this, reply](const std::string& verb, auto handler) {
      return [this, reply, verb, handler](const httplib::Request& request, httplib::Response& response) {
        try {
          const Json body = parse_body(request);
          const auto start = std::chrono::steady_clock::now();
          std::uint64_t seed = 0;
          const Json result = handler(body, seed);
          const double ms =
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
          record(verb, *scenario(body), body, seed, result, ms);
          reply(response, 200, result);
        } catch (const RequestError& e) {
          reply(response, e.status, {{"error", e.what()}, {"field", e.field}});
        } catch (const InputError& e) {
          reply(response, 422, {{"error", e.what()}});
        } catch (const PreconditionError& e) {
          reply(response, 422, {{"error", e.what()}});
        } catch (const std::exception& e) {
          reply(response, 500, {{"error", std::string("internal error: ") + e.what()}});
        }
      };
    };
    http.Post("/api/forecast",
              engine("forecast", [this](const Json& b, std::uint64_t& s) { return forecast(b, s); }));
    http.Post("/api/vote", engine("vote", [this](const Json& b, std::uint64_t& s) { return vote(b, s); }));
    http.Post("/api/power", engine("power", [this](const Json& b, std::uint64_t& s) { return power(b, s); }));
    http.Post("/api/influence",
              engine("influence", [this](const Json& b, std::uint64_t&) { return influence(b); }));
    http.Post("/api/optimize",
              engine("optimize", [this](const Json& b, std::uint64_t&) { return optimize(b); }));
    http.Post("/api/compare",
              engine("compare", [this](const Json& b, std::uint64_t&) { return compare(b); }));
    http.Post("/api/corridor",
              engine("corridor", [this](const Json& b, std::uint64_t&) { return corridor(b); }));

    // Read-only endpoints.
    auto read = [this, reply](auto handler) {
      return [this, reply, handler](const httplib::Request& request, httplib::Response& response) {
        try {
          reply(response, 200, handler(request));
        } catch (const RequestError& e) {
          reply(response, e.status, {{"error", e.what()}, {"field", e.field}});
        } catch (const std::exception& e) {
          reply(response, 500, {{"error", std::string("internal error: ") + e.what()}});
        }
      };
    };
    http.Get("/api/health", read([this](const httplib::Request&) {
               return Json{{"status", "ok"},
                           {"version", options.version},
                           {"scenarios", scenarios.size()},
                           {"runs", runs.has_value()}};
             }));
    http.Get("/api/scenarios", read([this](const httplib::Request&) {
               Json out = Json::array();
               for (const auto& [id, loaded] : scenarios) {
                 const Scenario& s = loaded->scenario;
                 out.push_back({{"id", id},
                                {"name", s.name},
                                {"path", loaded->path},
                                {"actors", s.actors.size()},
                                {"forums", s.forums.size()},
                                {"issues", s.issues.size()},
                                {"motions", s.motions.size()},
                                {"actions", s.actions.size()},
                                {"network", !s.network.empty()},
                                {"horizon", s.horizon.has_value()}});
               }
               return out;
             }));
    http.Get(R"(/api/scenarios/(.+))", read([this](const httplib::Request& request) {
               auto it = scenarios.find(request.matches[1].str());
               if (it == scenarios.end())
                 throw RequestError(404, "scenario", "no scenario '" + request.matches[1].str() + "'");
               return scenario_info(*it->second);
             }));
    auto store = [this]() -> store::RunStore& {
      if (!runs) throw RequestError(404, "", "this server keeps no run store (start it with --db)");
      return *runs;
    };
    auto run_id = [](const std::string& text, const std::string& field) {
      std::int64_t id = 0;
      try {
        std::size_t used = 0;
        id = std::stoll(text, &used);
        if (used != text.size()) throw std::invalid_argument(text);
      } catch (const std::exception&) {
        throw RequestError(400, field, "run id must be an integer, found '" + text + "'");
      }
      return id;
    };
    http.Get("/api/runs", read([this, store](const httplib::Request& request) {
               int limit = 50;
               if (request.has_param("limit")) {
                 const std::string text = request.get_param_value("limit");
                 try {
                   limit = std::stoi(text);
                 } catch (const std::exception&) {
                   throw RequestError(400, "limit", "limit must be an integer, found '" + text + "'");
                 }
                 if (limit < 1 || limit > kMaxRunsListed) {
                   throw RequestError(400, "limit",
                                      "limit must be in [1, " + std::to_string(kMaxRunsListed) + "]");
                 }
               }
               const std::lock_guard lock(store_mutex);
               Json out = Json::array();
               for (const auto& run : store().list(limit)) out.push_back(store::run_to_json(run, false));
               return out;
             }));
    http.Get(R"(/api/runs/([^/]+))", read([this, store, run_id](const httplib::Request& request) {
               const std::int64_t id = run_id(request.matches[1].str(), "id");
               const std::lock_guard lock(store_mutex);
               auto run = store().get(id);
               if (!run) throw RequestError(404, "id", "no run with id " + std::to_string(id));
               Json out = store::run_to_json(*run, true);
               out.erase("scenario_content");
               return out;
             }));
    http.Get(R"(/api/runs/([^/]+)/diff/([^/]+))",
             read([this, store, run_id](const httplib::Request& request) {
               const std::int64_t a = run_id(request.matches[1].str(), "a");
               const std::int64_t b = run_id(request.matches[2].str(), "b");
               const std::lock_guard lock(store_mutex);
               auto run_a = store().get(a);
               auto run_b = store().get(b);
               if (!run_a) throw RequestError(404, "a", "no run with id " + std::to_string(a));
               if (!run_b) throw RequestError(404, "b", "no run with id " + std::to_string(b));
               Json out = Json::array();
               for (const auto& d : store::diff_runs(*run_a, *run_b)) {
                 out.push_back({{"field", d.field}, {"a", d.a}, {"b", d.b}});
               }
               return Json{{"a", a}, {"b", b}, {"differences", out}};
             }));

    // Everything else: a file of the web UI, or 404.
    http.Get(R"(/(?!api/).*)", [this, reply](const httplib::Request& request, httplib::Response& response) {
      const auto file = static_file(options.static_dir, request.path);
      if (!file) {
        reply(response, 404, {{"error", "not found: " + request.path}});
        return;
      }
      response.set_content(read_text(*file), content_type(*file));
    });
  }

  void configure() {
    http.set_payload_max_length(options.max_body_bytes);
    http.set_read_timeout(5, 0);
    http.set_write_timeout(5, 0);
    http.set_keep_alive_max_count(100);
    const std::size_t threads = std::max<std::size_t>(options.threads, 1);
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"Cache-Control", "no-store"}});
    const std::string token = options.token;
    // A browser cannot add a header to the page's own requests: opening the UI once
    // with ?token=T sets an HttpOnly, same-site cookie that later requests carry.
    http.set_pre_routing_handler([token](const httplib::Request& request, httplib::Response& response) {
      if (token.empty()) return httplib::Server::HandlerResponse::Unhandled;
      const std::string header = request.get_header_value("Authorization");
      const std::string prefix = "Bearer ";
      if (header.rfind(prefix, 0) == 0 && constant_time_equal(header.substr(prefix.size()), token)) {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      if (constant_time_equal(cookie_value(request.get_header_value("Cookie"), kTokenCookie), token)) {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      if (request.has_param("token") && constant_time_equal(request.get_param_value("token"), token)) {
        response.set_header("Set-Cookie",
                            std::string(kTokenCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
        return httplib::Server::HandlerResponse::Unhandled;
      }
      response.status = 401;
      response.set_header("WWW-Authenticate", "Bearer");
      response.set_content(Json{{"error", "missing or wrong bearer token"}}.dump(), "application/json");
      return httplib::Server::HandlerResponse::Handled;
    });
    http.set_error_handler([](const httplib::Request&, httplib::Response& response) {
      if (response.body.empty()) {
        // httplib's own refusals (413 body too large, 400 malformed request, ...).
        response.set_content(Json{{"error", "HTTP " + std::to_string(response.status)}}.dump(),
                             "application/json");
      }
    });
    http.set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
      response.status = 500;
      response.set_content(Json{{"error", "internal error"}}.dump(), "application/json");
    });
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  if (!is_loopback(impl_->options.host) && impl_->options.token.empty()) {
    throw std::invalid_argument("a token is required to listen on the non-loopback address " +
                                impl_->options.host);
  }
  impl_->load_scenarios();
  if (!impl_->options.db_path.empty()) impl_->runs.emplace(store::RunStore::open(impl_->options.db_path));
  impl_->configure();
  impl_->install_routes();
}

Server::~Server() {
  stop();
}

int Server::bind() {
  auto& o = impl_->options;
  if (o.port == 0) {
    const int port = impl_->http.bind_to_any_port(o.host);
    if (port <= 0) throw std::runtime_error("cannot bind " + o.host + " on an ephemeral port");
    return port;
  }
  if (!impl_->http.bind_to_port(o.host, o.port)) {
    throw std::runtime_error("cannot bind " + o.host + ":" + std::to_string(o.port));
  }
  return o.port;
}

void Server::listen() {
  impl_->http.listen_after_bind();
}

void Server::stop() {
  if (impl_) impl_->http.stop();
}

}  // namespace statecraft::server
