"""Conversion to and from pgmpy and pyAgrum: tables laid out as each library expects,
lossless round trips, and the same posteriors in all three libraries."""

from __future__ import annotations

import itertools
import sys
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any, Dict, List

import numpy as np
import pytest

import augury
from augury import interop
from conftest import BIF_DIR

pytestmark = pytest.mark.peers

# Exact engines agree to this (the house rule for exact engines).
TOLERANCE = 1e-10

FARM = """network farm { property author "augury tests" ; }
variable Soil  { type discrete [ 3 ] { sand, clay, loam }; }
variable Irrig { type discrete [ 2 ] { on, off }; }
variable Yield { type discrete [ 2 ] { low, high }; }
probability ( Soil )  { table 0.5, 0.3, 0.2; }
probability ( Irrig ) { table 0.4, 0.6; }
probability ( Yield | Soil, Irrig ) {
  (sand, on)  0.20, 0.80;
  (sand, off) 0.60, 0.40;
  (clay, on)  0.45, 0.55;
  (clay, off) 0.70, 0.30;
  (loam, on)  0.10, 0.90;
  (loam, off) 0.35, 0.65;
}
"""
# P(Yield | Soil, Irrig) as written above.
YIELD_ROWS = {("sand", "on"): [0.20, 0.80], ("sand", "off"): [0.60, 0.40],
              ("clay", "on"): [0.45, 0.55], ("clay", "off"): [0.70, 0.30],
              ("loam", "on"): [0.10, 0.90], ("loam", "off"): [0.35, 0.65]}


