"""Notebook display: Graphviz drawings with posterior bars, HTML tables, and plots
(matplotlib, Agg backend) saved as PNG."""

from __future__ import annotations

import html.parser
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Dict, List

import numpy as np
import pytest

import augury
from augury import display

ASIA_EDGES = 8
SPRINKLER = """network sprinkler { }
variable C { type discrete [ 2 ] { T, F }; }
variable S { type discrete [ 2 ] { on, off }; }
variable R { type discrete [ 2 ] { T, F }; }
variable W { type discrete [ 2 ] { wet, dry }; }
probability ( C ) { table 0.4, 0.6; }
probability ( S | C ) { (T) 0.2, 0.8; (F) 0.6, 0.4; }
probability ( R | C ) { (T) 0.85, 0.15; (F) 0.25, 0.75; }
probability ( W | S, R ) {
  (on, T) 0.98, 0.02;
  (on, F) 0.85, 0.15;
  (off, T) 0.88, 0.12;
  (off, F) 0.02, 0.98;
}
"""


@pytest.fixture
def net() -> augury.BayesianNetwork:
    return augury.parse_bif(SPRINKLER)


needs_dot = pytest.mark.skipif(
    display.dot_program() is None, reason="the Graphviz dot program is not installed"
)


def node_rows(dot: str) -> Dict[str, List[List[str]]]:
    """The text of the table rows inside each node label of DOT text, by node name."""
    out: Dict[str, List[List[str]]] = {}
    for label, name in re.findall(r'\[label=<(.*?)>, tooltip="([^"]*)"\]', dot):
        bars_removed = re.sub(r'<TABLE BORDER="0".*?</TABLE>', "", label)
        rows = re.findall(r"<TR>(.*?)</TR>", bars_removed)
        out[name] = [re.sub(r"<[^>]+>", " ", r).split() for r in rows]
    return out


# ---- DOT and SVG ------------------------------------------------------------------------


def test_dot_has_every_variable_arc_and_prior_percentage(net: augury.BayesianNetwork) -> None:
    dot = net.to_dot()
    rows = node_rows(dot)
    assert list(rows) == ["C", "S", "R", "W"]
    assert dot.count(" -> ") == 4
    # Prior marginals worked by hand: P(W=wet) = 0.69126 (field fault B12), P(S=on) = 0.44.
    assert rows["W"][1] == ["wet", "69.1%"] and rows["W"][2] == ["dry", "30.9%"]
    assert rows["S"][1] == ["on", "44.0%"]
    assert rows["C"][0] == ["C"], "the title row"
    names_only = display.to_dot(net, None)
    assert all(len(r) == 1 for r in node_rows(names_only).values())


def test_dot_of_a_tree_shows_its_posteriors_and_findings(net: augury.BayesianNetwork) -> None:
    tree = augury.JunctionTree(net)
    tree.set_hard("W", "wet")
    tree.set_likelihood("C", [0.3, 0.9])
    dot = tree.to_dot()
    rows = node_rows(dot)
    p_r = tree.posterior("R")["T"]
    assert rows["R"][1] == ["T", f"{100 * p_r:.1f}%"]
    assert rows["W"][0] == ["W", "(hard)"] and rows["W"][1] == ["wet", "100.0%"]
    assert rows["C"][0] == ["C", "(likelihood)"]
    assert display.FINDING_COLOURS["hard"] in dot and display.FINDING_COLOURS["likelihood"] in dot
    tree.set_fixed_marginal("S", [0.5, 0.5])
    assert node_rows(tree.to_dot())["S"][0] == ["S", "(fixed", "marginal)"]


