"""Bad input raises clear exceptions: InputError naming file:line:col or the argument,
TypeError naming the argument."""

import threading
import time

import pytest

import statecraft as sc
from conftest import CASES


def test_missing_file():
    with pytest.raises(sc.InputError, match="no_such.yaml"):
        sc.load_scenario("no_such.yaml")


def test_malformed_yaml_names_line_and_column(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nactors:\n  - {id: A, kind: state\n")
    with pytest.raises(sc.InputError, match=r"bad\.yaml:\d+:\d+: error:"):
        sc.load_scenario(bad)


def test_dict_scenario_loads_and_errors_name_the_dict():
    world = {
        "name": "two",
        "actors": [{"id": "A", "kind": "state"}, {"id": "B", "kind": "state"}],
        "issues": [{"id": "i", "scale": [0, 100], "stances": [
            {"actor": "A", "position": 10, "salience": 0.5, "capability": 1},
            {"actor": "B", "position": 90, "salience": 0.5, "capability": 3}]}],
    }
    result = sc.forecast(world, issue="i", model="achen")
    assert result.forecast() == pytest.approx((10 * 0.5 * 1 + 90 * 0.5 * 3) / (0.5 * 1 + 0.5 * 3))
    world["issues"][0]["stances"][0]["salience"] = 3
    with pytest.raises(sc.InputError, match=r"<dict>:\d+:\d+: error:.*salience"):
        sc.load_scenario(world)


def test_unknown_ids_name_the_argument():
    with pytest.raises(sc.InputError, match="--issue: error: no issue 'nope'"):
        sc.forecast(CASES / "nsg_pakistan.yaml", issue="nope")
    with pytest.raises(sc.InputError, match="--forum"):
        sc.vote(CASES / "nsg_2008.yaml", forum="nope", motion="india_waiver_2008_aug")
    with pytest.raises(sc.InputError, match="--close"):
        sc.corridor(CASES / "corridors.yaml", close=["nowhere"])
    with pytest.raises(sc.InputError, match="--quota"):
        sc.power(quota=100, weights=[1, 2])
    with pytest.raises(sc.InputError, match="--model"):
        sc.forecast(CASES / "nsg_pakistan.yaml", issue="nsg_membership_pak", model="oracle")
    with pytest.raises(sc.InputError, match="--samples"):
        sc.forecast(CASES / "nsg_pakistan.yaml", issue="nsg_membership_pak", samples=-1)


def test_wrong_types_raise_type_error():
    with pytest.raises(TypeError, match="samples"):
        sc.forecast(CASES / "nsg_pakistan.yaml", issue="nsg_membership_pak", samples="many")
    with pytest.raises(TypeError, match="scenario"):
        sc.vote(42, forum="nsg", motion="m")
    with pytest.raises(TypeError, match="weights"):
        sc.power(quota=3, weights="1,2,3")
    with pytest.raises(TypeError, match="close"):
        sc.corridor(CASES / "corridors.yaml", close="torkham")


def test_engines_release_the_gil():
    # While one thread runs a long Monte Carlo forecast, the main thread keeps ticking.
    # Were the GIL held through the call, the main thread would stall for the whole
    # call: the longest gap between its ticks would be about the call's duration.
    world = sc.load_scenario(CASES / "nsg_pakistan.yaml")
    done = threading.Event()
    span = []

    def work():
        start = time.perf_counter()
        sc.forecast(world, issue="nsg_membership_pak", model="bdm", samples=1500, seed=1)
        span.append(time.perf_counter() - start)
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    last = time.perf_counter()
    longest = 0.0
    while not done.is_set():
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    worker.join()
    assert span[0] > 0.3, "the call is too short to tell"
    assert longest < 0.5 * span[0], (longest, span[0])
