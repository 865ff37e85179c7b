"""statecraft from Python: the engines of the statecraft CLI as functions.

Each function mirrors a CLI verb, with the flags as keyword arguments, and returns a
result object with ``.to_dict()`` (exactly the JSON the CLI prints with
``--format json``) and ``.to_pandas()`` (a tidy frame). Scenarios may be given as a
path, as a Python dict in the scenario schema, or as a :class:`Scenario` loaded once
with :func:`load_scenario`. Bad input raises :class:`InputError` (a ``ValueError``)
whose message names the file:line:col or the argument, as the CLI does.

>>> import statecraft as sc
>>> world = sc.load_scenario("cases/pakistan/nsg_pakistan.yaml")
>>> result = sc.forecast(world, issue="nsg_membership_pak", model="all")
>>> result.forecast("bdm")
"""

from __future__ import annotations

import json as _json
import os as _os
from collections.abc import Mapping as _Mapping
from collections.abc import Sequence as _Sequence

from . import _statecraft as _c
from ._statecraft import InputError, Scenario
from .results import (
    BacktestResult,
    CorridorResult,
    ForecastResult,
    GameResult,
    InfluenceResult,
    OptimizeResult,
    PowerResult,
    Result,
    VoteResult,
)

__all__ = [
    "InputError",
    "Scenario",
    "Result",
    "load_scenario",
    "load_table",
    "forecast",
    "backtest",
    "vote",
    "power",
    "influence",
    "optimize",
    "corridor",
    "game",
]


def load_scenario(source, *, name: str | None = None, base_dir=None) -> Scenario:
    """Load and validate a scenario from a YAML file path or from a dict.

    A dict is written out as JSON (a subset of YAML) and read by the same loader as a
    file, so every check applies; errors then name ``name`` (default ``<dict>``) and the
    line of that JSON text. ``base_dir`` resolves ``extends:`` paths of a dict.
    """
    if isinstance(source, Scenario):
        return source
    if isinstance(source, _Mapping):
        text = _json.dumps(source, indent=1, default=_plain)
        return _c.load_scenario_text(text, name or "<dict>", _os.fspath(base_dir or "."))
    if isinstance(source, (str, _os.PathLike)):
        return _c.load_scenario(_os.fspath(source))
    raise TypeError(f"load_scenario: expected a path, a dict or a Scenario, got {type(source).__name__}")


def load_table(path):
    """Read a CSV issue table (``actor,capability,position,salience``) as a pandas frame."""
    import pandas as pd

    return pd.DataFrame(_c.load_table(_path("path", path)))


def forecast(
    scenario=None,
    *,
    issue: str | None = None,
    table=None,
    model: str = "bdm",
    rounds: int | None = None,
    samples: int = 0,
    seed: int = 1,
    noise: float = 0.0,
    at: str | None = None,
) -> ForecastResult:
    """Where a negotiation on one issue ends: ``statecraft forecast``.

    Give a scenario with ``issue``, or ``table`` (a CSV path). ``model`` is achen,
    median, bdm, smp or all. ``samples`` > 0 adds a Monte Carlo interval over the
    declared uncertainty (``noise``: position sd for stances that declare none).
    """
    world = None if scenario is None else _world(scenario)
    data, actors, trajectories = _c.forecast(
        world,
        issue=_str("issue", issue),
        table=_path("table", table) if table is not None else "",
        model=_str("model", model),
        rounds=_opt_int("rounds", rounds),
        samples=_int("samples", samples),
        seed=_int("seed", seed),
        noise=_float("noise", noise),
        at=_str("at", at),
    )
    params = {"issue": issue, "table": None if table is None else _os.fspath(table), "model": model,
              "rounds": rounds, "samples": samples, "seed": seed, "noise": noise}
    return ForecastResult(data, params, actors, trajectories)


def backtest(data, *, model: str, capability: str = "equal", rounds: int | None = None) -> BacktestResult:
    """A bargaining model against recorded outcomes in the DEU III layout: ``statecraft backtest --data``."""
    out = _c.backtest(_path("data", data), model=_str("model", model), capability=_str("capability", capability),
                      rounds=_opt_int("rounds", rounds))
    return BacktestResult(out, {"model": model, "capability": capability, "rounds": rounds})


def vote(scenario, *, forum: str, motion: str, samples: int = 0, seed: int = 1, at: str | None = None) -> VoteResult:
    """Each member's ballot probabilities, the exact pass probability and pivotality: ``statecraft vote``."""
    out = _c.vote(_world(scenario), forum=_str("forum", forum), motion=_str("motion", motion),
                  samples=_int("samples", samples), seed=_int("seed", seed), at=_str("at", at))
    return VoteResult(out, {"forum": forum, "motion": motion, "samples": samples, "seed": seed, "at": at})


