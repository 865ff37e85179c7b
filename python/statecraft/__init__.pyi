# Type stubs for the statecraft package (see __init__.py for the documentation).
import os
from collections.abc import Mapping, Sequence
from typing import Any, Union

import numpy as np
import pandas as pd

PathLike = Union[str, os.PathLike[str]]
ScenarioLike = Union[PathLike, Mapping[str, Any], "Scenario"]

class InputError(ValueError):
    """Bad input: the message names file:line:col or the argument, as the CLI does."""

class Scenario:
    """A loaded, validated scenario (load once, run many verbs on it)."""
    @property
    def path(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def actors(self) -> list[str]: ...
    @property
    def issues(self) -> list[str]: ...
    @property
    def forums(self) -> list[str]: ...
    @property
    def motions(self) -> list[str]: ...
    @property
    def games(self) -> list[str]: ...
    @property
    def actions(self) -> list[str]: ...

class Result:
    params: dict[str, Any]
    def to_dict(self) -> dict[str, Any]:
        """Exactly what the CLI prints with --format json."""
    def to_pandas(self) -> pd.DataFrame:
        """A tidy frame, one row per item, with the run's parameters as columns."""
    def __getitem__(self, key: str) -> Any: ...
    def __contains__(self, key: str) -> bool: ...
    def keys(self) -> Any: ...

class ForecastResult(Result):
    actors: list[str]
    trajectories: dict[str, np.ndarray]
    """Per model, positions as a (rounds, actors) array."""
    @property
    def models(self) -> list[dict[str, Any]]: ...
    def forecast(self, model: str | None = None) -> float: ...

class BacktestResult(Result):
    @property
    def mae(self) -> float: ...

class VoteResult(Result):
    @property
    def p_pass(self) -> float: ...

class PowerResult(Result): ...

class InfluenceResult(Result):
    def channels(self) -> pd.DataFrame: ...

class OptimizeResult(Result): ...

class CorridorResult(Result):
    def countries(self) -> pd.DataFrame: ...

class GameResult(Result): ...

def load_scenario(source: ScenarioLike, *, name: str | None = None, base_dir: PathLike | None = None) -> Scenario:
    """Load and validate a scenario from a YAML file path or a dict."""

def load_table(path: PathLike) -> pd.DataFrame:
    """Read a CSV issue table (actor,capability,position,salience)."""

def forecast(
    scenario: ScenarioLike | None = None,
    *,
    issue: str | None = None,
    table: PathLike | None = None,
    model: str = "bdm",
    rounds: int | None = None,
    samples: int = 0,
    seed: int = 1,
    noise: float = 0.0,
    at: str | None = None,
) -> ForecastResult:
    """Where a negotiation on one issue ends (achen, median, bdm, smp or all)."""

def backtest(data: PathLike, *, model: str, capability: str = "equal", rounds: int | None = None) -> BacktestResult:
    """A bargaining model against recorded outcomes (DEU III layout)."""

def vote(
    scenario: ScenarioLike, *, forum: str, motion: str, samples: int = 0, seed: int = 1, at: str | None = None
) -> VoteResult:
    """Ballot probabilities, exact pass probability and pivotality of a motion."""

def power(
    scenario: ScenarioLike | None = None,
    *,
    forum: str | None = None,
    quota: float | None = None,
    weights: Sequence[float] | None = None,
    samples: int = 0,
    seed: int = 1,
) -> PowerResult:
    """Banzhaf and Shapley-Shubik power of a forum's rule or of [quota; weights]."""

def influence(scenario: ScenarioLike, *, top: int = 10, at: str | None = None) -> InfluenceResult:
    """Influence channels, reach, leverage and narrative dynamics."""

def optimize(
    scenario: ScenarioLike,
    *,
    forum: str,
    motion: str,
    budget: float,
    target: float | None = None,
    at: str | None = None,
) -> OptimizeResult:
    """Cheapest plan of bilateral actions that lifts a motion to the target."""

def corridor(
    scenario: ScenarioLike,
    *,
    close: Sequence[str] = (),
    set: Mapping[str, float] | Sequence[str] | None = None,
    sweep_threat: str | None = None,
    points: int = 21,
    routing: str = "automatic",
    at: str | None = None,
) -> CorridorResult:
    """Security-adjusted routing, shocks and threat sweeps of the corridor network."""

def game(
    scenario: ScenarioLike,
    *,
    game: str,
    samples: int = 0,
    seed: int = 1,
    close: Sequence[str] = (),
    set: Mapping[str, float] | Sequence[str] | None = None,
    at: str | None = None,
) -> GameResult:
    """Subgame-perfect equilibrium of a sequential game; Monte Carlo path probabilities."""
