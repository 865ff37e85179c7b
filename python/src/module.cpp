// The compiled half of the Python module: each verb of the CLI as a function with the
// flags as keyword arguments, calling the same library code (src/api) the CLI calls, so
// that Python and the CLI print the same numbers. The GIL is released while engines
// run; results come back as plain Python objects (dicts, lists, floats) and forecast
// trajectories as NumPy arrays that own the engine's buffer (no copy).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/backtest.h"
#include "api/corridor.h"
#include "api/forecast.h"
#include "api/game.h"
#include "api/influence.h"
#include "api/optimize.h"
#include "api/power.h"
#include "api/vote.h"
#include "core/error.h"
#include "io/scenario_loader.h"
#include "io/table_loader.h"

namespace py = pybind11;
using namespace statecraft;

namespace {

// A loaded scenario, shared so several verbs can run on it without reloading.
struct PyScenario {
  std::shared_ptr<const Scenario> scenario;
  std::string path;  // file name, or the name given to text
};

template <class Json>
py::object to_python(const Json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return py::none();
    case nlohmann::json::value_t::boolean: return py::bool_(value.template get<bool>());
    case nlohmann::json::value_t::number_integer: return py::int_(value.template get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned: return py::int_(value.template get<std::uint64_t>());
    case nlohmann::json::value_t::number_float: return py::float_(value.template get<double>());
    case nlohmann::json::value_t::string: return py::str(value.template get_ref<const std::string&>());
    case nlohmann::json::value_t::array: {
      py::list out;
      for (const auto& item : value) out.append(to_python(item));
      return out;
    }
    case nlohmann::json::value_t::object: {
      py::dict out;
      for (auto it = value.begin(); it != value.end(); ++it) out[py::str(it.key())] = to_python(it.value());
      return out;
    }
    default: throw py::type_error("unsupported JSON value");
  }
}

// `world` is a Scenario object or a path (str or os.PathLike).
api::WorldInput world_input(const py::object& world, const std::string& at) {
  api::WorldInput input;
  input.at = at;
  if (world.is_none()) return input;
  if (py::isinstance<PyScenario>(world)) {
    const auto& loaded = world.cast<const PyScenario&>();
    input.path = loaded.path;
    input.loaded = loaded.scenario.get();
  } else {
    input.path = py::str(py::module_::import("os").attr("fspath")(world)).cast<std::string>();
  }
  return input;
}

// Keeps the scenario alive while the engine runs without the GIL.
struct Held {
  py::object world;
};

// A NumPy array (rounds x actors) that owns `values`.
py::array_t<double> matrix(std::vector<double>&& values, std::size_t rows, std::size_t columns) {
  auto* owned = new std::vector<double>(std::move(values));
  py::capsule free_when_done(owned, [](void* p) { delete static_cast<std::vector<double>*>(p); });
  return py::array_t<double>({rows, columns}, {columns * sizeof(double), sizeof(double)}, owned->data(),
                             free_when_done);
}

template <class Run>
auto without_gil(Run&& run) {
  py::gil_scoped_release release;
  return run();
}

std::vector<std::string> ids_of(const auto& items) {
  std::vector<std::string> ids;
  for (const auto& item : items) ids.push_back(item.id);
  return ids;
}

}  // namespace

