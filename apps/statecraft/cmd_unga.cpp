// `statecraft unga fit|alignment|forecast|backtest|plot`: UN General Assembly roll calls:
// dynamic ideal points, alignments between states, and forecasts of votes checked by a
// rolling-origin backtest. Data: Voeten's votes as packaged in the R package unvotes.
#include <fmt/core.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "api/unga_forecast.h"
#include "commands.h"
#include "core/date.h"
#include "core/error.h"
#include "io/unvotes_loader.h"
#include "rollcall/forecast.h"
#include "rollcall/ideal_points.h"
#include "run_recorder.h"
#include "unga_backtest.h"

namespace statecraft::cli {
namespace {

constexpr const char* kUnvotesCitation =
    "votes: Voeten, Strezhnev & Bailey, doi:10.7910/DVN/LEJUQZ (CC0), via R package unvotes";

struct UngaFiles {
  std::string votes;
  std::string roll_calls;
};

void add_file_options(CLI::App* command, UngaFiles& files) {
  command->add_option("--votes", files.votes, "votes.csv(.gz) of the unvotes data")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--roll-calls", files.roll_calls, "roll_calls.csv(.gz) of the unvotes data")
      ->required()
      ->check(CLI::ExistingFile);
}

// The country with this ISO3 code that voted most recently (COW codes are the key; a
// few historical states share labels). `flag` names the option in errors.
int find_country(const rollcall::UngaData& data, const rollcall::VoteIndex& index, const std::string& iso3,
                 const char* flag = "--country") {
  // An empty code would match the historical states that have none.
  if (iso3.empty()) throw InputError(SourceLocation{flag, 0, 0}, "empty ISO3 code");
  std::string wanted = iso3;
  std::transform(wanted.begin(), wanted.end(), wanted.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  int found = -1, found_session = -1;
  std::vector<int> last_session(data.countries.size(), -1);
  for (std::size_t item = 0; item < index.item_count(); ++item) {
    for (std::size_t b = index.ballot_begin[item]; b < index.ballot_begin[item + 1]; ++b) {
      last_session[static_cast<std::size_t>(index.ballot_country[b])] = index.session[item];
    }
  }
  for (std::size_t c = 0; c < data.countries.size(); ++c) {
    if (data.countries[c].iso3 == wanted && last_session[c] > found_session) {
      found = static_cast<int>(c);
      found_session = last_session[c];
    }
  }
  if (found < 0) throw InputError(SourceLocation{flag, 0, 0}, "no country with ISO3 code '" + iso3 + "'");
  return found;
}

int usa_index(const rollcall::UngaData& data) {
  for (std::size_t c = 0; c < data.countries.size(); ++c) {
    if (data.countries[c].ccode == 2) return static_cast<int>(c);
  }
  return -1;
}

struct FitOptions {
  UngaFiles files;
  std::string sessions;
  int dimensions = 1;
  double drift_sd = 0.25;
  int iterations = 200;
  std::string out;
  std::string format = "csv";
};

void register_fit(CLI::App* unga, Context& context) {
  auto* command = unga->add_subcommand("fit", "Fit dynamic ideal points; write country-session positions");
  auto options = std::make_shared<FitOptions>();
  add_file_options(command, options->files);
  command->add_option("--sessions", options->sessions, "Sessions to fit, A-B (default: all)");
  command->add_option("--dims", options->dimensions, "Dimensions")->check(CLI::IsMember({1, 2}));
  command->add_option("--drift-sd", options->drift_sd, "Drift of a position per session (sd)")
      ->check(CLI::PositiveNumber);
  command->add_option("--iterations", options->iterations, "Alternating Newton iterations at most")
      ->check(CLI::Range(1, 100000));
  command->add_option("-o,--out", options->out, "Output file (default: stdout)");
  command->add_option("--format", options->format, "csv or json")->check(CLI::IsMember({"csv", "json"}));
  command->callback([options, &context] {
    RunRecorder recorder(context, "unga fit");
    const auto data = io::load_unvotes(options->files.votes, options->files.roll_calls);
    const auto index = rollcall::index_votes(data);
    auto [first, last] = options->sessions.empty() ? std::pair<int, int>{1, index.max_session}
                                                   : parse_session_range(options->sessions, "--sessions");
    if (last > index.max_session) {
      throw InputError(SourceLocation{"--sessions", 0, 0},
                       fmt::format("the data ends at session {}", index.max_session));
    }
    rollcall::IdealPointParams params;
    params.dimensions = options->dimensions;
    params.drift_sd = options->drift_sd;
    params.max_iterations = options->iterations;
    params.orient_country = usa_index(data);
    const auto fit = rollcall::fit_ideal_points(index, first, last, params);
    std::ostringstream text;
    const int dims = fit.dimensions;
    if (options->format == "csv") {
      text << "ccode,iso3,country,session";
      for (int d = 1; d <= dims; ++d) text << ",x" << d;
      for (int d = 1; d <= dims; ++d) text << ",se" << d;
      text << "\n";
    }
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (int c = 0; c < fit.country_count; ++c) {
      const auto& country = data.countries[static_cast<std::size_t>(c)];
      const int from = fit.country_first[static_cast<std::size_t>(c)];
      if (from < 0) continue;
      for (int s = from; s <= fit.country_last[static_cast<std::size_t>(c)]; ++s) {
        {
          nlohmann::ordered_json row = {{"ccode", country.ccode}, {"iso3", country.iso3}, {"session", s}};
          row["position"] = nlohmann::json::array();
          row["standard_error"] = nlohmann::json::array();
          for (int d = 0; d < dims; ++d) {
            row["position"].push_back(fit.position[fit.slot(c, s, d)]);
            row["standard_error"].push_back(fit.standard_error[fit.slot(c, s, d)]);
          }
          rows.push_back(row);
        }
        if (options->format == "csv") {
          text << country.ccode << ',' << country.iso3 << ",\"" << country.name << "\"," << s;
          for (int d = 0; d < dims; ++d)
            text << ',' << fmt::format("{:.5f}", fit.position[fit.slot(c, s, d)]);
          for (int d = 0; d < dims; ++d)
            text << ',' << fmt::format("{:.5f}", fit.standard_error[fit.slot(c, s, d)]);
          text << "\n";
        }
      }
    }
    nlohmann::ordered_json out = {{"dims", dims},
                                  {"sessions", {first, last}},
                                  {"iterations", fit.iterations},
                                  {"log_posterior", fit.log_posterior},
                                  {"source", kUnvotesCitation},
                                  {"rows", rows}};
    if (options->format == "json") text << out.dump() << "\n";
    // Write the output file before recording, so that a failed write records nothing.
    std::ofstream file;
    if (!options->out.empty()) {
      file.open(options->out);
      if (!file) throw InputError(SourceLocation{options->out, 0, 0}, "cannot write file");
    }
    const nlohmann::json parameters = {
        {"votes", options->files.votes}, {"roll_calls", options->files.roll_calls},
        {"sessions", {first, last}},     {"dims", dims},
        {"drift_sd", options->drift_sd}, {"iterations", options->iterations},
        {"format", options->format}};
    const std::int64_t run = recorder.record("", parameters, 0, nlohmann::json::parse(out.dump()));
    if (options->out.empty()) {
      fmt::print("{}", text.str());
    } else {
      file << text.str();
      fmt::print(stderr, "{} sessions {}-{}: {} iterations, log posterior {:.1f}; wrote {}{}\n",
                 dims == 1 ? "1-dimensional" : "2-dimensional", first, last, fit.iterations,
                 fit.log_posterior, options->out, run > 0 ? fmt::format(" (run {})", run) : std::string());
    }
  });
}

struct AlignmentOptions {
  UngaFiles files;
  std::string country;
  int session = 0;
  int dimensions = 2;
  int window = 10;
  std::string partners;  // comma-separated ISO3 codes; empty: every state
  std::string format = "table";
};

void register_alignment(CLI::App* unga) {
  auto* command = unga->add_subcommand("alignment", "Each state's distance from a country in a session");
  auto options = std::make_shared<AlignmentOptions>();
  add_file_options(command, options->files);
  command->add_option("--country", options->country, "ISO3 code, e.g. PAK")->required();
  command->add_option("--session", options->session, "Session, e.g. 69")
      ->required()
      ->check(CLI::PositiveNumber);
  command->add_option("--dims", options->dimensions, "Ideal-point dimensions")->check(CLI::IsMember({1, 2}));
  command->add_option("--window", options->window, "Sessions fitted, ending at --session")
      ->check(CLI::Range(1, 100));
  command->add_option("--partners", options->partners,
                      "Only these states, ISO3 codes comma-separated, in this order (default: all)");
  command
      ->add_option("--format", options->format, "table, json, or yaml (scenario relations with their source)")
      ->check(CLI::IsMember({"table", "json", "yaml"}));
  command->callback([options] {
    const auto data = io::load_unvotes(options->files.votes, options->files.roll_calls);
    const auto index = rollcall::index_votes(data);
    const int session = options->session;
    if (session > index.max_session) {
      throw InputError(SourceLocation{"--session", 0, 0},
                       fmt::format("the data ends at session {}", index.max_session));
    }
    const int self = find_country(data, index, options->country);
    rollcall::IdealPointParams params;
    params.dimensions = options->dimensions;
    params.orient_country = usa_index(data);
    const auto fit =
        rollcall::fit_ideal_points(index, std::max(1, session - options->window + 1), session, params);
    const auto has = [&](int c) {
      return fit.country_first[static_cast<std::size_t>(c)] >= 0 &&
             fit.country_first[static_cast<std::size_t>(c)] <= session &&
             fit.country_last[static_cast<std::size_t>(c)] >= session;
    };
    if (!has(self)) {
      throw InputError(SourceLocation{"--country", 0, 0},
                       options->country + " cast no vote in session " + std::to_string(session));
    }
    // Raw agreement in the session: share of roll calls where both voted (not absent)
    // and voted alike.
    std::vector<int> own(index.item_count(), -1);
    std::vector<double> same(data.countries.size(), 0), both(data.countries.size(), 0);
    for (std::size_t item = index.first_item(session); item < index.end_item(session); ++item) {
      int mine = -1;
      for (std::size_t b = index.ballot_begin[item]; b < index.ballot_begin[item + 1]; ++b) {
        if (index.ballot_country[b] == self && index.ballot_vote[b] != rollcall::Vote::absent) {
          mine = static_cast<int>(index.ballot_vote[b]);
        }
      }
      if (mine < 0) continue;
      for (std::size_t b = index.ballot_begin[item]; b < index.ballot_begin[item + 1]; ++b) {
        if (index.ballot_vote[b] == rollcall::Vote::absent) continue;
        const auto c = static_cast<std::size_t>(index.ballot_country[b]);
        both[c] += 1;
        same[c] += static_cast<int>(index.ballot_vote[b]) == mine;
      }
    }
    struct Row {
      int country;
      double distance;
      double se;
      double agreement;
    };
    std::vector<Row> rows;
    const int dims = fit.dimensions;
    for (int c = 0; c < fit.country_count; ++c) {
      if (c == self || !has(c)) continue;
      double d2 = 0, var = 0;
      for (int d = 0; d < dims; ++d) {
        const double diff = fit.position[fit.slot(c, session, d)] - fit.position[fit.slot(self, session, d)];
        d2 += diff * diff;
        // Delta method for |x_c - x_self| with independent errors.
        const double se_sum =
            fit.standard_error[fit.slot(c, session, d)] * fit.standard_error[fit.slot(c, session, d)] +
            fit.standard_error[fit.slot(self, session, d)] * fit.standard_error[fit.slot(self, session, d)];
        var += diff * diff * se_sum;
      }
      const double distance = std::sqrt(d2);
      const auto cc = static_cast<std::size_t>(c);
      rows.push_back({c, distance, distance > 0 ? std::sqrt(var) / distance : 0.0,
                      both[cc] > 0 ? same[cc] / both[cc] : std::nan("")});
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.distance < b.distance; });
    if (!options->partners.empty()) {
      std::vector<Row> chosen;
      std::stringstream list(options->partners);
      for (std::string code; std::getline(list, code, ',');) {
        const int c = find_country(data, index, code, "--partners");
        const auto row = std::find_if(rows.begin(), rows.end(), [c](const Row& r) { return r.country == c; });
        if (c == self)
          throw InputError(SourceLocation{"--partners", 0, 0}, code + " is the --country itself");
        if (row == rows.end()) {
          throw InputError(SourceLocation{"--partners", 0, 0},
                           code + " cast no vote in session " + std::to_string(session));
        }
        chosen.push_back(*row);
      }
      rows = std::move(chosen);
    }
    // Alignment in the scenario format's [-1, 1]: 1 - 2 d / d_max, with d_max the widest
    // distance between any two states in the session (the Assembly's span), so the two
    // farthest states get -1 and states at the same point +1.
    double widest = 0;
    for (int a = 0; a < fit.country_count; ++a) {
      if (!has(a)) continue;
      for (int b = a + 1; b < fit.country_count; ++b) {
        if (!has(b)) continue;
        double d2 = 0;
        for (int d = 0; d < dims; ++d) {
          const double diff = fit.position[fit.slot(a, session, d)] - fit.position[fit.slot(b, session, d)];
          d2 += diff * diff;
        }
        widest = std::max(widest, std::sqrt(d2));
      }
    }
    const auto alignment = [&](double distance) { return widest > 0 ? 1.0 - 2.0 * distance / widest : 1.0; };
    const auto& me = data.countries[static_cast<std::size_t>(self)];
    const std::string source = fmt::format(
        "UN General Assembly session {} ideal points ({}-dimensional dynamic ordered model, sessions {}-{}); "
        "votes: Voeten, Strezhnev & Bailey, doi:10.7910/DVN/LEJUQZ",
        session, dims, fit.first_session, fit.last_session);
    if (options->format == "yaml") {
      // Relation entries for a scenario's `relations:` (docs/scenario-format.md), both
      // directions (the distance is symmetric), each citing the command that reproduces it.
      std::string command_line =
          fmt::format("statecraft unga alignment --country {} --session {}", me.iso3, session);
      if (dims != 2) command_line += fmt::format(" --dims {}", dims);
      if (options->window != 10) command_line += fmt::format(" --window {}", options->window);
      const std::string cited = fmt::format(
          "UN General Assembly session {} ideal points ({}); Voeten et al. doi:10.7910/DVN/LEJUQZ", session,
          command_line);
      fmt::print("# alignment = 1 - 2 distance / {:.3f} ({}-dimensional ideal points, sessions {}-{})\n",
                 widest, dims, fit.first_session, fit.last_session);
      for (const Row& r : rows) {
        const auto& c = data.countries[static_cast<std::size_t>(r.country)];
        if (c.iso3.empty()) continue;  // a historical state with no ISO3 code: no scenario id
        const std::string figure =
            fmt::format("{{value: {:.2f}, source: \"{}\"}}", alignment(r.distance), cited);
        fmt::print("- {{from: {}, to: {}, alignment: {}}}\n", me.iso3, c.iso3, figure);
        fmt::print("- {{from: {}, to: {}, alignment: {}}}\n", c.iso3, me.iso3, figure);
      }
      return;
    }
    if (options->format == "json") {
      nlohmann::ordered_json out = {{"country", me.iso3},
                                    {"session", session},
                                    {"dims", dims},
                                    {"source", source},
                                    {"widest_distance", widest}};
      out["states"] = nlohmann::ordered_json::array();
      for (const Row& r : rows) {
        const auto& c = data.countries[static_cast<std::size_t>(r.country)];
        out["states"].push_back(
            {{"iso3", c.iso3},
             {"ccode", c.ccode},
             {"name", c.name},
             {"distance", r.distance},
             {"distance_se", r.se},
             {"alignment", alignment(r.distance)},
             {"agreement",
              std::isnan(r.agreement) ? nlohmann::ordered_json() : nlohmann::ordered_json(r.agreement)}});
      }
      fmt::print("{}\n", out.dump());
      return;
    }
    fmt::print("distance from {} ({}) in session {}\n", me.name, me.iso3, session);
    fmt::print("{:<5} {:<36} {:>9} {:>7} {:>10} {:>10}\n", "iso3", "state", "distance", "se", "alignment",
               "agreement");
    for (const Row& r : rows) {
      const auto& c = data.countries[static_cast<std::size_t>(r.country)];
      fmt::print("{:<5} {:<36} {:>9.3f} {:>7.3f} {:>10.3f} {:>10.3f}\n", c.iso3, c.name.substr(0, 36),
                 r.distance, r.se, alignment(r.distance), r.agreement);
    }
    fmt::print("alignment = 1 - 2 distance / {:.3f} (the widest distance between two states in session {})\n",
               widest, session);
    fmt::print("source: {}\n", source);
  });
}

struct PlotOptions {
  UngaFiles files;
  std::string countries = "PAK,IND,USA,CHN,RUS,SAU,ARE,IRN,TUR";
  std::string sessions;
  double drift_sd = 0.25;
  std::string out;
};

// An SVG line chart of first-dimension ideal points by session.
void register_plot(CLI::App* unga) {
  auto* command = unga->add_subcommand("plot", "SVG of first-dimension ideal points over sessions");
  auto options = std::make_shared<PlotOptions>();
  add_file_options(command, options->files);
  command->add_option("--countries", options->countries, "ISO3 codes, comma-separated");
  command->add_option("--sessions", options->sessions, "Sessions, A-B (default: all)");
  command->add_option("--drift-sd", options->drift_sd, "Drift of a position per session (sd)")
      ->check(CLI::PositiveNumber);
  command->add_option("-o,--out", options->out, "SVG file")->required();
  command->callback([options] {
    const auto data = io::load_unvotes(options->files.votes, options->files.roll_calls);
    const auto index = rollcall::index_votes(data);
    auto [first, last] = options->sessions.empty() ? std::pair<int, int>{1, index.max_session}
                                                   : parse_session_range(options->sessions, "--sessions");
    rollcall::IdealPointParams params;
    params.dimensions = 1;
    params.drift_sd = options->drift_sd;
    params.max_iterations = 200;
    params.orient_country = usa_index(data);
    const auto fit = rollcall::fit_ideal_points(index, first, last, params);
    std::vector<int> chosen;
    std::vector<std::string> labels;
    std::stringstream list(options->countries);
    for (std::string code; std::getline(list, code, ',');) {
      chosen.push_back(find_country(data, index, code, "--countries"));
      labels.push_back(code);
    }
    double lo = 1e9, hi = -1e9;
    for (const int c : chosen) {
      for (int s = std::max(first, fit.country_first[static_cast<std::size_t>(c)]);
           s <= fit.country_last[static_cast<std::size_t>(c)] &&
           fit.country_first[static_cast<std::size_t>(c)] >= 0;
           ++s) {
        lo = std::min(lo, fit.position[fit.slot(c, s, 0)]);
        hi = std::max(hi, fit.position[fit.slot(c, s, 0)]);
      }
    }
    const double width = 900, height = 480, left = 60, right = 110, top = 40, bottom = 50;
    const auto px = [&](double s) {
      return left + (s - first) / std::max(1, last - first) * (width - left - right);
    };
    const auto py = [&](double v) {
      return top + (hi - v) / std::max(hi - lo, 1e-9) * (height - top - bottom);
    };
    static const char* kColours[] = {"#2e7d32", "#ef6c00", "#1565c0", "#c62828", "#6a1b9a",
                                     "#00838f", "#9e9d24", "#4e342e", "#ad1457", "#37474f"};
    std::ostringstream svg;
    svg << fmt::format(
               R"svg(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" font-family="sans-serif" font-size="12">)svg",
               width, height)
        << "\n";
    svg << fmt::format(
               R"svg(<text x="{}" y="20" font-size="14">UN General Assembly ideal points (1-D dynamic ordered model), sessions {}-{}</text>)svg",
               left, first, last)
        << "\n";
    svg << fmt::format(R"svg(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="#999"/>)svg", left,
                       height - bottom, width - right)
        << "\n";
    svg << fmt::format(R"svg(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#999"/>)svg", left, top,
                       height - bottom)
        << "\n";
    for (int s = first; s <= last; ++s) {
      if (s % 5 != 0 && s != first) continue;
      svg << fmt::format(R"svg(<text x="{:.1f}" y="{}" text-anchor="middle">{}</text>)svg", px(s),
                         height - bottom + 16, s)
          << "\n";
    }
    svg << fmt::format(
               R"svg(<text x="{}" y="{}" text-anchor="middle">session (1 = 1946, 69 = 2014)</text>)svg",
               (left + width - right) / 2, height - 12)
        << "\n";
    for (int t = 0; t <= 4; ++t) {
      const double v = lo + (hi - lo) * t / 4.0;
      svg << fmt::format(R"svg(<text x="{}" y="{:.1f}" text-anchor="end">{:.1f}</text>)svg", left - 6,
                         py(v) + 4, v)
          << "\n";
    }
    svg << fmt::format(
               R"svg(<text x="14" y="{}" transform="rotate(-90 14 {})" text-anchor="middle">position (USA side +)</text>)svg",
               (top + height - bottom) / 2, (top + height - bottom) / 2)
        << "\n";
    struct Label {
      double x, y;
      const char* colour;
      std::string text;
    };
    std::vector<Label> end_labels;
    for (std::size_t i = 0; i < chosen.size(); ++i) {
      const int c = chosen[i];
      const auto cc = static_cast<std::size_t>(c);
      if (fit.country_first[cc] < 0) continue;
      std::string points;
      for (int s = fit.country_first[cc]; s <= fit.country_last[cc]; ++s) {
        points += fmt::format("{:.1f},{:.1f} ", px(s), py(fit.position[fit.slot(c, s, 0)]));
      }
      const char* colour = kColours[i % 10];
      svg << fmt::format(R"svg(<polyline fill="none" stroke="{}" stroke-width="2" points="{}"/>)svg", colour,
                         points)
          << "\n";
      const int s_end = fit.country_last[cc];
      end_labels.push_back({px(s_end) + 4, py(fit.position[fit.slot(c, s_end, 0)]) + 4, colour, labels[i]});
    }
    // Lines that end close together would print their labels on top of each other:
    // keep at least 13 px between consecutive labels, top to bottom.
    std::sort(end_labels.begin(), end_labels.end(), [](const Label& a, const Label& b) { return a.y < b.y; });
    for (std::size_t i = 1; i < end_labels.size(); ++i) {
      end_labels[i].y = std::max(end_labels[i].y, end_labels[i - 1].y + 13);
    }
    for (const Label& label : end_labels) {
      svg << fmt::format(R"svg(<text x="{:.1f}" y="{:.1f}" fill="{}">{}</text>)svg", label.x, label.y,
                         label.colour, label.text)
          << "\n";
    }
    svg << "<text x=\"" << left << "\" y=\"" << height - 28
        << "\" font-size=\"10\" fill=\"#555\">data: Voeten, Strezhnev &amp; Bailey, doi:10.7910/DVN/LEJUQZ "
           "(CC0)</text>\n";
    svg << "</svg>\n";
    std::ofstream file(options->out);
    if (!file) throw InputError(SourceLocation{options->out, 0, 0}, "cannot write file");
    file << svg.str();
  });
}