def test_dot_given_posteriors_and_escaping() -> None:
    odd = augury.BayesianNetwork('a "quoted" <net>')
    odd.add_variable("x<y", ["a&b", "c>d"])
    odd.set_cpt("x<y", [], [0.25, 0.75])
    dot = display.to_dot(odd, {"x<y": {"a&b": 0.5, "c>d": 0.5}})
    assert "x&lt;y" in dot and "a&amp;b" in dot and 'digraph "a \\"quoted\\" <net>"' in dot
    assert node_rows(dot)["x<y"][1] == ["a&amp;b", "50.0%"]
    with pytest.raises(augury.ModelError, match=r"posteriors of 'x<y' give no probability for state 'c>d'"):
        display.to_dot(odd, {"x<y": {"a&b": 1.0}})
    with pytest.raises(augury.ModelError, match="no variable 'nope'"):
        display.to_dot(odd, {"nope": {"a": 1.0}})
    with pytest.raises(TypeError, match="expected a BayesianNetwork or a JunctionTree"):
        display.to_dot("net")  # type: ignore[arg-type]


def test_many_states_are_summed_into_one_line() -> None:
    wide = augury.BayesianNetwork("wide")
    wide.add_variable("V", [f"s{i}" for i in range(20)])
    wide.set_cpt("V", [], [0.05] * 20)
    rows = node_rows(display.to_dot(wide, max_states=12))["V"]
    assert len(rows) == 1 + 12 + 1
    assert rows[-1] == ["8", "more", "states", "40.0%"]


def test_impossible_evidence_draws_without_bars() -> None:
    net = augury.BayesianNetwork("z")
    net.add_variable("A", ["a0", "a1"])
    net.add_variable("B", ["b0", "b1"])
    net.set_cpt("A", [], [1.0, 0.0])
    net.set_cpt("B", ["A"], [[1.0, 0.0], [0.5, 0.5]])
    tree = augury.JunctionTree(net)
    tree.set_hard("B", "b1")
    dot = tree.to_dot()
    assert "no posteriors: evidence has probability zero" in dot
    assert all(len(r) == 1 for r in node_rows(dot).values())


@needs_dot
def test_svg_is_well_formed_and_names_every_variable(shared_dir: Path) -> None:
    net = augury.read_bif(shared_dir / "data" / "networks" / "bif" / "asia.bif")
    tree = augury.JunctionTree(net)
    tree.set_hard("dysp", "yes")
    svg = tree._repr_svg_()
    assert svg is not None and svg.startswith("<svg")
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    for v in net.variables:
        assert v in texts
    edges = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "edge"]
    assert len(edges) == ASIA_EDGES
    assert f"{100 * tree.posterior('bronc')['yes']:.1f}%" in texts
    assert net._repr_svg_() is not None


@needs_dot
def test_large_networks_are_not_drawn_by_the_notebook(monkeypatch: pytest.MonkeyPatch) -> None:
    chain = augury.BayesianNetwork("chain")
    for i in range(5):
        chain.add_variable(f"X{i}", ["a", "b"])
        chain.set_cpt(f"X{i}", [f"X{i - 1}"] if i else [], [[0.9, 0.1], [0.2, 0.8]] if i else [0.5, 0.5])
    assert chain._repr_svg_() is not None
    monkeypatch.setattr(display, "MAX_DRAWN_VARIABLES", 4)
    assert chain._repr_svg_() is None and augury.JunctionTree(chain)._repr_svg_() is None
    assert display.to_svg(chain).startswith("<svg"), "drawn when asked"


