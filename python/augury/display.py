"""Pictures and tables for notebooks: networks as Graphviz drawings with a bar per state
inside each node, and HTML tables for posteriors, CPTs and forecasts.

In Jupyter these are what :class:`BayesianNetwork`, :class:`JunctionTree` (SVG),
:class:`CPT`, :class:`Posteriors` and :class:`Forecast` (HTML) show when they are the value
of a cell. The drawing needs the Graphviz ``dot`` program (Debian/Ubuntu: ``apt-get install
graphviz``; conda: ``graphviz``); without it the notebook falls back to the text repr and
:func:`to_svg` raises an error that says what to install.
"""

from __future__ import annotations

import html
import math
import os
import shutil
import subprocess
from typing import TYPE_CHECKING, Dict, List, Mapping, Optional, Sequence, Union

from . import _core

if TYPE_CHECKING:
    from ._inference import JunctionTree
    from ._network import BayesianNetwork
    from ._scenario import Forecast
    from ._views import CPT

__all__ = [
    "to_dot",
    "to_svg",
    "dot_program",
    "posteriors_html",
    "cpt_html",
    "forecast_html",
]

Model = Union["BayesianNetwork", "JunctionTree"]
PosteriorMap = Mapping[str, Mapping[str, float]]

#: Colours of the drawings and tables (a colour-blind-safe palette).
BAR_COLOUR = "#4c72b0"
BAR_BACKGROUND = "#e6e6e6"
FINDING_COLOURS = {"hard": "#c44e52", "likelihood": "#dd8452", "fixed_marginal": "#8172b2"}
NODE_BORDER = "#7f7f7f"

#: Pixel width of a bar at probability 1 in a drawing.
BAR_WIDTH = 60
#: Largest network whose prior marginals are drawn (clique entries of its junction tree);
#: larger networks are drawn without bars unless posteriors are given.
PRIOR_BAR_LIMIT = 2e7
#: Largest network a notebook draws by itself (its _repr_svg_); larger drawings are
#: unreadable and slow to lay out.
MAX_DRAWN_VARIABLES = 300
#: Rows shown by cpt_html before the table is cut.
MAX_HTML_ROWS = 64


def dot_program() -> Optional[str]:
    """The path of the Graphviz ``dot`` program (``$AUGURY_DOT`` if set, else ``dot`` on
    PATH), or None when it is not installed."""
    configured = os.environ.get("AUGURY_DOT")
    if configured:
        return configured if os.path.isfile(configured) else None
    return shutil.which("dot")


# ---- Graphviz ---------------------------------------------------------------------------


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _bar_cell(p: float, colour: str) -> str:
    filled = max(0, min(BAR_WIDTH, int(round(p * BAR_WIDTH))))
    cells = []
    if filled > 0:
        cells.append(
            f'<TD WIDTH="{filled}" HEIGHT="8" FIXEDSIZE="TRUE" BGCOLOR="{colour}"></TD>'
        )
    if filled < BAR_WIDTH:
        cells.append(
            f'<TD WIDTH="{BAR_WIDTH - filled}" HEIGHT="8" FIXEDSIZE="TRUE" '
            f'BGCOLOR="{BAR_BACKGROUND}"></TD>'
        )
    return (
        '<TD><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
        + "".join(cells)
        + "</TR></TABLE></TD>"
    )


def _percent(p: float) -> str:
    if p != 0.0 and p < 0.001:
        return "&lt;0.1%"
    return f"{100.0 * p:.1f}%"


