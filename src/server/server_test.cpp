// The HTTP server on a loopback ephemeral port, driven by httplib::Client: the API's
// numbers are the analysis library's, bad input is a 400 naming the field, bodies are
// capped, static paths cannot escape, tokens are enforced, long calls time out, and
// many parallel clients get the same answers as one.
#include "server/server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "analysis/forecast.h"
#include "io/scenario_loader.h"

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using statecraft::server::Server;
using statecraft::server::ServerOptions;

const std::string kEverything = std::string(STATECRAFT_SOURCE_DIR) + "/tests/cli/report/everything.yaml";
const std::string kCouncil = std::string(STATECRAFT_SOURCE_DIR) + "/tests/cli/vote/council.yaml";

fs::path scratch_dir(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("statecraft-server-test-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// A server on 127.0.0.1 with an ephemeral port, listening on its own thread.
class Running {
 public:
  explicit Running(ServerOptions options) : server_(std::move(options)) {
    port_ = server_.bind();
    thread_ = std::thread([this] { server_.listen(); });
  }
  ~Running() {
    server_.stop();
    thread_.join();
  }
  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(5, 0);
    c.set_read_timeout(30, 0);
    return c;
  }

 private:
  Server server_;
  int port_ = 0;
  std::thread thread_;
};

ServerOptions basic_options(const fs::path& dir) {
  ServerOptions o;
  o.port = 0;
  o.scenarios = {kEverything, kCouncil};
  o.db_path = dir / "runs.sqlite";
  o.static_dir = dir / "static";
  o.threads = 8;
  fs::create_directories(o.static_dir / "sub");
  std::ofstream(o.static_dir / "index.html") << "<!DOCTYPE html><title>ui</title>";
  std::ofstream(o.static_dir / "sub" / "a.txt") << "inside";
  std::ofstream(dir / "secret.txt") << "SECRET";
  return o;
}

Json post(httplib::Client& client, const std::string& path, const Json& body, int expected_status) {
  auto r = client.Post(path.c_str(), body.dump(), "application/json");
  EXPECT_TRUE(r) << path;
  if (!r) return {};
  EXPECT_EQ(r->status, expected_status) << path << " " << body.dump() << " -> " << r->body;
  return Json::parse(r->body, nullptr, false);
}

TEST(Server, ForecastEqualsTheAnalysisLibraryAndIsRecorded) {
  const auto dir = scratch_dir("forecast");
  Running server(basic_options(dir));
  auto client = server.client();
  const Json body = {
      {"scenario", "everything"}, {"issue", "inquiry"}, {"model", "bdm"}, {"samples", 50}, {"seed", 3}};
  const Json got = post(client, "/api/forecast", body, 200);

  const auto scenario = statecraft::io::load_scenario(kEverything);
  statecraft::analysis::ForecastSpec spec;
  spec.models = {statecraft::bargain::Model::bdm};
  spec.samples = 50;
  spec.seed = 3;
  spec.bands = true;
  const auto expected =
      statecraft::analysis::forecast(*scenario.find_issue("inquiry"), scenario.parameters, spec);
  ASSERT_EQ(got["models"].size(), 1u);
  EXPECT_EQ(got["models"][0], Json::parse(expected.front().dump()));

  // A changed salience changes the answer.
  Json changed = body;
  changed["salience"] = {{"EEE", 0.1}};
  EXPECT_NE(post(client, "/api/forecast", changed, 200)["models"][0]["interval"],
            got["models"][0]["interval"]);

  auto runs = client.Get("/api/runs");
  ASSERT_TRUE(runs);
  ASSERT_EQ(runs->status, 200);
  const Json list = Json::parse(runs->body);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["verb"], "forecast");
  auto one = client.Get("/api/runs/1");
  ASSERT_TRUE(one);
  EXPECT_EQ(Json::parse(one->body)["result"], got);
  auto diff = client.Get("/api/runs/1/diff/2");
  ASSERT_TRUE(diff);
  const Json differences = Json::parse(diff->body)["differences"];
  bool salience_differs = false;
  for (const auto& d : differences)
    salience_differs = salience_differs || d["field"] == "/parameters/salience/EEE";
  EXPECT_TRUE(salience_differs) << diff->body;
  EXPECT_EQ(client.Get("/api/runs/99")->status, 404);
  EXPECT_EQ(client.Get("/api/runs/x1")->status, 400);
}

