# statecraft — one entry point for set-up, build, demo and tests.
# `make demo` and `make test` each install what is missing, configure, build and run.

BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=
CMAKE      := cmake -G Ninja -DSTATECRAFT_WERROR=ON $(CMAKE_ARGS)
STATECRAFT := ./$(BUILD)/bin/statecraft
DEMO_WORLD ?= cases/pakistan/world.yaml
# Every seed episode of the case library (each extends the world), after the world itself.
DEMO_EPISODES ?= $(filter-out $(DEMO_WORLD),$(sort $(wildcard $(dir $(DEMO_WORLD))*.yaml)))
DEMO_OUT   ?= out/report.html
DEMO_SEED  ?= 1

.PHONY: all bootstrap configure build demo test validate asan-test fuzz python format tidy clean

all: build

bootstrap:
	@./scripts/bootstrap

# -O2 without debug information: the same code as RelWithDebInfo (benchmarks compare),
# built about a quarter faster, which keeps CI on two cores inside its budget. Configure
# your own build directory with -DCMAKE_BUILD_TYPE=RelWithDebInfo to debug.
configure: bootstrap
	@$(CMAKE) -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# The main job: every analysis of the Pakistan world and its episodes in one
# self-contained HTML page, and a summary table of each episode on stdout.
demo: build
	@mkdir -p $(dir $(DEMO_OUT))
	@$(STATECRAFT) report $(DEMO_WORLD) $(DEMO_EPISODES) -o $(DEMO_OUT) --seed $(DEMO_SEED)
	@echo "wrote $(DEMO_OUT)"

# Includes the browser test of the web UI (web/tests/browser.mjs, label "browser";
# screenshots in $(BUILD)/web-test/).
test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# Forecast validation on DEU III (issue 9): every model under grouped cross-validation and
# a time split, calibrated intervals, retrodiction of the case library's motions. Rewrites
# only the DEU III section of docs/VALIDATION.md and docs/deu3-reliability.svg. Not part
# of `make test` (about a minute: the spatial model is rerun on a grid); its pieces are
# unit-tested in src/validation.
DEU3_DATA ?= ../shared/data/deu3/deu3-train.tsv
validate: build
	@$(STATECRAFT) validation --data $(DEU3_DATA) --cases $(dir $(DEMO_WORLD)) --doc docs/VALIDATION.md

# The Python module, installed into a local virtual environment (.venv) made with
# Debian's python3-venv; numpy, pandas and matplotlib come from Debian's packages
# through --system-site-packages. Then: .venv/bin/python -c "import statecraft".
VENV ?= .venv
python: build
	@test -x $(VENV)/bin/python || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	@site=$$($(VENV)/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])') && \
	  rm -rf "$$site/statecraft" && cp -r $(BUILD)/python/statecraft "$$site/statecraft" && \
	  echo "statecraft installed in $(VENV) ($$site/statecraft)"

# The unit, golden and CLI tests again under AddressSanitizer and UBSan (not the web
# UI: its browser test runs in `make test`).
asan-test: bootstrap
	@$(CMAKE) -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DSTATECRAFT_SANITIZE=ON -DSTATECRAFT_BENCH=OFF -DSTATECRAFT_PYTHON=OFF -DSTATECRAFT_WEB=OFF >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

fuzz: bootstrap
	@./scripts/fuzz

format:
	@clang-format -i $$(git ls-files '*.cpp' '*.h')

tidy: configure
	@clang-tidy -p $(BUILD) --quiet $$(git ls-files 'src/*.cpp' 'apps/*.cpp' | grep -v _test.cpp)

clean:
	@rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz $(VENV) web/dist web/node_modules
