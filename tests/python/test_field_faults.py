"""Field faults from ../shared/cases/field-faults.md, through the Python API.

Each network is built here (the case file gives it in prose) and the expected values are
the exact fractions of the case file, computed there by brute-force enumeration in
rational arithmetic.
"""

from __future__ import annotations

import math
from fractions import Fraction as F
from typing import Callable, Dict, List, Tuple

import numpy as np
import pytest

import augury

EXACT = 1e-12


def approx(x: F | float) -> object:
    return pytest.approx(float(x), abs=EXACT)


# ---- B06 / B07: likelihood (virtual) evidence versus fixed-marginal (Jeffrey) evidence ----


def b06_network() -> augury.BayesianNetwork:
    net = augury.BayesianNetwork("b06")
    net.add_variable("D", ["present", "absent"])
    net.add_variable("T", ["pos", "neg"])
    net.add_variable("S", ["yes", "no"])
    net.set_cpt("D", [], [0.1, 0.9])
    net.set_cpt("T", ["D"], [[0.8, 0.2], [0.15, 0.85]])
    net.set_cpt("S", ["D"], [[0.6, 0.4], [0.1, 0.9]])
    return net


def exact_engines(net: augury.BayesianNetwork) -> List[Tuple[str, Callable[..., Dict[str, float]]]]:
    """posterior(variable, evidence, likelihood, fixed_marginal) for each exact engine."""
    ve = augury.VariableElimination(net)
    en = augury.Enumeration(net)

    def jt_posterior(variable: str, evidence=None, likelihood=None, fixed_marginal=None):  # type: ignore[no-untyped-def]
        tree = augury.JunctionTree(net)
        tree.set_evidence(evidence, likelihood, fixed_marginal=fixed_marginal)
        return tree.posterior(variable)

    def ve_posterior(variable: str, evidence=None, likelihood=None, fixed_marginal=None):  # type: ignore[no-untyped-def]
        return ve.posterior(variable, evidence, likelihood, fixed_marginal=fixed_marginal)

    def en_posterior(variable: str, evidence=None, likelihood=None, fixed_marginal=None):  # type: ignore[no-untyped-def]
        return en.posterior(variable, evidence, likelihood, fixed_marginal=fixed_marginal)

    return [("jt", jt_posterior), ("ve", ve_posterior), ("enumeration", en_posterior)]


def test_b06_prior() -> None:
    assert augury.JunctionTree(b06_network()).posterior("T")["pos"] == approx(F(43, 200))


def test_b06_likelihood_evidence_multiplies_the_prior() -> None:
    net = b06_network()
    for engine, posterior in exact_engines(net):
        lik = {"T": [0.7, 0.3]}
        assert posterior("D", likelihood=lik)["present"] == approx(F(31, 193)), engine
        assert posterior("T", likelihood=lik)["pos"] == approx(F(301, 772)), engine
        assert posterior("S", likelihood=lik)["yes"] == approx(F(174, 965)), engine


def test_b06_fixed_marginal_evidence_sets_the_posterior() -> None:
    net = b06_network()
    for engine, posterior in exact_engines(net):
        q = {"T": [0.7, 0.3]}
        assert posterior("T", fixed_marginal=q)["pos"] == approx(0.7), engine
        assert posterior("D", fixed_marginal=q)["present"] == approx(F(1810, 6751)), engine
        assert posterior("S", fixed_marginal=q)["yes"] == approx(F(15801, 67510)), engine
    # The equivalent likelihood is Q / P(T) = (140/43, 60/157).
    tree = augury.JunctionTree(net)
    tree.set_likelihood("T", [140 / 43, 60 / 157])
    assert tree.posterior("D")["present"] == approx(F(1810, 6751))
    tree.set_fixed_marginal("T", {"pos": 0.7, "neg": 0.3})
    assert tree.findings["T"].kind == "fixed_marginal"
    assert tree.posterior("S")["yes"] == approx(F(15801, 67510))


def test_b06_hard_evidence_for_comparison() -> None:
    for engine, posterior in exact_engines(b06_network()):
        assert posterior("D", evidence={"T": "pos"})["present"] == approx(F(16, 43)), engine