TEST(Server, EveryEngineEndpointAnswers) {
  const auto dir = scratch_dir("engines");
  Running server(basic_options(dir));
  auto client = server.client();
  const Json vote = post(client, "/api/vote", {{"scenario", "council"}, {"motion", "inquiry_motion"}}, 200);
  EXPECT_GE(vote["p_pass"].get<double>(), 0.0);
  EXPECT_LE(vote["p_pass"].get<double>(), 1.0);
  EXPECT_EQ(vote["members"].size(), 5u);
  EXPECT_EQ(
      post(client, "/api/power", {{"scenario", "everything"}, {"forum", "weighted"}}, 200)["banzhaf"].size(),
      3u);
  EXPECT_FALSE(post(client, "/api/influence", {{"scenario", "everything"}}, 200)["channels"].empty());
  const Json plan = post(client, "/api/optimize",
                         {{"scenario", "everything"}, {"motion", "inquiry_motion"}, {"budget", 20}}, 200);
  EXPECT_GE(plan["p_after"].get<double>(), plan["p_before"].get<double>());
  const Json open = post(client, "/api/corridor", {{"scenario", "everything"}}, 200);
  const Json closed = post(client, "/api/corridor", {{"scenario", "everything"}, {"close", {"border"}}}, 200);
  EXPECT_NE(open["hub_share"], closed["hub_share"]);
  EXPECT_TRUE(closed.contains("shock_cost"));
  auto info = client.Get("/api/scenarios/everything");
  ASSERT_TRUE(info);
  EXPECT_EQ(Json::parse(info->body)["network"]["edges"].size(), 4u);
  EXPECT_EQ(Json::parse(client.Get("/api/scenarios")->body).size(), 2u);
}

// The golden case of `optimize --compare` (tests/golden/optimize-compare-two-forums),
// through the API: same numbers, and bad budgets or a scenario without a horizon are 400s.
TEST(Server, CompareAnswersLikeTheCliAndChecksItsBudgets) {
  const auto dir = scratch_dir("compare");
  ServerOptions o = basic_options(dir);
  o.scenarios.push_back(std::string(STATECRAFT_SOURCE_DIR) +
                        "/tests/golden/optimize-compare-two-forums/scenario.yaml");
  Running server(o);
  auto client = server.client();
  const Json all = post(client, "/api/compare", {{"scenario", "scenario"}}, 200);
  EXPECT_EQ(all["budgets"].size(), 6u);
  EXPECT_NEAR(all["points"][0]["expected_passes"].get<double>(), 0.8778237052406681, 1e-9);
  const Json two = post(client, "/api/compare", {{"scenario", "scenario"}, {"budgets", {0, 35}}}, 200);
  EXPECT_EQ(two["budgets"], Json({0.0, 35.0}));
  EXPECT_EQ(post(client, "/api/compare", {{"scenario", "scenario"}, {"budgets", {10, 5}}}, 400)["field"],
            "budgets");
  EXPECT_EQ(post(client, "/api/compare", {{"scenario", "scenario"}, {"budgets", {-1}}}, 400)["field"],
            "budgets");
  EXPECT_EQ(post(client, "/api/compare", {{"scenario", "scenario"}, {"budgets", "10"}}, 400)["field"],
            "budgets");
  EXPECT_EQ(post(client, "/api/compare", {{"scenario", "council"}}, 400)["field"], "scenario");
  EXPECT_TRUE(Json::parse(client.Get("/api/scenarios/scenario")->body)["horizon"].is_object());
}

