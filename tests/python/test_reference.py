"""Every BIF network with a reference file: every case's posteriors and log10 P(evidence)
equal the independent reference values to 1e-9, through Python and through the program.

The reference files (../shared/data/reference/NAME.json) hold cases of hard evidence
(``evidence``), likelihood evidence (``likelihood_evidence``: variable -> state -> value),
the reference ``log10_evidence_probability`` and ``posteriors`` of target variables; hard
evidence variables never appear among the posteriors.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Dict, List

import pytest

import augury
from conftest import BIF_DIR, REFERENCE_DIR, reference_networks, run_program

TOLERANCE = 1e-9

# Networks whose junction tree takes a second or more to compile (on a laptop core).
BIG = {"link", "munin", "diabetes", "mildew", "pathfinder", "water"}

NETWORKS = reference_networks()


def network_params() -> List[Any]:
    if not NETWORKS:
        return [pytest.param("", marks=pytest.mark.skip(reason="../shared/data not found"))]
    return [
        pytest.param(n, marks=[pytest.mark.slow] if n in BIG else [], id=n) for n in NETWORKS
    ]


def load_reference(name: str) -> Dict[str, Any]:
    with open(REFERENCE_DIR / f"{name}.json", encoding="utf-8") as f:
        reference: Dict[str, Any] = json.load(f)
    assert reference["cases"], f"{name}: reference file has no cases"
    return reference


def likelihoods(net: augury.BayesianNetwork, case: Dict[str, Any]) -> Dict[str, List[float]]:
    """The case's likelihood evidence as vectors in state order (every state is named)."""
    out = {}
    for variable, by_state in case.get("likelihood_evidence", {}).items():
        states = net.states(variable)
        assert sorted(by_state) == sorted(states), f"{variable}: reference names other states"
        out[variable] = [by_state[s] for s in states]
    return out


def assert_case_matches(
    name: str, index: int, case: Dict[str, Any], log10_pe: float, posteriors: Dict[str, Any]
) -> None:
    where = f"{name} case {index}"
    assert math.isfinite(log10_pe), f"{where}: log10 P(e) = {log10_pe}"
    assert log10_pe == pytest.approx(case["log10_evidence_probability"], abs=TOLERANCE), where
    for variable, expected in case["posteriors"].items():
        assert variable not in case["evidence"], f"{where}: reference lists observed {variable}"
        got = posteriors[variable]
        assert sorted(got) == sorted(expected), where
        for state, p in expected.items():
            assert got[state] == pytest.approx(p, abs=TOLERANCE), f"{where}: P({variable}={state})"


@pytest.mark.parametrize("name", network_params())
def test_junction_tree_matches_reference(name: str) -> None:
    net = augury.read_bif(BIF_DIR / f"{name}.bif")
    reference = load_reference(name)
    tree = augury.JunctionTree(net)
    for i, case in enumerate(reference["cases"]):
        tree.set_evidence(case["evidence"], likelihoods(net, case))
        posteriors = tree.posteriors(list(case["posteriors"]))
        assert_case_matches(name, i, case, tree.log10_evidence_probability(), posteriors)
        # Posteriors come in state order, and every distribution sums to 1.
        for variable, dist in posteriors.items():
            assert list(dist) == net.states(variable)
            assert sum(dist.values()) == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("name", network_params())
def test_query_defaults_to_every_unobserved_variable(name: str) -> None:
    """augury.query() without targets reports exactly the variables without hard evidence
    (for the networks whose reference lists all of them, the same set as the reference)."""
    net = augury.read_bif(BIF_DIR / f"{name}.bif")
    case = load_reference(name)["cases"][-1]
    result = augury.query(net, case["evidence"], likelihoods(net, case))
    expected_targets = [v for v in net.variables if v not in case["evidence"]]
    assert list(result["posteriors"]) == expected_targets
    assert_case_matches(name, -1, case, result["log10_evidence_probability"], result["posteriors"])


@pytest.mark.parametrize("name", network_params())
def test_variable_elimination_matches_reference(name: str) -> None:
    net = augury.read_bif(BIF_DIR / f"{name}.bif")
    ve = augury.VariableElimination(net)
    for i, case in enumerate(load_reference(name)["cases"]):
        lik = likelihoods(net, case)
        posteriors = ve.posteriors(list(case["posteriors"]), case["evidence"], lik)
        assert_case_matches(
            name, i, case, ve.log10_evidence_probability(case["evidence"], lik), posteriors
        )


@pytest.mark.parametrize("name", network_params())
def test_program_matches_reference(name: str, augury_program: str) -> None:
    """`augury query NET.bif --evidence-file REF.json --format json` reads the reference file
    itself as its list of cases and prints every posterior; each reference number matches."""
    reference_path = REFERENCE_DIR / f"{name}.json"
    done = run_program(
        augury_program,
        "query",
        str(BIF_DIR / f"{name}.bif"),
        "--evidence-file",
        str(reference_path),
        "--format",
        "json",
    )
    assert done.returncode == 0, done.stderr
    output = json.loads(done.stdout)
    reference = load_reference(name)
    assert output["engine"] == "junction_tree"
    assert len(output["cases"]) == len(reference["cases"])
    for i, (case, got) in enumerate(zip(reference["cases"], output["cases"])):
        assert got["evidence"] == case["evidence"]
        assert_case_matches(name, i, case, got["log10_evidence_probability"], got["posteriors"])
        observed = set(case["evidence"])
        assert observed.isdisjoint(got["posteriors"]), "observed variables are not reported"


def test_reference_networks_found(shared_dir: Path) -> None:
    """Every reference file has its BIF network, so none is left out of the tests above."""
    assert len(NETWORKS) == len(list(REFERENCE_DIR.glob("*.json")))
    assert {"alarm", "munin", "link", "pathfinder", "diabetes", "mildew"} <= set(NETWORKS)
