"""JunctionTree.batch_posteriors: numpy in and out; every row identical to a single query
with that case's evidence, whatever the number of threads; independent check against
variable elimination; the layout; the errors."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Dict, List

import numpy as np
import pytest

import augury
from augury._inference import BatchPosteriors

# P(wet = yes | sprinkler = off, rain = no) = 0, so that evidence is impossible.
SPRINKLER = """network sprinkler {
}
variable cloudy {
  type discrete [ 2 ] { yes, no };
}
variable sprinkler {
  type discrete [ 2 ] { on, off };
}
variable rain {
  type discrete [ 3 ] { none, light, heavy };
}
variable wet {
  type discrete [ 2 ] { yes, no };
}
probability ( cloudy ) {
  table 0.5, 0.5;
}
probability ( sprinkler | cloudy ) {
  (yes) 0.1, 0.9;
  (no) 0.5, 0.5;
}
probability ( rain | cloudy ) {
  (yes) 0.2, 0.5, 0.3;
  (no) 0.7, 0.2, 0.1;
}
probability ( wet | sprinkler, rain ) {
  (on, none) 0.9, 0.1;
  (on, light) 0.95, 0.05;
  (on, heavy) 0.99, 0.01;
  (off, none) 0.0, 1.0;
  (off, light) 0.6, 0.4;
  (off, heavy) 0.9, 0.1;
}
"""


@pytest.fixture(scope="module")
def sprinkler() -> augury.BayesianNetwork:
    return augury.parse_bif(SPRINKLER)


@pytest.fixture(scope="module")
def alarm(shared_dir: Path) -> augury.BayesianNetwork:
    path = shared_dir / "data" / "networks" / "bif" / "alarm.bif"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return augury.read_bif(str(path))


def prior_samples(net: augury.BayesianNetwork, n: int, seed: int) -> Dict[str, np.ndarray]:
    """n forward samples of the prior: state index arrays by variable."""
    rng = np.random.default_rng(seed)
    out = {v: np.empty(n, dtype=np.int64) for v in net.variables}
    for c in range(n):
        for v in net.topological_order():
            p = net.cpt(v)[tuple(int(out[u][c]) for u in net.parents(v))]
            out[v][c] = rng.choice(len(p), p=p / p.sum())
    return out


def single_answers(
    tree: augury.JunctionTree, evidence: Dict[str, str], likelihood: Dict[str, np.ndarray], targets: List[str]
) -> np.ndarray:
    tree.set_evidence(evidence, likelihood)
    return np.concatenate([tree.posterior_array(t) for t in targets])


def test_rows_equal_single_queries_bit_for_bit(alarm: augury.BayesianNetwork) -> None:
    n = 150
    samples = prior_samples(alarm, n, seed=3)
    rng = np.random.default_rng(4)
    evidence_vars = ["HR", "BP", "VENTLUNG", "SAO2", "CVP", "PRESS"]
    cases = {v: samples[v].copy() for v in evidence_vars}
    for v in evidence_vars:  # about a third of the entries: no finding
        cases[v][rng.random(n) < 0.35] = -1
    tree = augury.JunctionTree(alarm)
    tree.set_hard("HYPOVOLEMIA", "TRUE")  # the tree's own evidence must not matter
    targets = list(alarm.variables)
    result = tree.batch_posteriors(cases, threads=1)
    assert result.targets == targets
    assert result.posteriors.shape == (n, sum(alarm.cardinality(v) for v in targets))
    assert result.posteriors.dtype == np.float64 and result.posteriors.flags.c_contiguous
    assert result.log_evidence.shape == (n,)
    assert tree.findings["HYPOVOLEMIA"].state == "TRUE"

    single = augury.JunctionTree(alarm)
    for c in range(n):
        evidence = {v: alarm.states(v)[int(cases[v][c])] for v in evidence_vars if cases[v][c] >= 0}
        expected = single_answers(single, evidence, {}, targets)
        assert np.array_equal(result.posteriors[c], expected), c
        assert result.log_evidence[c] == single.log_evidence_probability()


def test_threads_give_identical_results(alarm: augury.BayesianNetwork) -> None:
    samples = prior_samples(alarm, 400, seed=5)
    cases = {v: samples[v] for v in ["HR", "BP", "VENTLUNG", "SAO2", "ANAPHYLAXIS"]}
    tree = augury.JunctionTree(alarm)
    one = tree.batch_posteriors(cases, threads=1)
    for threads in (2, 3, 0):
        other = tree.batch_posteriors(cases, threads=threads)
        assert np.array_equal(one.posteriors, other.posteriors), threads
        assert np.array_equal(one.log_evidence, other.log_evidence), threads


def test_agrees_with_variable_elimination(alarm: augury.BayesianNetwork) -> None:
    samples = prior_samples(alarm, 30, seed=6)
    evidence_vars = ["HRBP", "EXPCO2", "MINVOL", "PCWP", "HISTORY"]
    targets = ["LVFAILURE", "HYPOVOLEMIA", "KINKEDTUBE", "INTUBATION", "CATECHOL"]
    result = augury.JunctionTree(alarm).batch_posteriors(
        {v: samples[v] for v in evidence_vars}, targets, threads=2
    )
    ve = augury.VariableElimination(alarm)
    for c in range(30):
        evidence = {v: alarm.states(v)[int(samples[v][c])] for v in evidence_vars}
        for t in targets:
            assert result.of(t)[c] == pytest.approx(ve.posterior_array(t, evidence), abs=1e-12)
        assert result.log_evidence[c] == pytest.approx(ve.log_evidence_probability(evidence), abs=1e-10)


def test_likelihood_columns_are_report_sets() -> None:
    model = augury.default_model()
    net = model.network
    rng = np.random.default_rng(8)
    n = 120
    indicators = list(model.indicators)[:6]
    cases = {v: np.ones((n, net.cardinality(v))) for v in indicators}
    for v in indicators:
        has = rng.random(n) < 0.6
        cases[v][has] = rng.uniform(0.05, 1.0, size=(int(has.sum()), net.cardinality(v)))
    targets = [model.scenario, model.cooperation]
    tree = augury.JunctionTree(net)
    result = tree.batch_posteriors(cases, targets, threads=2)
    assert result.posteriors.shape == (n, net.cardinality(model.scenario) + net.cardinality(model.cooperation))
    assert list(result.offsets) == [0, net.cardinality(model.scenario), result.posteriors.shape[1]]
    for c in range(n):
        # A row of ones is no finding.
        likelihood = {v: cases[v][c] for v in indicators if not np.all(cases[v][c] == 1.0)}
        expected = single_answers(tree, {}, likelihood, targets)
        assert np.array_equal(result.posteriors[c], expected), c
        assert result.log_evidence[c] == tree.log_evidence_probability()


def test_state_names_and_missing_entries(sprinkler: augury.BayesianNetwork) -> None:
    tree = augury.JunctionTree(sprinkler)
    by_name = tree.batch_posteriors(
        {"cloudy": np.array(["yes", None, "no", ""], dtype=object), "rain": ["heavy", "none", "light", "heavy"]},
        ["wet", "sprinkler"],
    )
    by_index = tree.batch_posteriors(
        {"cloudy": np.array([0.0, np.nan, 1.0, np.nan]), "rain": np.array([2, 0, 1, 2])}, ["wet", "sprinkler"]
    )
    assert np.array_equal(by_name.posteriors, by_index.posteriors)
    # Case 1: rain = none only. P(wet = yes | rain = none) by hand:
    # P(cloudy | none) is proportional to (0.5 * 0.2, 0.5 * 0.7); P(on | cloudy) = 0.1, 0.5;
    # P(wet = yes | on, none) = 0.9, P(wet = yes | off, none) = 0.
    pc = np.array([0.1, 0.35]) / 0.45
    p_on = pc @ np.array([0.1, 0.5])
    assert by_name.of("wet")[1] == pytest.approx([0.9 * p_on, 1 - 0.9 * p_on], abs=1e-15)
    assert by_name.of("sprinkler")[1] == pytest.approx([p_on, 1 - p_on], abs=1e-15)
    assert by_name.of("wet").shape == (4, 2)


def test_concurrent_calls_on_one_tree(alarm: augury.BayesianNetwork) -> None:
    samples = prior_samples(alarm, 200, seed=9)
    cases = {v: samples[v] for v in ["HR", "BP", "SAO2"]}
    tree = augury.JunctionTree(alarm)
    expected = tree.batch_posteriors(cases)
    results: List[BatchPosteriors] = []
    lock = threading.Lock()

    def work() -> None:
        r = tree.batch_posteriors(cases, threads=1)
        with lock:
            results.append(r)

    workers = [threading.Thread(target=work) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert len(results) == 4
    for r in results:
        assert np.array_equal(r.posteriors, expected.posteriors)


def test_errors(sprinkler: augury.BayesianNetwork) -> None:
    tree = augury.JunctionTree(sprinkler)
    with pytest.raises(augury.EvidenceError, match=r"unknown variable 'fog' \(variables: cloudy, sprinkler, rain, wet\)"):
        tree.batch_posteriors({"fog": [0, 1]})
    with pytest.raises(augury.EvidenceError, match=r"case 1: variable 'rain' has no state 'drizzle' \(states: none, light, heavy\)"):
        tree.batch_posteriors({"rain": ["none", "drizzle"]})
    with pytest.raises(augury.EvidenceError, match=r"case 2: state number 3 of 'rain' is out of range"):
        tree.batch_posteriors({"rain": [0, 1, 3]})
    with pytest.raises(augury.EvidenceError, match=r"'rain' has 2 cases, but 'cloudy' has 3"):
        tree.batch_posteriors({"cloudy": [0, 1, 0], "rain": [0, 1]})
    with pytest.raises(augury.EvidenceError, match=r"2 columns; the variable has 3 states"):
        tree.batch_posteriors({"rain": np.ones((4, 2))})
    with pytest.raises(augury.EvidenceError, match="case 1"):
        tree.batch_posteriors({"rain": np.array([[1.0, 1.0, 1.0], [1.0, -1.0, 1.0]])})
    with pytest.raises(augury.ImpossibleEvidenceError, match=r"^case 2: "):
        tree.batch_posteriors({"sprinkler": [0, 0, 1, 1], "rain": [0, 0, 0, 0], "wet": [0, 0, 0, 1]})
    with pytest.raises(augury.ModelError):
        tree.batch_posteriors({"rain": [0]}, ["fog"])
    with pytest.raises(ValueError, match="threads"):
        tree.batch_posteriors({"rain": [0]}, threads=-1)
    with pytest.raises(ValueError, match="no variable"):
        tree.batch_posteriors({})
    with pytest.raises(KeyError, match="not a target"):
        tree.batch_posteriors({"rain": [0]}, ["wet"]).of("cloudy")
