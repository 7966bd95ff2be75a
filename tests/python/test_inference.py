"""The engines through Python: numpy posteriors, evidence handling, query(), agreement of
the exact engines, and the junction tree's structure."""

from __future__ import annotations

import math
import threading
from itertools import product
from pathlib import Path

import numpy as np
import pytest

import augury
from conftest import BIF_DIR

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
def sprinkler() -> augury.BayesianNetwork:
    return augury.parse_bif(SPRINKLER)


def brute_force(net: augury.BayesianNetwork, target: str, evidence: dict[str, str]) -> np.ndarray:
    """P(target | evidence) by summing the chain-rule product over every assignment."""
    variables = net.variables
    out = np.zeros(net.cardinality(target))
    for states in product(*(range(net.cardinality(v)) for v in variables)):
        x = dict(zip(variables, states))
        if any(net.states(v)[x[v]] != s for v, s in evidence.items()):
            continue
        p = 1.0
        for v in variables:
            p *= net.cpt(v)[tuple(x[q] for q in net.parents(v)) + (x[v],)]
        out[x[target]] += p
    return out / out.sum()


def test_loopy_network_is_exact(sprinkler: augury.BayesianNetwork) -> None:
    # Field fault B12: exact P(W=wet) = 0.69126, P(R=T | W=wet) = 7450/11521.
    tree = augury.JunctionTree(sprinkler)
    assert tree.posterior("W")["wet"] == pytest.approx(0.69126, abs=1e-12)
    tree.set_hard("W", "wet")
    assert tree.posterior("R")["T"] == pytest.approx(7450 / 11521, abs=1e-12)
    tree.clear_evidence()
    joint = tree.joint_posterior(["S", "R"])
    assert joint.shape == (2, 2)
    np.testing.assert_allclose(joint, [[0.158, 0.282], [0.332, 0.228]], rtol=0, atol=1e-12)


def test_posterior_array_matches_posterior(sprinkler: augury.BayesianNetwork) -> None:
    tree = augury.JunctionTree(sprinkler)
    ve = augury.VariableElimination(sprinkler)
    tree.set_evidence({"W": "wet"}, {"C": [0.3, 0.9]})
    for v in sprinkler.variables:
        arr = tree.posterior_array(v)
        d = tree.posterior(v)
        assert isinstance(arr, np.ndarray) and arr.dtype == np.float64
        assert arr.shape == (sprinkler.cardinality(v),)
        assert list(d) == sprinkler.states(v)
        assert arr.tolist() == list(d.values())
        varr = ve.posterior_array(v, {"W": "wet"}, {"C": [0.3, 0.9]})
        assert varr.tolist() == list(ve.posterior(v, {"W": "wet"}, {"C": [0.3, 0.9]}).values())
        np.testing.assert_allclose(arr, varr, atol=1e-14)


def test_engines_agree_with_brute_force(sprinkler: augury.BayesianNetwork) -> None:
    tree = augury.JunctionTree(sprinkler)
    ve = augury.VariableElimination(sprinkler)
    en = augury.Enumeration(sprinkler)
    cases = [{}, {"W": "wet"}, {"W": "dry", "S": "on"}, {"C": "F", "W": "wet"}]
    for evidence in cases:
        tree.set_evidence(evidence)
        for v in sprinkler.variables:
            expected = brute_force(sprinkler, v, evidence)
            np.testing.assert_allclose(tree.posterior_array(v), expected, atol=1e-14)
            np.testing.assert_allclose(ve.posterior_array(v, evidence), expected, atol=1e-14)
            np.testing.assert_allclose(en.posterior_array(v, evidence), expected, atol=1e-14)
        log_pe = tree.log_evidence_probability()
        assert ve.log_evidence_probability(evidence) == pytest.approx(log_pe, abs=1e-13)
        assert en.log10_evidence_probability(evidence) == pytest.approx(
            tree.log10_evidence_probability(), abs=1e-13
        )
        assert tree.log10_evidence_probability() == pytest.approx(log_pe / math.log(10), abs=1e-15)


def test_hard_evidence_posterior_is_an_indicator(sprinkler: augury.BayesianNetwork) -> None:
    tree = augury.JunctionTree(sprinkler)
    tree.set_hard("S", "off")
    assert tree.posterior("S") == {"on": 0.0, "off": 1.0}
    assert "S" not in tree.posteriors()
    assert list(tree.posteriors()) == ["C", "R", "W"]
    assert list(tree.posteriors(["W", "S"])) == ["W", "S"]