def test_b06_rejects_negative_and_all_zero_vectors() -> None:
    tree = augury.JunctionTree(b06_network())
    with pytest.raises(augury.EvidenceError, match=r"'T'.*-0\.1.*'pos'"):
        tree.set_likelihood("T", [-0.1, 1.0])
    with pytest.raises(augury.ImpossibleEvidenceError, match="zero for every state"):
        tree.set_likelihood("T", [0.0, 0.0])
    with pytest.raises(augury.EvidenceError, match="sums to 1.2"):
        tree.set_fixed_marginal("T", [0.7, 0.5])
    assert tree.findings == {}, "a rejected finding is not stored"


def test_b06_fixed_marginal_on_a_zero_probability_state_is_impossible() -> None:
    net = augury.BayesianNetwork()
    net.add_variable("X", ["possible", "never"])
    net.add_variable("Y", ["y0", "y1"])
    net.set_cpt("X", [], [1.0, 0.0])
    net.set_cpt("Y", ["X"], [[0.5, 0.5], [0.5, 0.5]])
    for engine, posterior in exact_engines(net):
        with pytest.raises(augury.ImpossibleEvidenceError):
            posterior("Y", fixed_marginal={"X": [0.5, 0.5]})


def test_b07_virtual_evidence_leaves_no_state_behind() -> None:
    net = b06_network()
    before = net.copy()
    tree = augury.JunctionTree(net)
    steps = []
    tree.set_evidence(likelihood={"T": [0.7, 0.3]})
    steps.append(tree.posterior_array("D"))
    tree.clear_evidence()
    steps.append(tree.posterior_array("D"))
    tree.set_likelihood("T", [0.7, 0.3])
    steps.append(tree.posterior_array("D"))
    tree.set_evidence({"T": "pos", "S": "yes"})
    steps.append(tree.posterior_array("D"))
    tree.retract("T")
    tree.retract("S")
    steps.append(tree.posterior_array("D"))
    expected = [F(31, 193), F(1, 10), F(31, 193), F(32, 41), F(1, 10)]
    for i, (p, e) in enumerate(zip(steps, expected)):
        assert p[0] == approx(e), f"step {i + 1}"
    # Repeating a query gives the same bits; the model is untouched.
    assert np.array_equal(steps[0], steps[2])
    assert np.array_equal(steps[1], steps[4])
    assert net == before and len(net) == 3
    assert tree.network == before

    ve = augury.VariableElimination(net)
    seq = [
        ve.posterior_array("D", likelihood={"T": [0.7, 0.3]}),
        ve.posterior_array("D"),
        ve.posterior_array("D", likelihood={"T": [0.7, 0.3]}),
        ve.posterior_array("D", {"T": "pos", "S": "yes"}),
        ve.posterior_array("D"),
    ]
    for i, (p, e) in enumerate(zip(seq, expected)):
        assert p[0] == approx(e), f"VE step {i + 1}"
    assert np.array_equal(seq[0], seq[2]) and np.array_equal(seq[1], seq[4])
    assert net == before


# ---- B08: evidence with zero probability ------------------------------------------------


def b08_network(b_given_a0: Tuple[float, float] = (1.0, 0.0)) -> augury.BayesianNetwork:
    net = augury.BayesianNetwork("b08")
    for name, states in [("A", ["a0", "a1"]), ("B", ["b0", "b1"]), ("C", ["c0", "c1"])]:
        net.add_variable(name, states)
    net.set_cpt("A", [], [0.5, 0.5])
    net.set_cpt("B", ["A"], [list(b_given_a0), [0.3, 0.7]])
    net.set_cpt("C", ["B"], [[1.0, 0.0], [0.2, 0.8]])
    return net


