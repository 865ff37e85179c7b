"""Every bound verb gives exactly the CLI's JSON for the same inputs and seed."""

import numpy as np
import pandas as pd
import pytest

import statecraft as sc
from conftest import CASES, SHARED


def test_forecast_all_models_with_monte_carlo_equals_cli(cli):
    path = CASES / "afghanistan.yaml"
    result = sc.forecast(path, issue="curb_ttp", model="all", samples=200, seed=7)
    assert result.to_dict() == cli("forecast", path, "--issue", "curb_ttp", "--model", "all",
                                   "--samples", 200, "--seed", 7)
    assert [m["model"] for m in result.models] == ["achen", "median", "bdm", "smp"]


def test_forecast_trajectories_are_numpy_views_of_the_engine_buffer():
    world = sc.load_scenario(CASES / "nsg_pakistan.yaml")
    result = sc.forecast(world, issue="nsg_membership_pak", model="bdm")
    matrix = result.trajectories["bdm"]
    assert isinstance(matrix, np.ndarray) and matrix.dtype == np.float64
    assert matrix.shape == (len(result["rounds"]), len(result.actors))
    assert not matrix.flags.owndata  # owned by the C++ buffer, not copied
    last = result["rounds"][-1]["positions"]
    assert matrix[-1].tolist() == [last[a] for a in result.actors]


def test_forecast_to_pandas_is_tidy():
    result = sc.forecast(CASES / "nsg_pakistan.yaml", issue="nsg_membership_pak", model="all", seed=3)
    frame = result.to_pandas()
    assert {"model", "round", "actor", "position", "issue", "seed"} <= set(frame.columns)
    assert len(frame) == sum(len(m["rounds"]) for m in result.models) * len(result.actors)
    assert (frame["issue"] == "nsg_membership_pak").all()


def test_forecast_table(cli, tmp_path):
    table = tmp_path / "issue.csv"
    table.write_text("actor,capability,position,salience\nA,1,0,1\nB,2,50,0.5\nC,1,100,0.8\n")
    result = sc.forecast(table=table, model="median")
    assert result.to_dict() == cli("forecast", "--table", table, "--model", "median")
    assert list(sc.load_table(table)["actor"]) == ["A", "B", "C"]


def test_backtest_equals_cli(cli):
    data = SHARED / "data" / "deu3" / "deu3-train.tsv"
    result = sc.backtest(data, model="achen")
    assert result.to_dict() == cli("backtest", "--data", data, "--model", "achen")
    # Published reference computation (issue 4): equal-capability weighted mean MAE 23.20.
    assert result.mae == pytest.approx(23.20, abs=0.05)
    assert len(result.to_pandas()) == result["issues"]


def test_vote_equals_cli(cli):
    path = CASES / "nsg_2008.yaml"
    result = sc.vote(path, forum="nsg", motion="india_waiver_2008_aug", samples=500, seed=11)
    assert result.to_dict() == cli("vote", path, "--forum", "nsg", "--motion", "india_waiver_2008_aug",
                                   "--samples", 500, "--seed", 11)
    frame = result.to_pandas()
    assert len(frame) == len(result["members"]) and "pivotal" in frame.columns
    assert 0.0 <= result.p_pass <= 1.0


def test_power_weights_and_forum_equal_cli(cli):
    result = sc.power(quota=39, weights=[7] * 5 + [1] * 10)
    assert result.to_dict() == cli("power", "--quota", 39, "--weights", ",".join(["7"] * 5 + ["1"] * 10))
    # Shapley & Shubik (1954) for the enlarged Security Council: 421/2145 per permanent member.
    assert result["shapley"][0] == pytest.approx(421 / 2145, abs=1e-12)
    path = CASES / "nsg_2008.yaml"
    assert sc.power(path, forum="nsg").to_dict() == cli("power", path, "--forum", "nsg")
    assert list(result.to_pandas()["member"])[:2] == ["1", "2"]


def test_influence_equals_cli(cli):
    path = CASES / "kashmir-narrative.yaml"
    result = sc.influence(path, top=5)
    assert result.to_dict() == cli("influence", path, "--top", 5)
    assert len(result.channels()) == 5
    assert {"id", "reach", "leverage"} <= set(result.to_pandas().columns)


def test_optimize_equals_cli(cli):
    path = CASES / "kashmir-narrative.yaml"
    args = dict(forum="unhrc_2019", motion="hrc_kashmir_special_session_plan", budget=40, target=0.95)
    result = sc.optimize(path, **args)
    assert result.to_dict() == cli("optimize", path, "--forum", "unhrc_2019", "--motion",
                                   "hrc_kashmir_special_session_plan", "--budget", 40, "--target", 0.95)
    assert result["cost"] <= 40 and len(result.to_pandas()) == len(result["plan"])


def test_corridor_closure_and_sweep_equal_cli(cli):
    path = CASES / "corridors.yaml"
    closed = sc.corridor(path, close=["torkham"])
    assert closed.to_dict() == cli("corridor", path, "--close", "torkham")
    assert "shock_cost" in closed
    frame = closed.to_pandas()
    assert "edge" in frame.columns and "flow" in frame.columns
    sweep = sc.corridor(path, sweep_threat="ttp", points=5)
    assert sweep.to_dict() == cli("corridor", path, "--sweep-threat", "ttp", "--points", 5)
    assert set(sweep.to_pandas()["activity"]) == {p["activity"] for p in sweep["sweep"]["points"]}
    sequential = sc.corridor(path, close=["torkham"], routing="sequential")
    assert sequential.to_dict() == cli("corridor", path, "--close", "torkham", "--routing", "sequential")
    assert sequential["method"] == "sequential"


def test_game_equals_cli(cli):
    path = CASES / "taliban-ttp.yaml"
    result = sc.game(path, game="ttp_compliance", samples=300, seed=5)
    assert result.to_dict() == cli("game", path, "--game", "ttp_compliance", "--samples", 300, "--seed", 5)
    assert sum(result.to_pandas()["probability"]) == pytest.approx(1.0)


def test_scenario_object_is_reused_across_verbs():
    world = sc.load_scenario(CASES / "nsg_2008.yaml")
    assert "nsg" in world.forums and "india_waiver_2008_aug" in world.motions
    a = sc.vote(world, forum="nsg", motion="india_waiver_2008_aug")
    b = sc.vote(CASES / "nsg_2008.yaml", forum="nsg", motion="india_waiver_2008_aug")
    assert a.to_dict() == b.to_dict()