def _node_label(
    name: str,
    states: Sequence[str],
    dist: Optional[Mapping[str, float]],
    finding: Optional[str],
    max_states: int,
) -> str:
    colour = FINDING_COLOURS.get(finding or "", BAR_COLOUR)
    title = f"<B>{html.escape(name)}</B>"
    if finding:
        title += f'<FONT POINT-SIZE="8" COLOR="{colour}"> ({finding.replace("_", " ")})</FONT>'
    rows = [f'<TR><TD COLSPAN="3" CELLPADDING="3">{title}</TD></TR>']
    if dist is not None:
        shown = list(states[:max_states])
        for s in shown:
            p = float(dist[s])
            rows.append(
                f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9">{html.escape(s)}</FONT></TD>'
                + _bar_cell(p, colour)
                + f'<TD ALIGN="RIGHT"><FONT POINT-SIZE="9">{_percent(p)}</FONT></TD></TR>'
            )
        if len(states) > len(shown):
            rest = sum(float(dist[s]) for s in states[len(shown):])
            rows.append(
                f'<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="9">'
                f"{len(states) - len(shown)} more states</FONT></TD>"
                f'<TD ALIGN="RIGHT"><FONT POINT-SIZE="9">{_percent(rest)}</FONT></TD></TR>'
            )
    border = f' COLOR="{colour}"' if finding else f' COLOR="{NODE_BORDER}"'
    width = "2" if finding else "1"
    return (
        f'<<TABLE BORDER="{width}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" '
        f'STYLE="ROUNDED" BGCOLOR="#ffffff"{border}>' + "".join(rows) + "</TABLE>>"
    )


def _prior_marginals(net: BayesianNetwork) -> Optional[Dict[str, Dict[str, float]]]:
    from ._inference import JunctionTree

    try:
        tree = JunctionTree(net, max_total_entries=PRIOR_BAR_LIMIT)
        return dict(tree.posteriors(net.variables))
    except _core.Error:
        # No CPT yet, or too large to compile for a picture: draw the structure alone.
        return None


def _resolve(
    model: Model, posteriors: Union[PosteriorMap, str, None]
) -> tuple[BayesianNetwork, Optional[PosteriorMap], Dict[str, str], Optional[str]]:
    """The network, the distributions to draw, the findings' kinds, and a note."""
    from ._inference import JunctionTree
    from ._network import BayesianNetwork

    if isinstance(model, JunctionTree):
        net = model.network
        findings = {v: f.kind for v, f in model.findings.items()}
        if posteriors == "auto":
            try:
                return net, dict(model.posteriors(net.variables)), findings, None
            except _core.ImpossibleEvidenceError as exc:
                return net, None, findings, f"no posteriors: {exc}"
        if isinstance(posteriors, str):
            raise ValueError(f"posteriors must be a mapping, None or 'auto', not {posteriors!r}")
        return net, posteriors, findings, None
    if not isinstance(model, BayesianNetwork):
        raise TypeError(f"expected a BayesianNetwork or a JunctionTree, not {type(model).__name__}")
    if posteriors == "auto":
        return model, _prior_marginals(model), {}, None
    if isinstance(posteriors, str):
        raise ValueError(f"posteriors must be a mapping, None or 'auto', not {posteriors!r}")
    return model, posteriors, {}, None


