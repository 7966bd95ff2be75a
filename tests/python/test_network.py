"""BayesianNetwork: building, numpy CPTs and their axis order, copying, files."""

from __future__ import annotations

import copy
import itertools
import pickle
import re
from pathlib import Path
from typing import Dict, List, Tuple

import numpy as np
import pytest

import augury
from conftest import BIF_DIR

TWO_PARENTS = """network farm { }
variable Soil  { type discrete [ 3 ] { sand, clay, loam }; }
variable Irrig { type discrete [ 2 ] { on, off }; }
variable Yield { type discrete [ 2 ] { low, high }; }
probability ( Soil )  { table 0.5, 0.3, 0.2; }
probability ( Irrig ) { table 0.4, 0.6; }
probability ( Yield | Soil, Irrig ) {
  (loam, off) 0.35, 0.65;
  (sand, on)  0.20, 0.80;
  (clay, off) 0.70, 0.30;
  (sand, off) 0.60, 0.40;
  (loam, on)  0.10, 0.90;
  (clay, on)  0.45, 0.55;
}
"""


def labelled_rows(text: str, child: str) -> Tuple[List[str], Dict[Tuple[str, ...], List[float]]]:
    """Parents and the labelled rows of `child`'s probability block in bnlearn BIF text."""
    block = re.search(
        r"probability\s*\(\s*" + re.escape(child) + r"\s*\|\s*([^)]*)\)\s*\{(.*?)\}", text, re.S
    )
    assert block, child
    parents = [p.strip() for p in block.group(1).split(",")]
    rows = {}
    for labels, values in re.findall(r"\(([^)]*)\)\s*([^;]*);", block.group(2)):
        key = tuple(s.strip() for s in labels.split(","))
        rows[key] = [float(v) for v in values.replace(",", " ").split()]
    return parents, rows


def check_cpt_against_text(net: augury.BayesianNetwork, text: str, child: str) -> int:
    parents, rows = labelled_rows(text, child)
    assert net.parents(child) == parents
    table = net.cpt(child)
    assert table.dtype == np.float64
    assert table.shape == tuple(net.cardinality(p) for p in parents) + (net.cardinality(child),)
    for labels, values in rows.items():
        index = tuple(net.states(p).index(s) for p, s in zip(parents, labels))
        assert table[index].tolist() == values, (child, labels)
    assert len(rows) == int(np.prod(table.shape[:-1])), "every configuration is in the text"
    return len(rows)


def test_cpt_axis_order_matches_the_bif_rows() -> None:
    net = augury.parse_bif(TWO_PARENTS)
    assert check_cpt_against_text(net, TWO_PARENTS, "Yield") == 6
    table = net.cpt("Yield")
    # Axis 0 is Soil (first parent), axis 1 Irrig (second parent), the child last.
    assert table[2, 1].tolist() == [0.35, 0.65]  # (loam, off)
    assert table[0, 0].tolist() == [0.20, 0.80]  # (sand, on)
    assert net.cpt("Soil").shape == (3,)


def test_cpt_axis_order_on_a_published_network(shared_dir: Path) -> None:
    text = (BIF_DIR / "alarm.bif").read_text(encoding="utf-8")
    net = augury.read_bif(BIF_DIR / "alarm.bif")
    multi = [v for v in net.variables if len(net.parents(v)) >= 2]
    assert len(multi) > 10
    checked = sum(check_cpt_against_text(net, text, v) for v in multi)
    assert checked > 100


def test_set_cpt_takes_the_layout_cpt_returns() -> None:
    source = augury.parse_bif(TWO_PARENTS)
    net = augury.BayesianNetwork("farm")
    for v in source.variables:
        net.add_variable(v, source.states(v))
    for v in source.variables:
        net.set_cpt(v, source.parents(v), source.cpt(v))
    assert net == source
    # Nested lists work as well as arrays.
    net.set_cpt("Yield", ["Soil", "Irrig"], source.cpt("Yield").tolist())
    assert net == source
    # Swapping the parents means transposing the first two axes.
    net.set_cpt("Yield", ["Irrig", "Soil"], np.transpose(source.cpt("Yield"), (1, 0, 2)))
    assert net.parents("Yield") == ["Irrig", "Soil"]
    for s, i in itertools.product(range(3), range(2)):
        assert net.cpt("Yield")[i, s].tolist() == source.cpt("Yield")[s, i].tolist()
    r1 = augury.query(net, {"Yield": "high"})["posteriors"]["Soil"]
    r2 = augury.query(source, {"Yield": "high"})["posteriors"]["Soil"]
    assert r1 == pytest.approx(r2, abs=1e-15)


def test_returned_cpt_is_a_copy() -> None:
    net = augury.parse_bif(TWO_PARENTS)
    table = net.cpt("Yield")
    table[:] = 0.0
    assert net.cpt("Yield")[0, 0].tolist() == [0.2, 0.8]


def test_structure_queries() -> None:
    net = augury.parse_bif(TWO_PARENTS)
    assert net.name == "farm"
    assert net.variables == ["Soil", "Irrig", "Yield"] == list(net)
    assert len(net) == 3 and "Yield" in net and "Rain" not in net and 3 not in net
    assert net.children("Soil") == ["Yield"] and net.parents("Soil") == []
    assert net.arcs == [("Soil", "Yield"), ("Irrig", "Yield")]
    order = net.topological_order()
    assert order.index("Soil") < order.index("Yield") and order.index("Irrig") < order.index("Yield")
    assert net.cardinality("Soil") == 3 and net.has_cpt("Yield")
    assert repr(net) == "<BayesianNetwork 'farm': 3 variables (Soil, Irrig, Yield), 2 arcs>"


def test_equality_copy_and_pickle() -> None:
    net = augury.parse_bif(TWO_PARENTS)
    for other in (net.copy(), copy.copy(net), copy.deepcopy(net), pickle.loads(pickle.dumps(net))):
        assert other == net and other is not net
    changed = net.copy()
    changed.set_cpt("Irrig", [], [0.5, 0.5])
    assert changed != net
    renamed = net.copy()
    renamed.name = "other"
    assert renamed != net
    assert net != "farm"
    with pytest.raises(TypeError):
        hash(net)


def test_properties() -> None:
    net = augury.BayesianNetwork("p")
    net.properties = {"author": "someone"}
    assert net.properties == {"author": "someone"}
    props = net.properties
    props["x"] = "y"
    assert "x" not in net.properties, "properties returns a copy"


def test_file_round_trips(tmp_path: Path) -> None:
    net = augury.parse_bif(TWO_PARENTS)
    assert augury.parse_bif(augury.to_bif(net)) == net
    assert augury.parse_json(augury.to_json(net)) == net
    for name in ("farm.bif", "farm.json", "FARM.BIF"):
        augury.write_model(net, tmp_path / name)
        assert augury.read_model(tmp_path / name) == net
    augury.write_bif(net, tmp_path / "a.bif")
    augury.write_json(net, str(tmp_path / "a.json"))
    assert augury.read_bif(tmp_path / "a.bif") == augury.read_json(tmp_path / "a.json") == net


def test_sum_tolerance_is_an_option() -> None:
    loose = TWO_PARENTS.replace("table 0.4, 0.6;", "table 0.4, 0.6001;")
    with pytest.raises(augury.ParseError, match="sums to 1.0001"):
        augury.parse_bif(loose)
    net = augury.parse_bif(loose, sum_tolerance=1e-3)
    assert net.cpt("Irrig").tolist() == [0.4, 0.6001], "never rescaled"
    restored = pickle.loads(pickle.dumps(net))
    assert restored == net