def test_b08_impossible_evidence_raises_from_every_engine() -> None:
    net = b08_network()
    evidence = {"A": "a0", "C": "c1"}
    tree = augury.JunctionTree(net)
    tree.set_evidence(evidence)
    with pytest.raises(augury.ImpossibleEvidenceError, match=r"A=a0, C=c1"):
        tree.posterior("B")
    with pytest.raises(augury.ImpossibleEvidenceError):
        tree.posteriors()
    with pytest.raises(augury.ImpossibleEvidenceError):
        tree.propagate()
    # P(e) = 0 is reported by value, never as NaN.
    assert tree.log_evidence_probability() == -math.inf
    assert tree.log10_evidence_probability() == -math.inf
    for engine in (augury.VariableElimination(net), augury.Enumeration(net)):
        with pytest.raises(augury.ImpossibleEvidenceError, match=r"A=a0, C=c1"):
            engine.posterior("B", evidence)
        with pytest.raises(augury.ImpossibleEvidenceError):
            engine.posteriors([], evidence)
        assert engine.log10_evidence_probability(evidence) == -math.inf
    for engine_name in ("jt", "ve", "enumeration"):
        with pytest.raises(augury.ImpossibleEvidenceError):
            augury.query(net, evidence, engine=engine_name)
    # ImpossibleEvidenceError is an EvidenceError and an augury.Error.
    with pytest.raises(augury.EvidenceError):
        augury.query(net, evidence)


def test_b08_all_zero_likelihood_is_rejected_when_entered() -> None:
    net = b08_network()
    tree = augury.JunctionTree(net)
    with pytest.raises(augury.ImpossibleEvidenceError, match="'B'"):
        tree.set_likelihood("B", [0.0, 0.0])
    with pytest.raises(augury.ImpossibleEvidenceError):
        tree.set_evidence(likelihood={"B": [0.0, 0.0]})
    with pytest.raises(augury.ImpossibleEvidenceError):
        augury.VariableElimination(net).posterior("A", likelihood={"B": [0, 0]})


def test_b08_possible_and_rare_evidence() -> None:
    net = b08_network()
    result = augury.query(net, {"C": "c1"})
    assert result["log10_evidence_probability"] == approx(math.log10(0.28))
    assert result["posteriors"]["A"]["a1"] == approx(1.0)
    rare = b08_network((0.999999, 0.000001))
    for engine_name in ("jt", "ve", "enumeration"):
        r = augury.query(rare, {"A": "a0", "C": "c1"}, engine=engine_name)
        assert 10 ** r["log10_evidence_probability"] == pytest.approx(4e-7, rel=1e-9)
        assert r["posteriors"]["B"]["b1"] == approx(1.0)
        assert not any(math.isnan(p) for d in r["posteriors"].values() for p in d.values())


# ---- B15: several findings on sibling children -----------------------------------------


def b15_network() -> augury.BayesianNetwork:
    net = augury.BayesianNetwork("b15")
    net.add_variable("Dis", ["yes", "no"])
    net.add_variable("T1", ["pos", "neg"])
    net.add_variable("T2", ["pos", "neg"])
    net.add_variable("M", ["lo", "mid", "hi"])
    net.set_cpt("Dis", [], [0.02, 0.98])
    net.set_cpt("T1", ["Dis"], [[0.95, 0.05], [0.1, 0.9]])
    net.set_cpt("T2", ["Dis"], [[0.95, 0.05], [0.1, 0.9]])
    net.set_cpt("M", ["Dis"], [[0.1, 0.3, 0.6], [0.7, 0.2, 0.1]])
    return net


B15_CASES = [
    ({"T1": "pos"}, "Dis", "yes", F(19, 117)),
    ({"T1": "pos", "T2": "pos"}, "Dis", "yes", F(361, 557)),
    ({"T1": "pos", "T2": "neg"}, "Dis", "yes", F(19, 1783)),
    ({"T1": "pos", "T2": "pos", "M": "hi"}, "Dis", "yes", F(1083, 1181)),
    ({"T1": "pos", "M": "mid"}, "T2", "pos", F(295, 1012)),
]


@pytest.mark.parametrize("evidence, target, state, expected", B15_CASES)
def test_b15_every_engine_and_every_entry_order(
    evidence: Dict[str, str], target: str, state: str, expected: F
) -> None:
    net = b15_network()
    for engine, posterior in exact_engines(net):
        assert posterior(target, evidence)[state] == approx(expected), engine
    tree = augury.JunctionTree(net)
    results = []
    for order in (list(evidence), list(reversed(list(evidence)))):
        tree.clear_evidence()
        for variable in order:
            tree.set_hard(variable, evidence[variable])
        results.append(tree.posterior_array(target))
    assert np.array_equal(results[0], results[1]), "entry order changes the result"


