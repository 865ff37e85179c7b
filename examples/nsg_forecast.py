"""Pakistan's NSG membership bid: every bargaining model's forecast, round by round.

Reproduces `statecraft forecast cases/pakistan/nsg_pakistan.yaml --issue
nsg_membership_pak --model all` from Python and plots each model's weighted median per
round to a PNG, with the Monte Carlo 80% interval (2000 samples, seed 1) of the final
forecast for the weighted mean, the weighted median and the expected-utility model (the
spatial model takes about a second per run on this 50-actor issue, so it gets none).

    make python
    .venv/bin/python examples/nsg_forecast.py [OUT.png]
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display needed
import matplotlib.pyplot as plt  # noqa: E402

import statecraft as sc  # noqa: E402

root = Path(__file__).resolve().parents[1]
out = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "out" / "nsg_forecast.png"

world = sc.load_scenario(root / "cases" / "pakistan" / "nsg_pakistan.yaml")
result = sc.forecast(world, issue="nsg_membership_pak", model="all")
frame = result.to_pandas()
intervals = {m: sc.forecast(world, issue="nsg_membership_pak", model=m, samples=2000, seed=1)["interval"]
             for m in ("achen", "median", "bdm")}

fig, ax = plt.subplots(figsize=(7, 4))
for model in result.models:
    name = model["model"]
    rounds = frame[(frame["model"] == name)].groupby("round")["median"].first()
    line = ax.plot(rounds.index, rounds.values, marker="o", label=f"{name}: {model['forecast']:.1f}")[0]
    if name in intervals:
        low, high = intervals[name]
        last = rounds.index.max()
        ax.errorbar([last + 0.15], [model["forecast"]], yerr=[[max(0.0, model["forecast"] - low)],
                    [max(0.0, high - model["forecast"])]], color=line.get_color(), capsize=4)
ax.set_xlabel("round")
ax.set_ylabel("position (0 = not admitted, 100 = admitted)")
ax.set_title("Pakistan's NSG membership: weighted median per round\n(bars: Monte Carlo 80% interval, 2000 samples)")
ax.legend(title="model: forecast")
out.parent.mkdir(parents=True, exist_ok=True)
fig.tight_layout()
fig.savefig(out, dpi=120)
print(f"wrote {out}")
for model in result.models:
    interval = intervals.get(model["model"])
    span = f"  80% interval {interval[0]:.2f}-{interval[1]:.2f}" if interval else ""
    print(f"{model['model']:>6}: forecast {model['forecast']:.2f}{span}")