def peer(module: str) -> ModuleType:
    """Imports a peer library, or skips the test saying how to get it. Their imports warn
    about their own deprecations (and pyAgrum crashes when that warning is an error)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        try:
            return __import__(module, fromlist=["_"])
        except ImportError as exc:
            pytest.skip(f"{module} is not installed ({exc}); pip install 'augury[peers]'")


@pytest.fixture
def farm() -> augury.BayesianNetwork:
    return augury.parse_bif(FARM)


def networks() -> List[Any]:
    cases: List[Any] = [pytest.param("farm", id="farm"), pytest.param("default", id="default-model")]
    cases.append(
        pytest.param(
            "alarm",
            id="alarm",
            marks=pytest.mark.skipif(
                not (BIF_DIR / "alarm.bif").is_file(), reason=f"{BIF_DIR / 'alarm.bif'} not found"
            ),
        )
    )
    return cases


def load(name: str) -> augury.BayesianNetwork:
    if name == "farm":
        return augury.parse_bif(FARM)
    if name == "default":
        return augury.default_model().network
    return augury.read_bif(BIF_DIR / f"{name}.bif")


def exactly_normalised(net: augury.BayesianNetwork) -> augury.BayesianNetwork:
    """A copy whose every conditional distribution is divided by its sum.

    alarm's HREKG and HRSAT rows sum to 1 - 1e-7 (printed rounding). An engine that drops
    barren variables (pgmpy's variable elimination) then differs by ~5e-9 from one that
    sums them out (the junction trees), both correctly; with exact sums every exact engine
    must agree to rounding.
    """
    out = net.copy()
    for v in out.variables:
        table = out.cpt(v)
        out.set_cpt(v, out.parents(v), table / table.sum(axis=-1, keepdims=True))
    return out


def evidence_sets(net: augury.BayesianNetwork) -> List[Dict[str, str]]:
    """No evidence, then two hard findings chosen by a fixed rule (leaves, in states that
    are not the first), then five."""
    leaves = [v for v in net.variables if not net.children(v)]
    picks = [(v, net.states(v)[-1]) for v in leaves]
    return [{}, dict(picks[:2]), dict(picks[:5])]


# ---- layouts ----------------------------------------------------------------------------


def test_pgmpy_cpd_layout(farm: augury.BayesianNetwork) -> None:
    peer("pgmpy")
    model = interop.to_pgmpy(farm)
    cpd = model.get_cpds("Yield")
    assert list(cpd.variables) == ["Yield", "Soil", "Irrig"]
    assert cpd.state_names == {"Yield": ["low", "high"], "Soil": ["sand", "clay", "loam"],
                               "Irrig": ["on", "off"]}
    values = cpd.get_values()
    assert values.shape == (2, 6)
    # Column j is the parent configuration with the FIRST evidence variable slowest.
    for j, (soil, irrig) in enumerate(itertools.product(["sand", "clay", "loam"], ["on", "off"])):
        assert values[:, j].tolist() == YIELD_ROWS[(soil, irrig)]
    assert list(model.nodes()) == farm.variables and model.name == "farm"
    assert model.check_model()


def test_pyagrum_cpt_layout(farm: augury.BayesianNetwork) -> None:
    gum = peer("pyagrum")
    bn = interop.to_pyagrum(farm)
    assert [bn.variable(i).name() for i in sorted(bn.nodes())] == farm.variables
    assert list(bn.variable("Soil").labels()) == ["sand", "clay", "loam"]
    assert list(bn.cpt("Yield").names) == ["Yield", "Soil", "Irrig"]
    for (soil, irrig), row in YIELD_ROWS.items():
        assert bn.cpt("Yield")[{"Soil": soil, "Irrig": irrig}].tolist() == row
    assert bn.property("name") == "farm" and bn.property("author") == "augury tests"
    assert isinstance(bn, gum.BayesNet)


def test_from_pgmpy_reads_pgmpy_layout_and_numbers_unnamed_states() -> None:
    peer("pgmpy")
    from pgmpy.factors.discrete import TabularCPD
    from pgmpy.models import DiscreteBayesianNetwork

    model = DiscreteBayesianNetwork([("A", "C"), ("B", "C")])
    model.add_cpds(
        TabularCPD("A", 2, [[0.3], [0.7]]),
        TabularCPD("B", 3, [[0.2], [0.5], [0.3]]),
        # Columns (A, B): (0,0) (0,1) (0,2) (1,0) (1,1) (1,2) -- A slowest.
        TabularCPD("C", 2, [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]],
                   evidence=["A", "B"], evidence_card=[2, 3]),
    )
    net = interop.from_pgmpy(model)
    assert net.variables == ["A", "C", "B"] and net.states("B") == ["0", "1", "2"]
    assert net.parents("C") == ["A", "B"]
    cpt = net.get_cpt("C")
    assert cpt.distribution(A="0", B="2") == {"0": 0.3, "1": 0.7}
    assert cpt.distribution(A="1", B="0") == {"0": 0.4, "1": 0.6}


def test_from_pyagrum_reads_a_network_built_there() -> None:
    gum = peer("pyagrum")
    bn = gum.BayesNet("built")
    for name, labels in (("X", ["x0", "x1"]), ("Y", ["y0", "y1", "y2"]), ("Z", ["z0", "z1"])):
        bn.add(gum.LabelizedVariable(name, name, labels))
    bn.addArc("Y", "Z")
    bn.addArc("X", "Z")
    bn.cpt("X").fillWith([0.25, 0.75])
    bn.cpt("Y").fillWith([0.2, 0.3, 0.5])
    bn.cpt("Z")[{"X": "x1", "Y": "y2"}] = [0.05, 0.95]
    bn.cpt("Z")[{"X": "x0", "Y": "y2"}] = [0.4, 0.6]
    for y in ("y0", "y1"):
        for x in ("x0", "x1"):
            bn.cpt("Z")[{"X": x, "Y": y}] = [0.5, 0.5]
    net = interop.from_pyagrum(bn)
    assert net.name == "built" and net.variables == ["X", "Y", "Z"]
    assert net.parents("Z") == ["Y", "X"], "the CPT's variable order (arcs as added)"
    assert net.get_cpt("Z").distribution(X="x1", Y="y2") == {"z0": 0.05, "z1": 0.95}
    assert net.get_cpt("Z").distribution(X="x0", Y="y2") == {"z0": 0.4, "z1": 0.6}


# ---- round trips and posteriors ----------------------------------------------------------


@pytest.mark.parametrize("name", networks())
def test_round_trips_are_lossless(name: str) -> None:
    peer("pgmpy")
    peer("pyagrum")
    net = load(name)
    via_pgmpy = interop.from_pgmpy(interop.to_pgmpy(net))
    expected = net.copy()
    expected.properties = {}  # pgmpy has no place for properties
    assert via_pgmpy == expected
    via_pyagrum = interop.from_pyagrum(interop.to_pyagrum(net))
    assert via_pyagrum == net
    for v in net.variables:
        assert via_pyagrum.cpt(v).tobytes() == net.cpt(v).tobytes()


@pytest.mark.parametrize("name", networks())
def test_posteriors_agree_in_all_three_libraries(name: str) -> None:
    peer("pgmpy")
    gum = peer("pyagrum")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        from pgmpy.inference import VariableElimination
    net = exactly_normalised(load(name))
    model = interop.to_pgmpy(net)
    bn = interop.to_pyagrum(net)
    ve = VariableElimination(model)
    tree = augury.JunctionTree(net)
    for evidence in evidence_sets(net):
        tree.set_evidence(evidence)
        lazy = gum.LazyPropagation(bn)
        lazy.setEvidence(evidence)
        lazy.makeInference()
        for v in net.variables:
            if v in evidence:
                continue
            ours = tree.posterior_array(v)
            factor = ve.query([v], evidence=evidence, show_progress=False)
            theirs = np.array([factor.values[factor.state_names[v].index(s)] for s in net.states(v)])
            np.testing.assert_allclose(theirs, ours, rtol=0, atol=TOLERANCE, err_msg=f"pgmpy {v}")
            agrum = lazy.posterior(v)
            labels = list(bn.variable(v).labels())
            values = np.asarray(agrum.toarray(), dtype=float)
            agrum_p = np.array([values[labels.index(s)] for s in net.states(v)])
            np.testing.assert_allclose(agrum_p, ours, rtol=0, atol=TOLERANCE, err_msg=f"pyAgrum {v}")


def test_likelihood_evidence_agrees_with_pyagrum(farm: augury.BayesianNetwork) -> None:
    gum = peer("pyagrum")
    bn = interop.to_pyagrum(farm)
    lazy = gum.LazyPropagation(bn)
    lazy.setEvidence({"Yield": [0.2, 0.9], "Irrig": "off"})
    lazy.makeInference()
    tree = augury.JunctionTree(farm)
    tree.set_evidence({"Irrig": "off"}, {"Yield": [0.2, 0.9]})
    np.testing.assert_allclose(lazy.posterior("Soil").toarray(), tree.posterior_array("Soil"),
                               rtol=0, atol=TOLERANCE)


# ---- errors -----------------------------------------------------------------------------


def test_conversion_errors(farm: augury.BayesianNetwork) -> None:
    peer("pgmpy")
    peer("pyagrum")
    from pgmpy.models import DiscreteBayesianNetwork

    incomplete = augury.BayesianNetwork("x")
    incomplete.add_variable("A", ["a0", "a1"])
    with pytest.raises(augury.ModelError, match="A"):
        interop.to_pgmpy(incomplete)
    with pytest.raises(augury.ModelError, match="A"):
        interop.to_pyagrum(incomplete)
    named = farm.copy()
    named.properties = {"name": "other"}
    with pytest.raises(augury.ModelError, match=r"network property 'name' cannot be carried to pyAgrum"):
        interop.to_pyagrum(named)
    without_cpd = DiscreteBayesianNetwork([("A", "B")])
    with pytest.raises(augury.ModelError, match=r"pgmpy model: node 'A' has no CPD"):
        interop.from_pgmpy(without_cpd)


def test_missing_peer_says_what_to_install(farm: augury.BayesianNetwork,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyagrum", None)
    with pytest.raises(ImportError, match=r"needs the 'pyagrum' package.*augury\[peers\]"):
        interop.to_pyagrum(farm)


def test_alarm_file_is_where_the_tests_expect(shared_dir: Path) -> None:
    assert (shared_dir / "data" / "networks" / "bif" / "alarm.bif").is_file()


@pytest.mark.parametrize("file", ["xmlbif/alarm.bifxml", "dsl/alarm.dsl", "xmlbif/Water.bifxml", "dsl/Water.dsl"])
def test_pyagrum_reads_the_reordered_parent_files_as_augury_does(shared_dir: Path, file: str) -> None:
    """aGrUM's XMLBIF and DSL files of alarm and Water list some parents in another order
    than its BIF files (tests/data/README.md); pyAgrum's own readers give every entry of
    every CPT the value augury reads, so those files are different networks, not misread."""
    gum = peer("pyagrum")
    path = shared_dir / "data" / "networks" / file
    ours = augury.read_model(str(path), sum_tolerance=1e-4)
    bn = gum.loadBN(str(path))
    compared = 0
    for name in ours.variables:
        pot = bn.cpt(name)
        scope = list(ours.parents(name)) + [name]
        table = np.asarray(ours.cpt(name))
        for idx in itertools.product(*(range(ours.cardinality(v)) for v in scope)):
            inst = gum.Instantiation(pot)
            for v, i in zip(scope, idx):
                inst.chgVal(v, bn.variable(v).index(ours.states(v)[i]))
            assert abs(pot.get(inst) - table[idx]) <= 1e-7, (file, name, idx)
            compared += 1
    assert compared > 100
