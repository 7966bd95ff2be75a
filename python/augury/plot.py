"""Plots with matplotlib: a forecast's trajectory over its timeline, a network with a bar
per state in each node, and posterior bars.

matplotlib is an optional dependency (``pip install augury[plot]``). Each function draws
into ``ax`` when one is given, else into a new figure, and returns the Axes; save with
``ax.figure.savefig(path)``. Nothing is shown or printed.
"""

from __future__ import annotations

import datetime as _dt
import shlex
from typing import TYPE_CHECKING, Dict, List, Mapping, Optional, Tuple, Union

from ._frames import require

require("matplotlib", "augury.plot", "plot")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle  # noqa: E402
from matplotlib.path import Path  # noqa: E402

from . import display  # noqa: E402

if TYPE_CHECKING:
    from ._inference import JunctionTree
    from ._network import BayesianNetwork
    from ._scenario import Forecast

__all__ = ["trajectory", "network", "posteriors"]

#: Line colours of the states (matplotlib's default cycle, colour-blind safe for 4-6 lines).
COLOURS = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b2", "#937860", "#da8bc3", "#8c8c8c"]


def _axes(ax: Optional[Axes], size: Tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    _, new = plt.subplots(figsize=size)
    return new


def trajectory(
    forecast: Forecast,
    node: str = "scenario",
    *,
    ax: Optional[Axes] = None,
    title: Optional[str] = None,
    show_reports: bool = True,
) -> Axes:
    """The probability of each state of ``node`` over the forecast's timeline.

    Each state is a step line: it holds the prior until the first report date and then,
    from each date on, the posterior after that date's reports (the rows of
    :meth:`Forecast.scenario_array`). The prior is drawn as the flat start before the
    first date. With ``show_reports``, small ticks along the bottom mark the report dates.

    Args:
        forecast: a :class:`Forecast`.
        node: ``"scenario"`` or ``"cooperation"``.
        ax: the Axes to draw into (default: a new 9 x 4.5 inch figure).
        title: the title (default: a description of the forecast).
        show_reports: mark the report dates.

    Raises:
        ValueError: an unknown ``node``.
    """
    if node == "scenario":
        states, array = forecast.scenario_states, forecast.scenario_array()
    elif node == "cooperation":
        states, array = forecast.cooperation_states, forecast.cooperation_array()
    else:
        raise ValueError(f"unknown node '{node}' (nodes: scenario, cooperation)")
    ax = _axes(ax, (9.0, 4.5))
    dates = [_dt.date.fromisoformat(d) for d in forecast.dates]
    if dates:
        span = max((dates[-1] - dates[0]).days, 1)
        start = dates[0] - _dt.timedelta(days=max(7, span // 20))
        end = dates[-1] + _dt.timedelta(days=max(7, span // 20))
        xs = [start, *dates, end]
        rows = [array[0], *array[1:], array[-1]]
    else:
        today = _dt.date.today()
        xs = [today - _dt.timedelta(days=7), today]
        rows = [array[0], array[0]]
    for i, state in enumerate(states):
        ax.plot(
            xs,  # type: ignore[arg-type]
            [float(r[i]) for r in rows],
            drawstyle="steps-post",
            color=COLOURS[i % len(COLOURS)],
            label=state.replace("_", " "),
            linewidth=1.8,
        )
    if show_reports and dates:
        ax.plot(
            dates,  # type: ignore[arg-type]
            [0.0] * len(dates),
            linestyle="none",
            marker="|",
            markersize=8,
            color="#555555",
            label=f"report dates ({forecast.num_reports} reports)",
            clip_on=False,
        )
    top = float(array.max()) if array.size else 1.0
    ax.set_ylim(0.0, min(1.0, top + 0.08))
    ax.set_ylabel(f"P({node})")
    locator = mdates.AutoDateLocator()  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    ax.grid(True, axis="y", alpha=0.3)
    ax.legend(loc="upper left", fontsize=8, frameon=False, ncol=2)
    ax.set_title(
        title
        if title is not None
        else f"{node} probabilities: prior, then after each day's reports"
    )
    return ax


def posteriors(
    distributions: Union[Mapping[str, float], Mapping[str, Mapping[str, float]]],
    *,
    ax: Optional[Axes] = None,
    title: Optional[str] = None,
) -> Axes:
    """Horizontal bars of one distribution ``{state: probability}`` or of several
    ``{variable: {state: probability}}`` (e.g. :meth:`JunctionTree.posteriors`), one group
    per variable, states top to bottom in declaration order.

    Raises:
        ValueError: no distribution, or values that are not numbers in [0, 1].
    """
    groups: List[Tuple[str, Dict[str, float]]]
    values = list(distributions.values())
    if not values:
        raise ValueError("posteriors: nothing to plot")
    if all(isinstance(v, Mapping) for v in values):
        groups = [(str(k), {str(s): float(p) for s, p in v.items()}) for k, v in distributions.items()]  # type: ignore[union-attr]
    else:
        groups = [("", {str(s): float(p) for s, p in distributions.items()})]  # type: ignore[arg-type]
    for name, dist in groups:
        bad = [s for s, p in dist.items() if not 0.0 <= p <= 1.0]
        if bad:
            raise ValueError(f"posteriors: {name or 'the'} probability of '{bad[0]}' is not in [0, 1]")
    n_rows = sum(len(d) for _, d in groups) + max(0, len(groups) - 1)
    ax = _axes(ax, (6.0, max(1.5, 0.28 * n_rows + 0.8)))
    labels: List[str] = []
    ys: List[float] = []
    y = 0.0
    for g, (name, dist) in enumerate(groups):
        for i, (state, p) in enumerate(dist.items()):
            ax.barh(-y, p, height=0.7, color=COLOURS[g % len(COLOURS)])
            ax.text(min(p, 0.86) + 0.01, -y, f"{p:.1%}", va="center", fontsize=8)
            labels.append(f"{name}: {state}" if name and i == 0 else state if not name else state)
            ys.append(-y)
            y += 1.0
        y += 1.0
    ax.set_yticks(ys)
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_xlim(0.0, 1.0)
    ax.set_xlabel("probability")
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    if len(groups) > 1:
        y = 0.0
        for name, dist in groups:
            ax.text(-0.02, -y + 0.6, name, transform=ax.get_yaxis_transform(), ha="right",
                    va="bottom", fontsize=8, fontweight="bold")
            y += len(dist) + 1.0
        ax.set_yticklabels([lab.split(": ", 1)[-1] for lab in labels], fontsize=8)
    if title:
        ax.set_title(title)
    return ax


# ---- network drawing --------------------------------------------------------------------

#: Sizes in layout inches: node width, title height, height per state line.
_NODE_WIDTH = 1.7
_TITLE_HEIGHT = 0.24
_ROW_HEIGHT = 0.15


def _node_height(n_states: int) -> float:
    return _TITLE_HEIGHT + _ROW_HEIGHT * n_states + 0.06


def _graphviz_layout(
    net: BayesianNetwork, rows: Mapping[str, int], rankdir: str
) -> Optional[Tuple[Dict[str, Tuple[float, float]], Dict[Tuple[str, str], List[Tuple[float, float]]]]]:
    """Node centres and edge spline points (inches) from ``dot -Tplain``, or None."""
    if display.dot_program() is None:
        return None
    ids = {v: f"n{i}" for i, v in enumerate(net.variables)}
    names = {i: v for v, i in ids.items()}
    lines = [f"digraph g {{ graph [rankdir={rankdir}, nodesep=0.25, ranksep=0.35];",
             '  node [shape=box, fixedsize=true, label=""];']
    for v in net.variables:
        lines.append(f"  {ids[v]} [width={_NODE_WIDTH}, height={_node_height(rows[v]):.3f}];")
    for p, c in net.arcs:
        lines.append(f"  {ids[p]} -> {ids[c]};")
    lines.append("}")
    plain = display.run_dot("\n".join(lines), "plain").decode("utf-8")
    centres: Dict[str, Tuple[float, float]] = {}
    edges: Dict[Tuple[str, str], List[Tuple[float, float]]] = {}
    for line in plain.splitlines():
        parts = shlex.split(line)
        if not parts:
            continue
        if parts[0] == "node":
            centres[names[parts[1]]] = (float(parts[2]), float(parts[3]))
        elif parts[0] == "edge":
            n = int(parts[3])
            coords = [float(x) for x in parts[4 : 4 + 2 * n]]
            edges[(names[parts[1]], names[parts[2]])] = list(zip(coords[0::2], coords[1::2]))
    return centres, edges


def _layered_layout(
    net: BayesianNetwork, rows: Mapping[str, int]
) -> Dict[str, Tuple[float, float]]:
    """Node centres when Graphviz is absent: one layer per longest-path depth."""
    depth: Dict[str, int] = {}
    for v in net.topological_order():
        parents = net.parents(v)
        depth[v] = 1 + max((depth[p] for p in parents), default=-1)
    layers: Dict[int, List[str]] = {}
    for v in net.variables:
        layers.setdefault(depth[v], []).append(v)
    centres: Dict[str, Tuple[float, float]] = {}
    y = 0.0
    for d in sorted(layers):
        members = layers[d]
        height = max(_node_height(rows[v]) for v in members)
        for i, v in enumerate(members):
            centres[v] = ((i - (len(members) - 1) / 2.0) * (_NODE_WIDTH + 0.3), y - height / 2.0)
        y -= height + 0.45
    return centres


def network(
    model: Union[BayesianNetwork, JunctionTree],
    posteriors: Union[Mapping[str, Mapping[str, float]], str, None] = "auto",
    *,
    ax: Optional[Axes] = None,
    max_states: int = 6,
    rankdir: str = "TB",
) -> Axes:
    """The network drawn with matplotlib: a box per variable with a bar per state (as in
    :func:`augury.display.to_dot`) and an arrow per arc. Laid out by Graphviz ``dot`` when
    it is installed, else in layers by depth.

    Args:
        model: a :class:`BayesianNetwork` (bars: prior marginals) or a
            :class:`JunctionTree` (bars: current posteriors; findings coloured).
        posteriors: ``"auto"``, a mapping ``{variable: {state: probability}}``, or None for
            names only (as in :func:`augury.display.to_dot`).
        ax: the Axes to draw into (default: a new figure sized to the layout).
        max_states: states drawn per node; the rest are summed into one line.
        rankdir: ``"TB"`` or ``"LR"`` (with Graphviz).
    """
    net, dists, findings, note = display._resolve(model, posteriors)
    rows: Dict[str, int] = {}
    for v in net.variables:
        n = len(net.states(v))
        rows[v] = (min(n, max_states) + (1 if n > max_states else 0)) if dists and v in dists else 0
    layout = _graphviz_layout(net, rows, rankdir)
    if layout is not None:
        centres, splines = layout
    else:
        centres, splines = _layered_layout(net, rows), {}
    xs = [x for x, _ in centres.values()] or [0.0]
    ys = [y for _, y in centres.values()] or [0.0]
    tallest = max((_node_height(n) for n in rows.values()), default=_TITLE_HEIGHT)
    x0, x1 = min(xs) - _NODE_WIDTH / 2 - 0.1, max(xs) + _NODE_WIDTH / 2 + 0.1
    y0, y1 = min(ys) - tallest / 2 - 0.1, max(ys) + tallest / 2 + 0.1
    ax = _axes(ax, (max(3.0, min(x1 - x0, 24.0)), max(2.0, min(y1 - y0, 24.0))))
    # Edges below the nodes.
    for parent, child in net.arcs:
        points = splines.get((parent, child))
        if points and len(points) >= 4 and (len(points) - 1) % 3 == 0:
            codes = [Path.MOVETO] + [Path.CURVE4] * (len(points) - 1)
            patch = FancyArrowPatch(
                path=Path(points, codes), arrowstyle="-|>", mutation_scale=9,
                color="#555555", linewidth=0.9, zorder=1,
            )
        else:
            (px, py), (cx, cy) = centres[parent], centres[child]
            patch = FancyArrowPatch(
                (px, py - _node_height(rows[parent]) / 2), (cx, cy + _node_height(rows[child]) / 2),
                arrowstyle="-|>", mutation_scale=9, color="#555555", linewidth=0.9, zorder=1,
            )
        ax.add_patch(patch)
    for v in net.variables:
        cx, cy = centres[v]
        h = _node_height(rows[v])
        colour = display.FINDING_COLOURS.get(findings.get(v, ""), display.BAR_COLOUR)
        edge = colour if v in findings else display.NODE_BORDER
        ax.add_patch(FancyBboxPatch(
            (cx - _NODE_WIDTH / 2, cy - h / 2), _NODE_WIDTH, h,
            boxstyle="round,pad=0,rounding_size=0.06", facecolor="white", edgecolor=edge,
            linewidth=2.0 if v in findings else 0.8, zorder=2,
        ))
        top = cy + h / 2
        ax.text(cx, top - _TITLE_HEIGHT / 2 - 0.02, v, ha="center", va="center", fontsize=7.5,
                fontweight="bold", zorder=3, clip_on=True)
        if not rows[v] or dists is None:
            continue
        dist = dists[v]
        states = net.states(v)
        shown = states[:max_states]
        left = cx - _NODE_WIDTH / 2 + 0.05
        bar_x, bar_w = left + 0.55, 0.62
        for i, s in enumerate(shown):
            y = top - _TITLE_HEIGHT - _ROW_HEIGHT * (i + 0.5)
            p = float(dist[s])
            ax.text(left, y, s[:12], ha="left", va="center", fontsize=6, zorder=3)
            ax.add_patch(Rectangle((bar_x, y - 0.045), bar_w, 0.09, facecolor=display.BAR_BACKGROUND,
                                   linewidth=0, zorder=3))
            ax.add_patch(Rectangle((bar_x, y - 0.045), bar_w * p, 0.09, facecolor=colour,
                                   linewidth=0, zorder=4))
            ax.text(cx + _NODE_WIDTH / 2 - 0.05, y, f"{p:.1%}", ha="right", va="center",
                    fontsize=6, zorder=3)
        if len(states) > len(shown):
            y = top - _TITLE_HEIGHT - _ROW_HEIGHT * (len(shown) + 0.5)
            rest = sum(float(dist[s]) for s in states[len(shown):])
            ax.text(left, y, f"{len(states) - len(shown)} more states: {rest:.1%}", ha="left",
                    va="center", fontsize=6, zorder=3)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    if note:
        ax.set_title(note, fontsize=8)
    elif net.name:
        ax.set_title(net.name, fontsize=9)
    return ax