def to_dot(
    model: Model,
    posteriors: Union[PosteriorMap, str, None] = "auto",
    *,
    max_states: int = 12,
    rankdir: str = "TB",
) -> str:
    """The Graphviz DOT text of a network: one box per variable holding a bar and a
    percentage per state, and an arrow per arc (parent to child).

    Args:
        model: a :class:`BayesianNetwork` or a :class:`JunctionTree`. A tree's findings are
            marked by the colour of the node (hard red, likelihood orange, fixed marginal
            purple).
        posteriors: what the bars show: ``"auto"`` for the tree's current posteriors, or a
            network's prior marginals (left out for networks too large to compile quickly);
            a mapping ``{variable: {state: probability}}`` (variables left out get no bars);
            or None for names only.
        max_states: states drawn per node; the rest are summed into one line.
        rankdir: Graphviz layout direction (``"TB"`` top to bottom, ``"LR"`` left to right).

    Raises:
        ModelError: a mapping names an unknown variable or misses a state of one it names.
    """
    net, dists, findings, note = _resolve(model, posteriors)
    if dists is not None:
        for v, dist in dists.items():
            states = net.states(v)  # ModelError for an unknown variable
            missing = [s for s in states if s not in dist]
            if missing:
                raise _core.ModelError(
                    f"posteriors of '{v}' give no probability for state '{missing[0]}' "
                    f"(states: {', '.join(states)})"
                )
    ids = {v: f"n{i}" for i, v in enumerate(net.variables)}
    lines = [
        f"digraph {_quote(net.name or 'network')} {{",
        f'  graph [rankdir={_quote(rankdir)}, nodesep=0.25, ranksep=0.35, fontname="Helvetica", '
        'fontsize=10];',
        '  node [shape=plaintext, margin=0, fontname="Helvetica", fontsize=10];',
        '  edge [color="#555555", arrowsize=0.6];',
    ]
    if note:
        lines.append(f"  label={_quote(note)}; labelloc=t;")
    for v in net.variables:
        shown = dists.get(v) if dists is not None else None
        label = _node_label(v, net.states(v), shown, findings.get(v), max_states)
        lines.append(f"  {ids[v]} [label={label}, tooltip={_quote(v)}];")
    for parent, child in net.arcs:
        lines.append(f"  {ids[parent]} -> {ids[child]};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def run_dot(source: str, output_format: str = "svg", timeout: float = 60.0) -> bytes:
    """Runs Graphviz ``dot -T<output_format>`` on ``source`` and returns its output.

    Raises:
        FileNotFoundError: ``dot`` is not installed (saying how to install it).
        RuntimeError: ``dot`` failed (with its message).
    """
    program = dot_program()
    if program is None:
        raise FileNotFoundError(
            "drawing a network needs the Graphviz 'dot' program, which was not found on PATH "
            "(install Graphviz: apt-get install graphviz, brew install graphviz or conda "
            "install graphviz; or set AUGURY_DOT to its path)"
        )
    done = subprocess.run(
        [program, f"-T{output_format}"],
        input=source.encode("utf-8"),
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0 or not done.stdout:
        raise RuntimeError(
            f"Graphviz dot failed (exit status {done.returncode}): "
            f"{done.stderr.decode('utf-8', 'replace').strip()}"
        )
    return done.stdout


def to_svg(
    model: Model,
    posteriors: Union[PosteriorMap, str, None] = "auto",
    *,
    max_states: int = 12,
    rankdir: str = "TB",
) -> str:
    """The drawing of :func:`to_dot` as SVG text (arguments as there).

    Raises:
        FileNotFoundError: the Graphviz ``dot`` program is not installed.
        RuntimeError: ``dot`` failed.
    """
    source = to_dot(model, posteriors, max_states=max_states, rankdir=rankdir)
    svg = run_dot(source, "svg").decode("utf-8")
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


def svg_repr(model: Model) -> Optional[str]:
    """``_repr_svg_`` of networks and trees: the drawing, or None (so that a notebook
    shows the text repr instead) when ``dot`` is not installed or the network has more than
    :data:`MAX_DRAWN_VARIABLES` variables (call :func:`to_svg` to draw it anyway)."""
    if dot_program() is None:
        return None
    from ._inference import JunctionTree

    size = len(model.network) if isinstance(model, JunctionTree) else len(model)
    if size > MAX_DRAWN_VARIABLES:
        return None
    return to_svg(model)


# ---- HTML tables ------------------------------------------------------------------------

_TABLE_STYLE = "border-collapse:collapse;font-size:12px;"
_CELL = "padding:1px 6px;text-align:left;"
_NUM = "padding:1px 6px;text-align:right;font-variant-numeric:tabular-nums;"


def _bar_html(p: float, colour: str = BAR_COLOUR, width: int = 120) -> str:
    filled = 0.0 if not math.isfinite(p) else max(0.0, min(1.0, p)) * width
    return (
        f'<div style="width:{width}px;height:10px;background:{BAR_BACKGROUND};">'
        f'<div style="width:{filled:.1f}px;height:10px;background:{colour};"></div></div>'
    )


def _number(p: float) -> str:
    return f"{p:.4f}"


def posteriors_html(posteriors: PosteriorMap, title: Optional[str] = None) -> str:
    """An HTML table of distributions: one row per (variable, state) with the probability
    and a bar."""
    rows: List[str] = []
    for variable, dist in posteriors.items():
        first = True
        for state, p in dist.items():
            head = (
                f'<td rowspan="{len(dist)}" style="{_CELL}vertical-align:top;">'
                f"<b>{html.escape(str(variable))}</b></td>"
                if first
                else ""
            )
            rows.append(
                f"<tr>{head}<td style=\"{_CELL}\">{html.escape(str(state))}</td>"
                f'<td style="{_NUM}">{_number(float(p))}</td>'
                f'<td style="{_CELL}">{_bar_html(float(p))}</td></tr>'
            )
            first = False
    caption = f"<caption>{html.escape(title)}</caption>" if title else ""
    return (
        f'<table class="augury-posteriors" style="{_TABLE_STYLE}">{caption}'
        f'<thead><tr><th style="{_CELL}">variable</th><th style="{_CELL}">state</th>'
        f'<th style="{_NUM}">probability</th><th></th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def cpt_html(cpt: CPT, max_rows: int = MAX_HTML_ROWS) -> str:
    """An HTML table of a CPT: one row per parent configuration (last parent fastest), one
    column per state of the variable. Tables longer than ``max_rows`` are cut, saying how
    many rows are left out."""
    parents = list(cpt.parents)
    given = f" | {', '.join(parents)}" if parents else ""
    caption = f"<caption>P({html.escape(cpt.variable + given)})</caption>"
    head = "".join(f'<th style="{_CELL}">{html.escape(p)}</th>' for p in parents)
    head += "".join(f'<th style="{_NUM}">{html.escape(s)}</th>' for s in cpt.states)
    values = cpt.values.reshape(-1, len(cpt.states))
    rows: List[str] = []
    for i, config in enumerate(cpt.configurations()):
        if i == max_rows:
            rows.append(
                f'<tr><td colspan="{len(parents) + len(cpt.states)}" style="{_CELL}">'
                f"... {len(values) - max_rows} more rows</td></tr>"
            )
            break
        cells = "".join(f'<td style="{_CELL}">{html.escape(s)}</td>' for s in config)
        cells += "".join(f'<td style="{_NUM}">{_number(float(p))}</td>' for p in values[i])
        rows.append(f"<tr>{cells}</tr>")
    return (
        f'<table class="augury-cpt" style="{_TABLE_STYLE}">{caption}<thead><tr>{head}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def forecast_html(forecast: Forecast) -> str:
    """An HTML summary of a forecast: the reports and dates it covers, and for the scenario
    and the cooperation node the prior, the final probabilities and the change."""
    n_steps = len(forecast.steps)
    span = f", {forecast.dates[0]} to {forecast.dates[-1]}" if n_steps else ""
    summary = (
        f"<p><b>Forecast</b>: {forecast.num_reports} reports on {n_steps} "
        f"date{'s' if n_steps != 1 else ''}{span}; {len(forecast.rejected)} rejected "
        f"row{'s' if len(forecast.rejected) != 1 else ''}.</p>"
    )
    tables = []
    for title, prior, final in (
        ("scenario", forecast.prior_scenario, forecast.final_scenario),
        ("cooperation", forecast.prior_cooperation, forecast.final_cooperation),
    ):
        rows = []
        for s, p in final.items():
            change = p - prior[s]
            rows.append(
                f'<tr><td style="{_CELL}">{html.escape(s)}</td>'
                f'<td style="{_NUM}">{_number(prior[s])}</td>'
                f'<td style="{_NUM}">{_number(p)}</td>'
                f'<td style="{_NUM}">{change:+.4f}</td>'
                f'<td style="{_CELL}">{_bar_html(p)}</td></tr>'
            )
        tables.append(
            f'<table class="augury-forecast" style="{_TABLE_STYLE}">'
            f"<thead><tr><th style=\"{_CELL}\">{title}</th><th style=\"{_NUM}\">prior</th>"
            f'<th style="{_NUM}">final</th><th style="{_NUM}">change</th><th></th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    return summary + "".join(tables)