def test_b15_probability_of_evidence() -> None:
    e = {"T1": "pos", "T2": "pos", "M": "hi"}
    tree = augury.JunctionTree(b15_network())
    tree.set_evidence(e)
    assert math.exp(tree.log_evidence_probability()) == approx(0.01181)
    assert augury.VariableElimination(b15_network()).log10_evidence_probability(e) == approx(
        math.log10(0.01181)
    )


# ---- B16: probability of a partly specified assignment ----------------------------------


def b16_network() -> augury.BayesianNetwork:
    return augury.parse_bif(
        """
        network b16 { }
        variable Z { type discrete [ 2 ] { z0, z1 }; }
        variable X { type discrete [ 2 ] { x0, x1 }; }
        variable Y { type discrete [ 2 ] { y0, y1 }; }
        probability ( Z ) { table 0.35, 0.65; }
        probability ( X | Z ) { (z0) 0.8, 0.2; (z1) 0.25, 0.75; }
        probability ( Y | X ) { (x0) 0.6, 0.4; (x1) 0.1, 0.9; }
        """
    )


def test_b16_partial_assignments_are_marginalised() -> None:
    net = b16_network()
    tree = augury.JunctionTree(net)
    px = tree.posterior("X")
    assert px["x1"] == approx(F(223, 400)) and px["x0"] == approx(F(177, 400))
    assert tree.posterior("Y")["y1"] == approx(F(543, 800))
    ve = augury.VariableElimination(net)
    for evidence, expected in [
        ({"X": "x1"}, F(223, 400)),
        ({"Y": "y1"}, F(543, 800)),
        ({"Z": "z0", "Y": "y1"}, F(7, 40)),
        ({"Z": "z1", "X": "x1", "Y": "y1"}, F(351, 800)),
    ]:
        tree.set_evidence(evidence)
        assert math.exp(tree.log_evidence_probability()) == approx(expected), evidence
        assert 10 ** tree.log10_evidence_probability() == approx(expected), evidence
        assert math.exp(ve.log_evidence_probability(evidence)) == approx(expected), evidence
        r = augury.query(net, evidence, engine="enumeration")
        assert 10 ** r["log10_evidence_probability"] == approx(expected), evidence


# ---- B01 and B04: BIF rows by label, UTF-8 names, numeric state names -----------------------


def test_b01_rows_are_placed_by_their_labels() -> None:
    net = augury.parse_bif(B01_TEXT)
    tree = augury.JunctionTree(net)
    assert tree.posterior("Yield")["high"] == approx(F(11, 20))
    tree.set_hard("Yield", "high")
    soil = tree.posterior("Soil")
    assert [soil[s] for s in ("sand", "clay", "loam")] == [
        approx(F(28, 55)),
        approx(F(12, 55)),
        approx(F(3, 11)),
    ]


def test_b04_utf8_names_and_numeric_states() -> None:
    net = augury.parse_bif(
        "variable X  { type discrete [ 2 ] { 0, 1 }; }\n"
        "variable 节点 { type discrete [ 2 ] { 低, 高 }; }\n"
        "probability ( X ) { table 0.25, 0.75; }\n"
        "probability ( 节点 | X ) { (0) 0.9, 0.1; (1) 0.4, 0.6; }\n"
    )
    assert net.states("节点") == ["低", "高"]
    p = augury.query(net, {"节点": "高"})["posteriors"]["X"]
    assert p["1"] == approx(F(18, 19)) and p["0"] == approx(F(1, 19))
    with pytest.raises(TypeError, match="state names"):
        augury.query(net, {"节点": 1})  # type: ignore[dict-item]
    # A state name with a comma and spaces survives a round trip through BIF.
    odd = augury.BayesianNetwork("odd")
    odd.add_variable("V", ["(1,999, 20]", "rest"])
    odd.set_cpt("V", [], [0.5, 0.5])
    assert augury.parse_bif(augury.to_bif(odd)) == odd


B01_TEXT = """
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