def test_without_dot_the_notebook_falls_back(net: augury.BayesianNetwork, monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    monkeypatch.setenv("AUGURY_DOT", str(tmp_path / "no-dot-here"))
    assert display.dot_program() is None
    assert net._repr_svg_() is None and augury.JunctionTree(net)._repr_svg_() is None
    with pytest.raises(FileNotFoundError, match=r"needs the Graphviz 'dot' program.*apt-get install graphviz"):
        display.to_svg(net)


# ---- HTML -------------------------------------------------------------------------------


class Cells(html.parser.HTMLParser):
    """Collects the text of every table row as a list of cells."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: List[List[str]] = []
        self._cell: List[str] | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def cells(markup: str) -> List[List[str]]:
    parser = Cells()
    parser.feed(markup)
    return parser.rows


def test_posteriors_html(net: augury.BayesianNetwork) -> None:
    tree = augury.JunctionTree(net)
    tree.set_hard("W", "wet")
    post = tree.posteriors(["R", "S"])
    rows = cells(post._repr_html_())
    assert rows[0] == ["variable", "state", "probability", ""]
    assert rows[1] == ["R", "T", f"{7450 / 11521:.4f}", ""]
    assert rows[2] == ["F", f"{1 - 7450 / 11521:.4f}", ""]
    assert [r[-3] for r in rows[3:]] == ["on", "off"]


def test_cpt_html_and_truncation(net: augury.BayesianNetwork) -> None:
    markup = net.get_cpt("W")._repr_html_()
    assert "<caption>P(W | S, R)</caption>" in markup
    rows = cells(markup)
    assert rows[0] == ["S", "R", "wet", "dry"]
    assert rows[1:] == [["on", "T", "0.9800", "0.0200"], ["on", "F", "0.8500", "0.1500"],
                        ["off", "T", "0.8800", "0.1200"], ["off", "F", "0.0200", "0.9800"]]
    cut = cells(display.cpt_html(net.get_cpt("W"), max_rows=3))
    assert cut[-1] == ["... 1 more rows"] and len(cut) == 1 + 3 + 1


def test_forecast_html() -> None:
    f = augury.forecast()
    markup = f._repr_html_()
    assert f"{f.num_reports} reports on {len(f.steps)} dates, {f.dates[0]} to {f.dates[-1]}" in markup
    rows = cells(markup)
    first = next(r for r in rows if r and r[0] == f.scenario_states[0])
    prior, final = f.prior_scenario[f.scenario_states[0]], f.final_scenario[f.scenario_states[0]]
    assert first[1:4] == [f"{prior:.4f}", f"{final:.4f}", f"{final - prior:+.4f}"]


# ---- plots ------------------------------------------------------------------------------


@pytest.fixture
def plt() -> object:
    matplotlib = pytest.importorskip("matplotlib", reason="matplotlib is needed for augury.plot")
    matplotlib.use("Agg")
    import matplotlib.pyplot as pyplot

    yield pyplot
    pyplot.close("all")


def saved_png(ax: object, path: Path) -> bytes:
    ax.figure.savefig(path, dpi=60)  # type: ignore[attr-defined]
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 2000
    return data


def test_trajectory_plot(plt: object, tmp_path: Path) -> None:
    f = augury.forecast()
    ax = augury.plot.trajectory(f)
    saved_png(ax, tmp_path / "trajectory.png")
    array = f.scenario_array()
    lines = [line for line in ax.lines if line.get_label() != "_nolegend_"][: len(f.scenario_states)]
    for i, line in enumerate(lines):
        ys = np.asarray(line.get_ydata(), dtype=float)
        # The prior, each step, and the last step again to close the final step.
        assert ys.tolist() == [*array[:, i].tolist(), array[-1, i]]
        assert line.get_label() == f.scenario_states[i].replace("_", " ")
    coop = augury.plot.trajectory(f, "cooperation", title="levels")
    assert coop.get_title() == "levels" and coop.get_ylabel() == "P(cooperation)"
    with pytest.raises(ValueError, match="unknown node"):
        augury.plot.trajectory(f, "nodes")
    empty = augury.forecast([])
    saved_png(augury.plot.trajectory(empty), tmp_path / "empty.png")


def test_network_and_posterior_plots(plt: object, net: augury.BayesianNetwork, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    tree = augury.JunctionTree(net)
    tree.set_hard("W", "wet")
    saved_png(augury.plot.network(tree), tmp_path / "network.png")
    post = tree.posteriors()
    ax = augury.plot.posteriors(post)
    saved_png(ax, tmp_path / "posteriors.png")
    widths = [patch.get_width() for patch in ax.patches]
    assert widths == pytest.approx([p for d in post.values() for p in d.values()], abs=0)
    single = augury.plot.posteriors(post["R"], title="R")
    assert [p.get_width() for p in single.patches] == list(post["R"].values())
    with pytest.raises(ValueError, match="nothing to plot"):
        augury.plot.posteriors({})
    # Without Graphviz the network is laid out in layers.
    monkeypatch.setenv("AUGURY_DOT", str(tmp_path / "no-dot-here"))
    saved_png(augury.plot.network(net), tmp_path / "layers.png")