TEST(Server, BadInputIsA400NamingTheField) {
  const auto dir = scratch_dir("bad");
  Running server(basic_options(dir));
  auto client = server.client();
  struct Case {
    Json body;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{{"issue", "inquiry"}}, "scenario"},
      {{{"scenario", "everything"}}, "issue"},
      {{{"scenario", 5}, {"issue", "inquiry"}}, "scenario"},
      {{{"scenario", "everything"}, {"issue", "inquiry"}, {"samples", -1}}, "samples"},
      {{{"scenario", "everything"}, {"issue", "inquiry"}, {"samples", 1e9}}, "samples"},
      {{{"scenario", "everything"}, {"issue", "inquiry"}, {"model", "nope"}}, "model"},
      {{{"scenario", "everything"}, {"issue", "inquiry"}, {"salience", {{"AAA", 2}}}}, "salience.AAA"},
      {{{"scenario", "everything"}, {"issue", "inquiry"}, {"salience", {{"ZZZ", 0.5}}}}, "salience.ZZZ"},
      {{{"scenario", "everything"}, {"issue", "inquiry"}, {"sampels", 5}}, "sampels"},
      {{{"scenario", "everything"}, {"issue", "inquiry"}, {"seed", "x"}}, "seed"},
  };
  for (const auto& c : cases) {
    const Json error = post(client, "/api/forecast", c.body, 400);
    EXPECT_EQ(error["field"], c.field) << c.body.dump();
    EXPECT_NE(error["error"].get<std::string>().find(c.field.substr(0, c.field.find('.'))), std::string::npos)
        << error.dump();
  }
  EXPECT_EQ(post(client, "/api/forecast", {{"scenario", "nope"}, {"issue", "inquiry"}}, 404)["field"],
            "scenario");
  EXPECT_EQ(post(client, "/api/vote", {{"scenario", "council"}, {"motion", "m"}, {"at", "2019-13-01"}},
                 404)["field"],
            "motion");
  EXPECT_EQ(post(client, "/api/vote", {{"scenario", "council"}, {"motion", "inquiry_motion"}, {"at", "soon"}},
                 400)["field"],
            "at");
  EXPECT_EQ(post(client, "/api/corridor", {{"scenario", "everything"}, {"close", {"nowhere"}}}, 400)["field"],
            "close");
  EXPECT_EQ(
      post(client, "/api/optimize", {{"scenario", "everything"}, {"motion", "inquiry_motion"}}, 400)["field"],
      "budget");
  auto r = client.Post("/api/forecast", "{not json", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("not valid JSON"), std::string::npos);
}

TEST(Server, BodiesAboveTheLimitAreRefused) {
  const auto dir = scratch_dir("limit");
  auto options = basic_options(dir);
  options.max_body_bytes = 4096;
  Running server(options);
  auto client = server.client();
  const std::string big =
      R"({"scenario":"everything","issue":"inquiry","pad":")" + std::string(8192, 'x') + "\"}";
  auto r = client.Post("/api/forecast", big, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
}

TEST(Server, StaticFilesCannotEscapeTheirDirectory) {
  const auto dir = scratch_dir("static");
  Running server(basic_options(dir));
  auto client = server.client();
  auto index = client.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->body.find("<title>ui</title>"), std::string::npos);
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  auto inside = client.Get("/sub/a.txt");
  ASSERT_TRUE(inside);
  EXPECT_EQ(inside->body, "inside");
  // A symbolic link out of the directory is not followed out either.
  fs::create_symlink(dir / "secret.txt", dir / "static" / "link.txt");
  for (const char* path :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/sub/../../secret.txt", "/sub/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt", "/sub/..%2f..%2fsecret.txt", "/%2e%2e%5csecret.txt", "/link.txt", "//etc/passwd",
        "/sub//a.txt", "/./index.html"}) {
    auto r = client.Get(path);
    if (!r) continue;  // a request line httplib refuses outright is fine too
    EXPECT_NE(r->status, 200) << path;
    EXPECT_EQ(r->body.find("SECRET"), std::string::npos) << path;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << path;
  }
}

TEST(Server, ATokenIsRequiredOffLoopbackAndCheckedOnEveryRequest) {
  ServerOptions open;
  open.host = "0.0.0.0";
  open.port = 0;
  EXPECT_THROW(Server{open}, std::invalid_argument);

  const auto dir = scratch_dir("token");
  auto options = basic_options(dir);
  options.token = "s3cret-token";
  Running server(options);
  auto client = server.client();
  EXPECT_EQ(client.Get("/api/health")->status, 401);
  EXPECT_EQ(client.Get("/")->status, 401);
  EXPECT_EQ(client.Get("/api/health", {{"Authorization", "Bearer wrong-token!"}})->status, 401);
  EXPECT_EQ(client.Get("/api/health", {{"Authorization", "s3cret-token"}})->status, 401);
  EXPECT_EQ(client.Get("/api/health", {{"Authorization", "Bearer s3cret-token"}})->status, 200);
  // The browser's way: ?token= once sets a cookie, which then suffices.
  EXPECT_EQ(client.Get("/?token=wrong")->status, 401);
  auto page = client.Get("/?token=s3cret-token");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Set-Cookie").rfind("statecraft_token=s3cret-token;", 0), 0u);
  EXPECT_EQ(client.Get("/api/health", {{"Cookie", "a=1; statecraft_token=s3cret-token"}})->status, 200);
  EXPECT_EQ(client.Get("/api/health", {{"Cookie", "statecraft_token=s3cret"}})->status, 401);
  client.set_bearer_token_auth("s3cret-token");
  EXPECT_EQ(client.Get("/")->status, 200);
}