def power(scenario=None, *, forum: str | None = None, quota: float | None = None, weights=None,
          samples: int = 0, seed: int = 1) -> PowerResult:
    """Banzhaf and Shapley–Shubik power of a forum's rule or of ``[quota; weights]``: ``statecraft power``."""
    if weights is not None and (isinstance(weights, (str, bytes)) or not isinstance(weights, _Sequence)):
        raise TypeError("power: weights must be a sequence of numbers")
    out = _c.power(None if scenario is None else _world(scenario), forum=_str("forum", forum),
                   quota=None if quota is None else _float("quota", quota),
                   weights=[_float("weights", w) for w in (weights or [])], samples=_int("samples", samples),
                   seed=_int("seed", seed))
    return PowerResult(out, {"forum": forum, "quota": quota, "samples": samples, "seed": seed})


def influence(scenario, *, top: int = 10, at: str | None = None) -> InfluenceResult:
    """Influence network (channels, reach, leverage) and narrative dynamics: ``statecraft influence``."""
    out = _c.influence(_world(scenario), top=_int("top", top), at=_str("at", at))
    return InfluenceResult(out, {"top": top, "at": at})


def optimize(scenario, *, forum: str, motion: str, budget: float, target: float | None = None,
             at: str | None = None) -> OptimizeResult:
    """Cheapest plan of bilateral actions that lifts a motion to ``target``: ``statecraft optimize``."""
    out = _c.optimize(_world(scenario), forum=_str("forum", forum), motion=_str("motion", motion),
                      budget=_float("budget", budget), target=None if target is None else _float("target", target),
                      at=_str("at", at))
    return OptimizeResult(out, {"forum": forum, "motion": motion, "budget": budget, "target": target, "at": at})


def corridor(scenario, *, close=(), set=None, sweep_threat: str | None = None, points: int = 21,
             routing: str = "automatic", at: str | None = None) -> CorridorResult:
    """Security-adjusted routing, shocks and threat sweeps: ``statecraft corridor``.

    ``close`` is a list of edge or node ids; ``set`` a dict (or list of ``"NAME=V"``) of
    ``risk.GROUP``, ``risk.ID`` or parameter values. ``routing`` is automatic, joint
    (exact: one min-cost flow or the multi-commodity LP) or sequential (fast).
    """
    out = _c.corridor(_world(scenario), close=_strings("close", close), set=_settings(set),
                      sweep_threat=_str("sweep_threat", sweep_threat), points=_int("points", points),
                      routing=_str("routing", routing), at=_str("at", at))
    return CorridorResult(out, {"close": list(close), "set": _settings(set), "sweep_threat": sweep_threat,
                                "points": points, "routing": routing, "at": at})


def game(scenario, *, game: str, samples: int = 0, seed: int = 1, close=(), set=None,
         at: str | None = None) -> GameResult:
    """Subgame-perfect equilibrium and Monte Carlo path probabilities: ``statecraft game``."""
    out = _c.game(_world(scenario), game=_str("game", game), samples=_int("samples", samples),
                  seed=_int("seed", seed), close=_strings("close", close), set=_settings(set), at=_str("at", at))
    return GameResult(out, {"game": game, "samples": samples, "seed": seed, "close": list(close),
                            "set": _settings(set), "at": at})


# --- argument checks: clear TypeErrors naming the argument ---------------------------

def _world(scenario):
    if isinstance(scenario, Scenario):
        return scenario
    if isinstance(scenario, _Mapping):
        return load_scenario(scenario)
    if isinstance(scenario, (str, _os.PathLike)):
        return _os.fspath(scenario)
    raise TypeError(f"scenario: expected a path, a dict or a Scenario, got {type(scenario).__name__}")


def _path(name, value):
    if not isinstance(value, (str, _os.PathLike)):
        raise TypeError(f"{name}: expected a path, got {type(value).__name__}")
    return _os.fspath(value)


def _str(name, value):
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"{name}: expected a string, got {type(value).__name__}")
    return value


def _int(name, value):
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name}: expected an int, got {type(value).__name__}")
    if value < 0:
        raise InputError(f"--{name.replace('_', '-')}: error: must not be negative")
    return value


def _opt_int(name, value):
    return None if value is None else _int(name, value)


def _float(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name}: expected a number, got {type(value).__name__}")
    return float(value)


def _strings(name, values):
    if isinstance(values, str) or not isinstance(values, (list, tuple)):
        raise TypeError(f"{name}: expected a list of strings, got {type(values).__name__}")
    return [_str(name, v) for v in values]


def _settings(values):
    if values is None:
        return []
    if isinstance(values, _Mapping):
        return [f"{k}={_float('set', v)!r}" for k, v in values.items()]
    return _strings("set", values)


def _plain(value):
    # dates and other objects in a dict scenario: their text, as YAML would read them
    return str(value)
