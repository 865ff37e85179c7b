"""Result objects: the CLI's JSON as ``.to_dict()``, tidy pandas frames as ``.to_pandas()``."""

from __future__ import annotations

import copy


class Result:
    """A verb's result. ``result["key"]`` reads the JSON; ``params`` holds the run's arguments."""

    def __init__(self, data: dict, params: dict):
        self._data = data
        self.params = dict(params)

    def to_dict(self) -> dict:
        """Exactly what the CLI prints with ``--format json`` (a deep copy)."""
        return copy.deepcopy(self._data)

    def to_pandas(self):
        """A tidy frame, one row per item, with the run's parameters as columns."""
        import pandas as pd

        frame = pd.DataFrame(self._rows())
        for key, value in self.params.items():
            if key not in frame.columns and (value is None or isinstance(value, (str, int, float, bool))):
                frame[key] = value
        return frame

    def _rows(self) -> list[dict]:
        raise NotImplementedError

    def __getitem__(self, key):
        return self._data[key]

    def __contains__(self, key):
        return key in self._data

    def keys(self):
        return self._data.keys()

    def __repr__(self):
        return f"<statecraft.{type(self).__name__} {', '.join(sorted(self._data))}>"


class ForecastResult(Result):
    """``forecast``: per model, the trajectory (``trajectories[model]``: rounds x actors array)."""

    def __init__(self, data, params, actors, trajectories):
        super().__init__(data, params)
        self.actors = list(actors)
        self.trajectories = dict(trajectories)

    @property
    def models(self) -> list[dict]:
        return self._data["models"] if "models" in self._data else [self._data]

    def forecast(self, model: str | None = None) -> float:
        """The point forecast of ``model`` (the only model when one was run)."""
        for entry in self.models:
            if model is None or entry["model"] == model:
                return entry["forecast"]
        raise KeyError(model)

    def _rows(self):
        rows = []
        for entry in self.models:
            name = entry["model"]
            matrix = self.trajectories[name]
            for r, round_ in enumerate(entry["rounds"]):
                for a, actor in enumerate(self.actors):
                    rows.append({"model": name, "round": round_["round"], "actor": actor,
                                 "position": float(matrix[r, a]), "median": round_["median"],
                                 "mean": round_["mean"], "forecast": entry["forecast"]})
        return rows


class BacktestResult(Result):
    """``backtest``: one row per counted issue (forecast, outcome, absolute error)."""

    @property
    def mae(self) -> float:
        return self._data["mae"]

    def _rows(self):
        return [dict(row) for row in self._data["rows"]]


class VoteResult(Result):
    """``vote``: one row per member (ballot probabilities, pivotality)."""

    @property
    def p_pass(self) -> float:
        return self._data["p_pass"]

    def _rows(self):
        rows = []
        for member in self._data["members"]:
            row = dict(member)
            row["member"] = row.pop("id")
            row["p_pass"] = self._data["p_pass"]
            rows.append(row)
        return rows


class PowerResult(Result):
    """``power``: one row per member (weight, Banzhaf raw and normalised, Shapley–Shubik)."""

    def _rows(self):
        d = self._data
        members = d.get("members") or [str(i + 1) for i in range(len(d["weights"]))]
        rows = []
        for i, member in enumerate(members):
            row = {"member": member, "weight": d["weights"][i], "banzhaf": d["banzhaf"][i],
                   "banzhaf_raw": d["banzhaf_raw"][i], "shapley": d["shapley"][i], "method": d["method"]}
            if "shapley_error" in d:
                row["banzhaf_error"] = d["banzhaf_error"][i]
                row["shapley_error"] = d["shapley_error"][i]
            rows.append(row)
        return rows


class InfluenceResult(Result):
    """``influence``: ``to_pandas()`` has one row per actor; ``channels()`` one per channel."""

    def _rows(self):
        return [dict(a) for a in self._data["actors"]]

    def channels(self):
        import pandas as pd

        return pd.DataFrame([{k: v for k, v in c.items() if k != "terms"} for c in self._data["channels"]])


class OptimizeResult(Result):
    """``optimize``: one row per action of the plan, with its cost and marginal value."""

    def _rows(self):
        d = self._data
        return [dict(step, p_before=d["p_before"], p_after=d["p_after"], plan_cost=d["cost"]) for step in d["plan"]]


class CorridorResult(Result):
    """``corridor``: one row per edge (flows), or per sweep point and country with ``sweep_threat``."""

    def _rows(self):
        d = self._data
        if "sweep" in d:
            rows = []
            for point in d["sweep"]["points"]:
                for country, share in point["hub_share"].items():
                    rows.append({"group": d["sweep"]["group"], "activity": point["activity"], "country": country,
                                 "hub_share": share, "elasticity": point["elasticity"][country],
                                 "net_cost_usd": point["net_cost_usd"][country]})
            return rows
        return [{("edge" if k == "id" else k): v for k, v in e.items()} for e in d["edges"]]

    def countries(self):
        import pandas as pd

        return pd.DataFrame(self._data.get("countries", []))


class GameResult(Result):
    """``game``: one row per equilibrium path with its probability."""

    def _rows(self):
        return [{"path": path, "probability": p} for path, p in self._data["p_path"].items()]
