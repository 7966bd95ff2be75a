"""The default forecast as pandas DataFrames and a trajectory plot (trajectory.png).

Needs: pip install 'augury[pandas,plot]'
"""

import sys

import augury

try:
    import matplotlib

    matplotlib.use("Agg")
    import augury.plot
except ImportError as exc:
    print(f"skipped: {exc}")
    sys.exit(3)

forecast = augury.forecast()
print(forecast)

# One row per report date, one column per scenario; the prior is in forecast.prior_scenario.
trajectory = forecast.to_frame()
print(trajectory.round(3).tail())

# Which dates moved the scenario distribution most.
changes = forecast.to_frame(prior=True).diff().abs().sum(axis=1).iloc[1:]
print("largest moves:")
print(changes.nlargest(3).round(3))

# The reports behind it, and the rows of the timeline that fit no indicator.
reports = augury.shipped_timeline().to_frame()
print(reports[["date", "indicator", "grade"]].head(3))

ax = augury.plot.trajectory(forecast)
ax.figure.savefig("trajectory.png", dpi=100, bbox_inches="tight")
print("wrote trajectory.png")