PYBIND11_MODULE(_statecraft, m) {
  m.doc() = "statecraft engines (compiled part); use the `statecraft` package.";
  static py::exception<InputError> input_error(m, "InputError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError& e) {
      input_error(e.what());
    } catch (const PreconditionError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    }
  });

  py::class_<PyScenario>(m, "Scenario", "A loaded, validated scenario.")
      .def_property_readonly("path", [](const PyScenario& s) { return s.path; })
      .def_property_readonly("name", [](const PyScenario& s) { return s.scenario->name; })
      .def_property_readonly("actors", [](const PyScenario& s) { return ids_of(s.scenario->actors); })
      .def_property_readonly("issues", [](const PyScenario& s) { return ids_of(s.scenario->issues); })
      .def_property_readonly("forums", [](const PyScenario& s) { return ids_of(s.scenario->forums); })
      .def_property_readonly("motions", [](const PyScenario& s) { return ids_of(s.scenario->motions); })
      .def_property_readonly("games", [](const PyScenario& s) { return ids_of(s.scenario->games); })
      .def_property_readonly("actions", [](const PyScenario& s) { return ids_of(s.scenario->actions); })
      .def("__repr__", [](const PyScenario& s) {
        return "<statecraft.Scenario " + s.path + ": " + std::to_string(s.scenario->actors.size()) +
               " actors, " + std::to_string(s.scenario->issues.size()) + " issues, " +
               std::to_string(s.scenario->forums.size()) + " forums>";
      });

  m.def(
      "load_scenario",
      [](const std::filesystem::path& path) {
        auto scenario =
            without_gil([&] { return std::make_shared<const Scenario>(io::load_scenario(path)); });
        return PyScenario{std::move(scenario), path.string()};
      },
      py::arg("path"));
  m.def(
      "load_scenario_text",
      [](const std::string& text, const std::string& name, const std::filesystem::path& base_dir) {
        auto scenario = without_gil(
            [&] { return std::make_shared<const Scenario>(io::load_scenario_text(text, name, base_dir)); });
        return PyScenario{std::move(scenario), name};
      },
      py::arg("text"), py::arg("name"), py::arg("base_dir") = ".");
  m.def(
      "load_table",
      [](const std::filesystem::path& path) {
        const Issue issue = without_gil([&] { return io::load_table(path); });
        py::list rows;
        for (const auto& s : issue.stances) {
          py::dict row;
          row["actor"] = s.actor;
          row["capability"] = s.capability.value;
          row["position"] = s.position.value;
          row["salience"] = s.salience.value;
          rows.append(row);
        }
        return rows;
      },
      py::arg("path"));

  m.def(
      "forecast",
      [](const py::object& world, const std::string& issue, const std::string& table,
         const std::string& model, std::optional<int> rounds, int samples, std::uint64_t seed, double noise,
         const std::string& at) {
        api::ForecastRequest request;
        request.world = world_input(world, at);
        request.issue = issue;
        request.table = table;
        request.model = model;
        request.rounds = rounds;
        request.samples = samples;
        request.seed = seed;
        request.noise = noise;
        Held held{world};
        api::ForecastOutput out = without_gil([&] { return api::forecast(request); });
        py::dict trajectories;
        for (auto& t : out.trajectories) {
          trajectories[py::str(t.model)] = matrix(std::move(t.positions), t.rounds, out.actors.size());
        }
        return py::make_tuple(to_python(out.json), out.actors, trajectories);
      },
      py::arg("world"), py::arg("issue") = "", py::arg("table") = "", py::arg("model") = "bdm",
      py::arg("rounds") = py::none(), py::arg("samples") = 0, py::arg("seed") = 1, py::arg("noise") = 0.0,
      py::arg("at") = "");

  m.def(
      "backtest",
      [](const std::string& data, const std::string& model, const std::string& capability,
         std::optional<int> rounds) {
        api::BacktestRequest request{data, model, capability, rounds};
        return to_python(without_gil([&] { return api::backtest(request); }));
      },
      py::arg("data"), py::arg("model"), py::arg("capability") = "equal", py::arg("rounds") = py::none());

  m.def(
      "vote",
      [](const py::object& world, const std::string& forum, const std::string& motion, std::size_t samples,
         std::uint64_t seed, const std::string& at) {
        api::VoteRequest request{world_input(world, at), forum, motion, samples, seed};
        Held held{world};
        return to_python(without_gil([&] { return api::vote(request); }));
      },
      py::arg("world"), py::arg("forum"), py::arg("motion"), py::arg("samples") = 0, py::arg("seed") = 1,
      py::arg("at") = "");

  m.def(
      "power",
      [](const py::object& world, const std::string& forum, std::optional<double> quota,
         const std::vector<double>& weights, std::size_t samples, std::uint64_t seed) {
        api::PowerRequest request{world_input(world, ""), forum, quota, weights, samples, seed};
        Held held{world};
        return to_python(without_gil([&] { return api::power(request); }));
      },
      py::arg("world") = py::none(), py::arg("forum") = "", py::arg("quota") = py::none(),
      py::arg("weights") = std::vector<double>{}, py::arg("samples") = 0, py::arg("seed") = 1);

  m.def(
      "influence",
      [](const py::object& world, std::size_t top, const std::string& at) {
        api::InfluenceRequest request{world_input(world, at), top};
        Held held{world};
        return to_python(without_gil([&] { return api::influence(request); }));
      },
      py::arg("world"), py::arg("top") = 10, py::arg("at") = "");

  m.def(
      "optimize",
      [](const py::object& world, const std::string& forum, const std::string& motion, double budget,
         std::optional<double> target, const std::string& at) {
        api::OptimizeRequest request{world_input(world, at), forum, motion, budget, target};
        Held held{world};
        return to_python(without_gil([&] { return api::optimize(request); }));
      },
      py::arg("world"), py::arg("forum"), py::arg("motion"), py::arg("budget"),
      py::arg("target") = py::none(), py::arg("at") = "");

  m.def(
      "corridor",
      [](const py::object& world, const std::vector<std::string>& close, const std::vector<std::string>& set,
         const std::string& sweep_threat, std::size_t points, const std::string& routing,
         const std::string& at) {
        api::CorridorRequest request{world_input(world, at), close, set, sweep_threat, points, routing};
        Held held{world};
        return to_python(without_gil([&] { return api::corridor(request); }).json);
      },
      py::arg("world"), py::arg("close") = std::vector<std::string>{},
      py::arg("set") = std::vector<std::string>{}, py::arg("sweep_threat") = "", py::arg("points") = 21,
      py::arg("routing") = "automatic", py::arg("at") = "");

  m.def(
      "game",
      [](const py::object& world, const std::string& game, std::size_t samples, std::uint64_t seed,
         const std::vector<std::string>& close, const std::vector<std::string>& set, const std::string& at) {
        api::GameRequest request{world_input(world, at), game, samples, seed, close, set};
        Held held{world};
        return to_python(without_gil([&] { return api::game(request); }).json);
      },
      py::arg("world"), py::arg("game"), py::arg("samples") = 0, py::arg("seed") = 1,
      py::arg("close") = std::vector<std::string>{}, py::arg("set") = std::vector<std::string>{},
      py::arg("at") = "");
}
