"""Figures of the analyst's report (:func:`augury.report`) with matplotlib.

Each function takes an :class:`augury.AnalystReport` (or its ``data`` dict), draws on the
given matplotlib ``Axes`` (a new figure when None) and returns the ``Figure``:

- :func:`plot_trajectory`: the scenario probabilities after each date, with credible bands
  and the ICD 203 band edges as faint horizontal lines;
- :func:`plot_tornado`: the model numbers whose one-way change moves the leading scenario
  most (the range of P(leading scenario) each one spans);
- :func:`plot_watch_list`: the indicators ranked by the information an observation would
  give, with the probability that it changes the leading scenario's term;
- :func:`plot_attribution`: the Shapley values of the pieces of evidence on the leading
  scenario's log-odds.

matplotlib is imported when a function is called, so ``import augury`` does not need it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Union

from ._toolkit import AnalystReport

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_trajectory", "plot_tornado", "plot_watch_list", "plot_attribution"]

ReportLike = Union[AnalystReport, Mapping[str, Any]]
_EDGES = (0.05, 0.20, 0.45, 0.55, 0.80, 0.95)


def _data(report: ReportLike) -> Mapping[str, Any]:
    return report.data if isinstance(report, AnalystReport) else report


def _axes(ax: Optional[Axes], size: tuple[float, float]) -> tuple[Figure, Axes]:
    import matplotlib.pyplot as plt

    if ax is None:
        fig, new_ax = plt.subplots(figsize=size)
        return fig, new_ax
    figure = ax.get_figure()
    assert figure is not None
    return figure, ax  # type: ignore[return-value]


def _leading(data: Mapping[str, Any]) -> str:
    return str(data["key_judgments"]["leading_scenario"]["state"])


def plot_trajectory(report: ReportLike, ax: Optional[Axes] = None) -> Figure:
    """The probability of every scenario before the reports and after each date, with the
    credible bands of the report (when it has them) shaded."""
    import matplotlib.dates as mdates
    import numpy as np

    data = _data(report)
    scenarios: List[str] = [s["state"] for s in data["key_judgments"]["scenarios"]]
    points = data["trajectory"]
    fig, ax = _axes(ax, (9.0, 4.5))
    dates = np.array([p["date"] for p in points], dtype="datetime64[D]")
    for edge in _EDGES:
        ax.axhline(edge, color="0.85", linewidth=0.6, zorder=0)
    for name in scenarios:
        prior = next(s["prior"] for s in data["key_judgments"]["scenarios"] if s["state"] == name)
        ys = np.array([prior] + [p["scenario"][name] for p in points])
        if len(dates) > 0:
            xs = np.concatenate([[dates[0] - np.timedelta64(30, "D")], dates])
        else:
            xs = np.array([np.datetime64("today", "D")])
        (line,) = ax.step(xs, ys, where="post", label=name, linewidth=1.6)
        if points and "lower" in points[0]:
            lo = np.array([prior] + [p["lower"][name] for p in points])
            hi = np.array([prior] + [p["upper"][name] for p in points])
            lo[0], hi[0] = lo[1], hi[1]
            ax.fill_between(xs, lo, hi, step="post", color=line.get_color(), alpha=0.15, linewidth=0)
    ax.set_ylim(0.0, 1.0)
    ax.set_ylabel("probability")
    ax.set_title("Scenario probabilities after each date's reports")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))  # type: ignore[no-untyped-call]
    ax.legend(loc="upper left", fontsize="small", frameon=False)
    fig.autofmt_xdate()
    return fig


def plot_tornado(report: ReportLike, ax: Optional[Axes] = None, top: int = 10) -> Figure:
    """One bar per model number: the range of P(leading scenario) as the number sweeps its
    whole interval, the largest at the top; the current probability as a vertical line."""
    data = _data(report)
    rows = list(data["sensitivity"])[:top]
    lead = data["key_judgments"]["leading_scenario"]
    fig, ax = _axes(ax, (9.0, 0.45 * max(len(rows), 3) + 1.2))
    for i, r in enumerate(reversed(rows)):
        ax.barh(i, r["high"] - r["low"], left=r["low"], color="tab:blue", alpha=0.7)
    ax.set_yticks(range(len(rows)), [r["parameter"] for r in reversed(rows)], fontsize="small")
    ax.axvline(lead["probability"], color="black", linewidth=1.0)
    ax.set_xlim(0.0, 1.0)
    ax.set_xlabel(f"P({lead['state']}) as one number varies")
    ax.set_title("What the leading judgment is most sensitive to")
    fig.tight_layout()
    return fig


def plot_watch_list(report: ReportLike, ax: Optional[Axes] = None) -> Figure:
    """The indicators to watch: mutual information with the scenario (bars), annotated with
    the probability that observing the indicator changes the leading scenario's term."""
    data = _data(report)
    rows = list(data["watch_list"]["indicators"])
    fig, ax = _axes(ax, (9.0, 0.45 * max(len(rows), 3) + 1.2))
    values = [r["mutual_information_bits"] for r in reversed(rows)]
    ax.barh(range(len(rows)), values, color="tab:green", alpha=0.7)
    ax.set_yticks(range(len(rows)), [r["indicator"] for r in reversed(rows)], fontsize="small")
    top = max(values) if values else 1.0
    for i, r in enumerate(reversed(rows)):
        ax.text(
            r["mutual_information_bits"] + 0.01 * top,
            i,
            f"term changes {100 * r['term_change_probability']:.0f}%",
            va="center",
            fontsize="x-small",
        )
    ax.set_xlim(0.0, 1.35 * top if top > 0 else 1.0)
    ax.set_xlabel("information about the scenario (bits)")
    ax.set_title("Indicators to watch")
    fig.tight_layout()
    return fig


def plot_attribution(report: ReportLike, ax: Optional[Axes] = None, top: int = 10) -> Figure:
    """The Shapley values of the pieces of evidence on the log-odds of the leading scenario
    (positive: the evidence raised it), the largest in absolute value at the top."""
    data = _data(report)
    lead = _leading(data)
    evidence: List[Dict[str, Any]] = sorted(
        data["attribution"]["evidence"], key=lambda e: -abs(e["values"].get(lead) or 0.0)
    )[:top]
    fig, ax = _axes(ax, (9.0, 0.45 * max(len(evidence), 3) + 1.2))
    values = [e["values"].get(lead) or 0.0 for e in reversed(evidence)]
    colors = ["tab:red" if v < 0 else "tab:blue" for v in values]
    ax.barh(range(len(evidence)), values, color=colors, alpha=0.75)
    labels = [f"{e['date']} {e['indicator']} = {e['claim']}" for e in reversed(evidence)]
    ax.set_yticks(range(len(evidence)), labels, fontsize="x-small")
    ax.axvline(0.0, color="black", linewidth=0.8)
    ax.set_xlabel(f"Shapley value on the log-odds of {lead}")
    ax.set_title("Reports that moved the forecast most")
    fig.tight_layout()
    return fig