def test_findings_retract_and_replace(sprinkler: augury.BayesianNetwork) -> None:
    tree = augury.JunctionTree(sprinkler)
    prior = tree.posterior_array("C")
    tree.set_hard("W", "wet")
    tree.set_likelihood("S", np.array([0.2, 0.4]))
    findings = tree.findings
    assert findings["W"] == augury.Finding("W", "hard", "wet", None)
    assert findings["S"] == augury.Finding("S", "likelihood", None, (0.2, 0.4))
    tree.set_hard("S", "on")  # replaces the likelihood
    assert tree.findings["S"].kind == "hard"
    tree.retract("S")
    tree.retract("S")  # retracting twice is harmless
    tree.retract("W")
    assert tree.findings == {}
    assert np.array_equal(tree.posterior_array("C"), prior)
    assert tree.log_evidence_probability() == 0.0


def test_likelihood_vectors_are_used_as_given_in_p_of_e(sprinkler: augury.BayesianNetwork) -> None:
    # P(e) = sum_x P(x) lambda(x_C) = 0.4 * 0.5 + 0.6 * 0.25; posteriors depend on ratios only.
    tree = augury.JunctionTree(sprinkler)
    tree.set_likelihood("C", [0.5, 0.25])
    assert math.exp(tree.log_evidence_probability()) == pytest.approx(0.35, abs=1e-15)
    p1 = tree.posterior_array("W")
    tree.set_likelihood("C", [2.0, 1.0])
    assert math.exp(tree.log_evidence_probability()) == pytest.approx(1.4, abs=1e-15)
    np.testing.assert_allclose(tree.posterior_array("W"), p1, atol=1e-15)


def test_query_result_layout(sprinkler: augury.BayesianNetwork) -> None:
    for engine in ("jt", "ve", "enumeration", "junction_tree", "variable_elimination"):
        r = augury.query(sprinkler, {"W": "wet"}, {"S": {"on": 0.9, "off": 0.1}}, engine=engine)
        assert set(r) == {"log10_evidence_probability", "posteriors"}
        assert list(r["posteriors"]) == ["C", "S", "R"]
        assert r["posteriors"]["R"]["T"] == pytest.approx(
            augury.query(sprinkler, {"W": "wet"}, {"S": [0.9, 0.1]})["posteriors"]["R"]["T"],
            abs=1e-14,
        )
    r = augury.query(sprinkler, targets=["W"])
    assert list(r["posteriors"]) == ["W"] and r["log10_evidence_probability"] == 0.0
    r = augury.query(sprinkler, {"C": "T", "S": "on", "R": "T", "W": "wet"})
    assert r["posteriors"] == {}
    assert 10 ** r["log10_evidence_probability"] == pytest.approx(0.4 * 0.2 * 0.85 * 0.98)


def test_fixed_marginal_through_query(sprinkler: augury.BayesianNetwork) -> None:
    for engine in ("jt", "ve", "enumeration"):
        r = augury.query(sprinkler, fixed_marginal={"R": [0.5, 0.5], "S": [0.3, 0.7]}, engine=engine)
        assert r["posteriors"]["R"]["T"] == pytest.approx(0.5, abs=1e-11)
        assert r["posteriors"]["S"]["on"] == pytest.approx(0.3, abs=1e-11)


def test_junction_tree_structure(shared_dir: Path) -> None:
    net = augury.read_bif(BIF_DIR / "asia.bif")
    tree = augury.JunctionTree(net)
    cliques = tree.cliques
    assert tree.num_cliques == len(cliques) and tree.num_trees == 1
    assert tree.treewidth == max(len(c) for c in cliques) - 1 == 2
    sizes = [int(np.prod([net.cardinality(v) for v in c])) for c in cliques]
    assert tree.total_clique_size == sum(sizes)
    assert tree.largest_clique_size == max(sizes)
    assert len(tree.edges) == tree.num_cliques - tree.num_trees
    assert tree.heuristic in {"min-fill", "weighted-min-fill", "min-size", "min-weight"}
    assert tree.memory_bytes > 0
    # Every family lies in some clique (the junction tree property used by compilation).
    for v in net.variables:
        family = set(net.parents(v)) | {v}
        assert any(family <= set(c) for c in cliques), v
    assert "treewidth 2" in repr(tree)
    assert tree.network == net


def test_memory_limit_raises_inference_error(shared_dir: Path) -> None:
    net = augury.read_bif(BIF_DIR / "alarm.bif")
    with pytest.raises(augury.InferenceError, match="entries"):
        augury.JunctionTree(net, max_total_entries=10)
    with pytest.raises(augury.InferenceError, match="entries"):
        augury.Enumeration(net)


def test_tree_is_usable_from_several_threads(shared_dir: Path) -> None:
    net = augury.read_bif(BIF_DIR / "alarm.bif")
    tree = augury.JunctionTree(net)
    variables = net.variables
    tree.set_hard(variables[0], net.states(variables[0])[0])
    expected = {v: tree.posterior_array(v) for v in variables}
    failures: list[str] = []

    def worker() -> None:
        for v in variables:
            if not np.array_equal(tree.posterior_array(v), expected[v]):
                failures.append(v)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