TEST(Server, ALongComputationIsCutOffAt503) {
  const auto dir = scratch_dir("timeout");
  auto options = basic_options(dir);
  options.request_timeout = std::chrono::milliseconds(1);
  Running server(options);
  auto client = server.client();
  const Json error =
      post(client, "/api/forecast",
           {{"scenario", "everything"}, {"issue", "inquiry"}, {"model", "bdm"}, {"samples", 20000}}, 503);
  EXPECT_NE(error["error"].get<std::string>().find("longer than"), std::string::npos);
}

TEST(Server, ParallelClientsGetTheSameAnswersAsOne) {
  const auto dir = scratch_dir("parallel");
  Running server(basic_options(dir));
  const Json forecast = {
      {"scenario", "everything"}, {"issue", "inquiry"}, {"model", "bdm"}, {"samples", 20}, {"seed", 5}};
  const Json vote = {{"scenario", "council"}, {"motion", "inquiry_motion"}};
  auto reference_client = server.client();
  const Json forecast_reference = post(reference_client, "/api/forecast", forecast, 200);
  const Json vote_reference = post(reference_client, "/api/vote", vote, 200);

  constexpr int kThreads = 16;
  constexpr int kRequests = 20;
  std::atomic<int> ok{0};
  std::atomic<int> wrong{0};
  std::atomic<int> retried{0};
  std::mutex failures_mutex;
  std::vector<std::string> failures;
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto client = server.client();
      for (int k = 0; k < kRequests; ++k) {
        const int kind = (t + k) % 4;
        const auto send = [&] {
          return kind == 0   ? client.Post("/api/forecast", forecast.dump(), "application/json")
                 : kind == 1 ? client.Post("/api/vote", vote.dump(), "application/json")
                 : kind == 2 ? client.Get("/api/runs?limit=5")
                             : client.Get("/api/scenarios/council");
        };
        httplib::Result r = send();
        // On a heavily loaded machine cpp-httplib (0.11.4) now and then closes a fresh
        // connection without answering (about 1 run in 20 at load 12; no request was
        // processed: none was recorded). A client tries such a request once more, as a
        // browser does; every answer must still be right and every run recorded once.
        if (!r) {
          ++retried;
          r = send();
        }
        if (!r || r->status != 200) {
          ++wrong;
          const std::lock_guard lock(failures_mutex);
          failures.push_back(r ? std::to_string(r->status) + " " + r->body : httplib::to_string(r.error()));
          continue;
        }
        const Json body = Json::parse(r->body, nullptr, false);
        const bool same = kind == 0   ? body == forecast_reference
                          : kind == 1 ? body == vote_reference
                                      : !body.is_discarded();
        (same ? ok : wrong)++;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(wrong.load(), 0);
  for (const auto& failure : failures) ADD_FAILURE() << failure;
  EXPECT_EQ(ok.load(), kThreads * kRequests);
  EXPECT_LT(seconds, 60.0);
  // Every engine request was recorded: 2 reference runs + 160 forecasts and votes.
  auto client = server.client();
  auto runs = client.Get("/api/runs?limit=1000");
  ASSERT_TRUE(runs);
  // A retried engine request may have been recorded the first time too.
  const std::size_t recorded = Json::parse(runs->body).size();
  EXPECT_GE(recorded, 2u + kThreads * kRequests / 2);
  EXPECT_LE(recorded, 2u + kThreads * kRequests / 2 + static_cast<std::size_t>(retried.load()));
  EXPECT_LE(retried.load(), 4) << "more than a rare dropped connection";
}

}  // namespace