struct ForecastOptions {
  UngaFiles files;
  int rcid = 0;
  int session = 0;
  std::string date, short_title, description, issues, model = "recommended", format = "table";
  bool amendment = false, paragraph = false, two_thirds = false;
  int show = 10;
};

// One roll call before it is cast: a past one by --rcid (forecast as if its session
// had not begun, then compared with the record), or a new one from its metadata.
void register_forecast(CLI::App* unga) {
  auto* command = unga->add_subcommand(
      "forecast", "Forecast one roll call from its metadata and earlier sessions: members, counts, P(pass)");
  auto options = std::make_shared<ForecastOptions>();
  add_file_options(command, options->files);
  command->add_option("--rcid", options->rcid, "A roll call of the data (its metadata and members)")
      ->check(CLI::PositiveNumber);
  command->add_option("--session", options->session, "Session of a new roll call (2 to one after the last)");
  command->add_option("--date", options->date, "Date of a new roll call, YYYY-MM-DD");
  command->add_option("--short", options->short_title, "Short title (subject heading) of a new roll call");
  command->add_option("--description", options->description, "Description of a new roll call (its title)");
  command->add_option("--issues", options->issues, "Issue flags, comma-separated: me,nu,di,hr,co,ec");
  command->add_flag("--amendment", options->amendment, "A vote on an amendment");
  command->add_flag("--paragraph", options->paragraph, "A separate vote on a paragraph");
  command->add_flag("--two-thirds", options->two_thirds,
                    "An important question (Charter art. 18(2)): two-thirds of those present and voting");
  command->add_option("--model", options->model, "shares, lineage, ideal-point, combined or recommended");
  command->add_option("--show", options->show, "Members listed in the table (least likely to vote yes)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"table", "json"}));
  command->callback([options] {
    api::UngaForecastRequest request;
    request.two_thirds = options->two_thirds;
    request.params.model = parse_model_flag(options->model);
    const bool described = options->session != 0 || !options->description.empty() ||
                           !options->short_title.empty() || !options->date.empty() ||
                           !options->issues.empty();
    if (options->rcid != 0 && described) {
      throw InputError(
          SourceLocation{"--rcid", 0, 0},
          "give --rcid (a roll call of the data) or a new roll call's --session and --description, "
          "not both");
    }
    if (options->rcid == 0 &&
        (options->session == 0 || (options->description.empty() && options->short_title.empty()))) {
      throw InputError(SourceLocation{"--session", 0, 0},
                       "a new roll call needs --session and --description or --short (or give --rcid)");
    }
    rollcall::RollCall& p = request.proposal;
    p.rcid = options->rcid;
    p.session = options->session;
    p.date = options->date;
    p.short_title = options->short_title;
    p.description = options->description;
    p.amendment = options->amendment;
    p.paragraph = options->paragraph;
    if (!p.date.empty() && !parse_date(p.date)) {
      throw InputError(SourceLocation{"--date", 0, 0}, "'" + p.date + "' is not a date YYYY-MM-DD");
    }
    if (!options->issues.empty()) {
      std::stringstream list(options->issues);
      for (std::string flag; std::getline(list, flag, ',');) {
        const auto& names = rollcall::kIssueFlagNames;
        const auto at = std::find(names.begin(), names.end(), flag);
        if (at == names.end()) {
          throw InputError(SourceLocation{"--issues", 0, 0},
                           "unknown issue '" + flag + "'; expected me, nu, di, hr, co or ec");
        }
        p.issue_flags = static_cast<std::uint8_t>(p.issue_flags | (1u << (at - names.begin())));
      }
    }
    const auto data = io::load_unvotes(options->files.votes, options->files.roll_calls);
    nlohmann::ordered_json out;
    try {
      out = api::unga_forecast(data, request);
    } catch (const PreconditionError& e) {
      throw InputError(SourceLocation{options->rcid != 0 ? "--rcid" : "--session", 0, 0}, e.what());
    }
    if (options->format == "json") {
      fmt::print("{}\n", out.dump());
      return;
    }
    const auto& rc = out["roll_call"];
    const std::string title = rc["description"].get<std::string>().substr(0, 100);
    fmt::print(
        "roll call {} (session {}, {}): {}\n",
        rc["rcid"].is_null() ? std::string("(new)") : std::to_string(rc["rcid"].get<int>()),
        rc["session"].get<int>(), rc["date"].get<std::string>(),
        rc["short"].get<std::string>().empty() ? title : rc["short"].get<std::string>() + ": " + title);
    fmt::print("model {}, from sessions before {} only; {} members; rule: {}\n",
               out["model"].get<std::string>(), rc["session"].get<int>(), out["members"].get<std::size_t>(),
               out["rule"].get<std::string>());
    fmt::print("{:<8} {:>9} {:>14}{}\n", "ballot", "expected", "90% interval",
               out.contains("recorded") ? "   recorded" : "");
    for (const char* b : {"yes", "no", "abstain", "absent"}) {
      const auto& c = out["counts"][b];
      fmt::print("{:<8} {:>9.1f} {:>14}{}\n", b, c["mean"].get<double>(),
                 fmt::format("[{}, {}]", c["low"].get<int>(), c["high"].get<int>()),
                 out.contains("recorded") ? fmt::format(" {:>10}", out["recorded"][b].get<int>()) : "");
    }
    fmt::print("P(pass) = {:.4f}{}\n", out["p_pass"].get<double>(),
               out.contains("recorded")
                   ? (out["recorded"]["passed"].get<bool>() ? "   recorded: passed" : "   recorded: failed")
                   : "");
    std::vector<nlohmann::ordered_json> rows(out["member_forecasts"].begin(), out["member_forecasts"].end());
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return a["p_yes"].template get<double>() < b["p_yes"].template get<double>();
    });
    if (options->show > 0 && !rows.empty()) {
      fmt::print("least likely to vote yes:\n{:<7} {:<30} {:>6} {:>6} {:>8} {:>7}{}\n", "id", "member", "yes",
                 "no", "abstain", "absent", out.contains("recorded") ? "  recorded" : "");
      for (std::size_t i = 0; i < std::min(rows.size(), static_cast<std::size_t>(options->show)); ++i) {
        const auto& r = rows[i];
        fmt::print("{:<7} {:<30} {:>6.3f} {:>6.3f} {:>8.3f} {:>7.3f}{}\n", r["id"].get<std::string>(),
                   r["name"].get<std::string>().substr(0, 30), r["p_yes"].get<double>(),
                   r["p_no"].get<double>(), r["p_abstain"].get<double>(), r["p_absent"].get<double>(),
                   r.contains("recorded") ? "  " + r["recorded"].get<std::string>() : "");
      }
    }
    fmt::print("source: {}\n", out["source"].get<std::string>());
  });
}

}  // namespace

void register_unga(CLI::App& app, Context& context) {
  auto* unga = app.add_subcommand(
      "unga", "UN General Assembly roll calls: ideal points, alignment, forecasts, backtest");
  unga->require_subcommand(1);
  register_fit(unga, context);
  register_alignment(unga);
  register_plot(unga);
  register_forecast(unga);
  auto* backtest = unga->add_subcommand("backtest", "Rolling-origin backtest of vote forecasts");
  auto options = std::make_shared<UngaBacktestOptions>();
  register_unga_backtest_options(backtest, *options, true);
  backtest->get_option("--votes")->required();
  backtest->get_option("--roll-calls")->required();
  backtest->callback([options] { run_unga_backtest(*options); });
}

}  // namespace statecraft::cli
