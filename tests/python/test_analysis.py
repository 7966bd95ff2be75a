"""augury.analysis: each analysis checked against values computed here by other means
(junction-tree posteriors of every subset, hand-edited CPTs, hand arithmetic)."""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence

import pytest

import augury
from augury import analysis
from augury.analysis import Finding, TimelineEntry

# A -> B, A -> C, (B, C) -> D. Tables as lists of rows (last parent fastest).
BASE_TABLES: Dict[str, List[List[float]]] = {
    "A": [[0.3, 0.7]],
    "B": [[0.2, 0.5, 0.3], [0.6, 0.3, 0.1]],
    "C": [[0.9, 0.1], [0.4, 0.6]],
    "D": [
        [0.95, 0.05],  # b0 c0
        [0.7, 0.3],  # b0 c1
        [0.5, 0.5],  # b1 c0
        [0.2, 0.8],  # b1 c1
        [0.35, 0.65],  # b2 c0
        [0.1, 0.9],  # b2 c1
    ],
}
STATES = {"A": ["a0", "a1"], "B": ["b0", "b1", "b2"], "C": ["c0", "c1"], "D": ["d0", "d1"]}
PARENTS = {"A": [], "B": ["A"], "C": ["A"], "D": ["B", "C"]}


def make_bif(tables: Mapping[str, List[List[float]]]) -> str:
    lines = ["network small {", "}"]
    for v, states in STATES.items():
        lines.append(f"variable {v} {{ type discrete [ {len(states)} ] {{ {', '.join(states)} }}; }}")
    for v, rows in tables.items():
        parents = PARENTS[v]
        if not parents:
            lines.append(f"probability ( {v} ) {{ table {', '.join(map(repr, rows[0]))}; }}")
            continue
        body = []
        configs = itertools.product(*(STATES[p] for p in parents))
        for config, row in zip(configs, rows):
            body.append(f"  ({', '.join(config)}) {', '.join(map(repr, row))};")
        lines.append(f"probability ( {v} | {', '.join(parents)} ) {{")
        lines.extend(body)
        lines.append("}")
    return "\n".join(lines) + "\n"


@pytest.fixture()
def net() -> augury.BayesianNetwork:
    return augury.parse_bif(make_bif(BASE_TABLES))


def posterior(
    network: augury.BayesianNetwork,
    var: str,
    evidence: Optional[Mapping[str, str]] = None,
    likelihood: Optional[Mapping[str, Sequence[float]]] = None,
) -> Dict[str, float]:
    tree = augury.JunctionTree(network)
    tree.set_evidence(dict(evidence or {}), dict(likelihood or {}))
    return tree.posterior(var)


def log_p(
    network: augury.BayesianNetwork,
    evidence: Optional[Mapping[str, str]] = None,
    likelihood: Optional[Mapping[str, Sequence[float]]] = None,
) -> float:
    tree = augury.JunctionTree(network)
    tree.set_evidence(dict(evidence or {}), dict(likelihood or {}))
    return tree.log_evidence_probability()


def brute_force_mi_bits(
    network: augury.BayesianNetwork, target: str, x: str, evidence: Mapping[str, str]
) -> float:
    prior = posterior(network, target, evidence)
    px = posterior(network, x, evidence)
    total = 0.0
    for s, p in px.items():
        if p == 0.0:
            continue
        cond = posterior(network, target, {**evidence, x: s})
        total += p * sum(q * math.log(q / prior[t]) for t, q in cond.items() if q > 0.0)
    return total / math.log(2.0)


# ----------------------------------------------------------------- value of information


def test_voi_equals_expected_kl_divergence(net: augury.BayesianNetwork) -> None:
    evidence = {"D": "d1"}
    r = analysis.value_of_information(net, "A", evidence)
    assert r.posterior == pytest.approx(posterior(net, "A", evidence), abs=1e-12)
    assert {c.variable for c in r.candidates} == {"B", "C"}
    for c in r.candidates:
        assert c.mutual_information_bits == pytest.approx(
            brute_force_mi_bits(net, "A", c.variable, evidence), rel=1e-9, abs=1e-12
        )
        assert c.mutual_information_nats == pytest.approx(c.mutual_information_bits * math.log(2))
        assert c.observation_probabilities == pytest.approx(
            posterior(net, c.variable, evidence), abs=1e-12
        )
    mis = [c.mutual_information_bits for c in r.candidates]
    assert mis == sorted(mis, reverse=True)
    frame = r.to_frame()
    assert list(frame["variable"]) == [c.variable for c in r.candidates]
    assert "bits" in repr(r)


def test_voi_band_and_leader_change(net: augury.BayesianNetwork) -> None:
    # One band edge at 0.5 on a binary target: a band change is a leader change.
    r = analysis.value_of_information(net, "A", band_edges=[0.5], candidates=["D"])
    (c,) = r.candidates
    expect = sum(
        p
        for s, p in posterior(net, "D").items()
        if max(posterior(net, "A", {"D": s}).items(), key=lambda kv: kv[1])[0] != r.leader
    )
    assert c.band_change_probability == pytest.approx(expect, abs=1e-12)
    assert c.leader_change_probability == pytest.approx(expect, abs=1e-12)


def test_voi_costs(net: augury.BayesianNetwork) -> None:
    r = analysis.value_of_information(
        net, "A", costs={"B": 2.0, "C": 0.5}, rank_by="information_per_cost"
    )
    by = {c.variable: c for c in r.candidates}
    assert by["B"].information_per_cost == pytest.approx(by["B"].mutual_information_bits / 2.0)
    assert by["C"].information_per_cost == pytest.approx(by["C"].mutual_information_bits / 0.5)
    assert by["D"].cost is None and by["D"].information_per_cost is None
    assert r.candidates[-1].variable == "D"
    with pytest.raises(augury.Error, match="rankings"):
        analysis.value_of_information(net, "A", rank_by="nonsense")


def test_voi_on_asia(shared_dir: Path) -> None:
    path = shared_dir / "data" / "networks" / "bif" / "asia.bif"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    asia = augury.read_bif(str(path))
    evidence = {"smoke": "yes", "dysp": "yes"}
    r = analysis.value_of_information(asia, "lung", evidence)
    assert len(r.candidates) == 5
    for c in r.candidates:
        assert c.mutual_information_bits == pytest.approx(
            brute_force_mi_bits(asia, "lung", c.variable, evidence), rel=1e-9, abs=1e-12
        )
    w = analysis.what_if(asia, "lung", {"smoker": {"smoke": "yes"}, "xray": {"xray": "yes"}})
    assert w["smoker"].posterior == pytest.approx(posterior(asia, "lung", {"smoke": "yes"}))
    assert w["xray"].posterior == pytest.approx(posterior(asia, "lung", {"xray": "yes"}))


# ------------------------------------------------------------------------ sensitivity


def edited(variable: str, row: int, state: int, theta: float) -> augury.BayesianNetwork:
    """The network with P(variable = state | row) set to theta, the row's other entries
    scaled proportionally so the row still sums to 1."""
    tables = {v: [list(r) for r in rows] for v, rows in BASE_TABLES.items()}
    r = tables[variable][row]
    rest = 1.0 - r[state]
    tables[variable][row] = [
        theta if j == state else x * (1.0 - theta) / rest for j, x in enumerate(r)
    ]
    return augury.parse_bif(make_bif(tables))


@pytest.mark.parametrize(
    "variable,row,state,theta",
    [("C", 1, 0, 0.55), ("A", 0, 1, 0.2), ("D", 3, 1, 0.4), ("B", 0, 2, 0.05)],
)
def test_sensitivity_function_matches_edited_cpt(
    net: augury.BayesianNetwork, variable: str, row: int, state: int, theta: float
) -> None:
    evidence = {"D": "d1"} if variable != "D" else {"C": "c1"}
    r = analysis.sensitivity(net, "A", evidence)
    p = r.parameter(variable, row, STATES[variable][state])
    assert p.value == BASE_TABLES[variable][row][state]
    recomputed = posterior(edited(variable, row, state, theta), "A", evidence)
    for t in STATES["A"]:
        assert p.functions[t](theta) == pytest.approx(recomputed[t], abs=1e-10)
    # The derivative against central finite differences of hand-edited networks.
    h = 1e-5
    up = posterior(edited(variable, row, state, p.value + h), "A", evidence)
    down = posterior(edited(variable, row, state, p.value - h), "A", evidence)
    for t in STATES["A"]:
        assert p.derivative[t] == pytest.approx((up[t] - down[t]) / (2 * h), abs=1e-6)


def test_sensitivity_row_order_and_tornado(net: augury.BayesianNetwork) -> None:
    r = analysis.sensitivity(net, "A", {"D": "d1"}, variables=["D"])
    assert len(r.parameters) == 12
    # Rows run over (B, C) with C fastest; the label names the configuration.
    assert r.parameters[2 * 3 + 1].label == "P(D=d1 | B=b1, C=c1)"
    assert r.parameters[2 * 3 + 1].value == BASE_TABLES["D"][3][1]
    bars = r.tornado("a0", limit=3)
    assert len(bars) == 3
    widths = [b.maximum["a0"] - b.minimum["a0"] for b in r.tornado("a0")]
    assert widths == sorted(widths, reverse=True)
    with pytest.raises(augury.ModelError, match="states: a0, a1"):
        r.tornado("nope")
    frame = r.to_frame()
    assert len(frame) == 12 * 2


# ------------------------------------------------------------------------ attribution


FINDINGS = [
    Finding("B", "b1", label="B seen"),
    Finding("C", [0.3, 0.8], label="C report"),
    Finding("D", "d1", label="D seen"),
]


def log_odds(network: augury.BayesianNetwork, subset: Sequence[Finding], state: str) -> float:
    hard = {f.variable: f.value for f in subset if isinstance(f.value, str)}
    lik = {f.variable: list(f.value) for f in subset if not isinstance(f.value, str)}
    p = posterior(network, "A", hard, lik)[state]
    return math.log(p) - math.log(1.0 - p)


def test_shapley_equals_subset_formula(net: augury.BayesianNetwork) -> None:
    r = analysis.shapley_attribution(net, "A", FINDINGS)
    n = len(FINDINGS)
    assert r.exact and r.findings == ("B seen", "C report", "D seen")
    assert r.values.shape == (n, 2)
    for j, state in enumerate(STATES["A"]):
        for i in range(n):
            others = [k for k in range(n) if k != i]
            phi = 0.0
            for size in range(n):
                for s in itertools.combinations(others, size):
                    weight = math.factorial(size) * math.factorial(n - size - 1) / math.factorial(n)
                    with_i = [FINDINGS[k] for k in (*s, i)]
                    without = [FINDINGS[k] for k in s]
                    phi += weight * (log_odds(net, with_i, state) - log_odds(net, without, state))
            assert r.values[i, j] == pytest.approx(phi, abs=1e-10)
        total = log_odds(net, FINDINGS, state) - log_odds(net, [], state)
        assert r.values[:, j].sum() == pytest.approx(total, abs=1e-10)
        assert r.final_log_odds[state] - r.baseline_log_odds[state] == pytest.approx(total)
    assert r.to_frame().shape == (3, 2)


def test_attribution_timeline_steps(net: augury.BayesianNetwork) -> None:
    dated = [
        Finding("B", "b1", date="2024-01-02"),
        Finding("D", "d1", date="2024-01-01"),
        Finding("C", [0.3, 0.8], date="2024-01-02"),
    ]
    tl = analysis.attribution_timeline(net, "A", dated)
    assert [s.date for s in tl] == ["2024-01-01", "2024-01-02"]
    first = tl[0].attribution
    assert first.findings == ("D=d1",)
    assert first.values[0, 0] == pytest.approx(
        log_odds(net, [dated[1]], "a0") - log_odds(net, [], "a0"), abs=1e-10
    )
    full = analysis.shapley_attribution(net, "A", dated)
    last = tl[1].attribution
    # The players of a step come in date order; match them to the full run by label.
    assert last.findings == ("D=d1", "B=b1", "C~[0.3, 0.8]")
    for i, label in enumerate(last.findings):
        j = full.findings.index(label)
        assert last.values[i] == pytest.approx(full.values[j], abs=1e-12)
    assert len(tl.to_frame()) == (1 + 3) * 2
    with pytest.raises(augury.EvidenceError):
        analysis.attribution_timeline(net, "A", [Finding("B", "b1")])


def test_shapley_sampling_is_reproducible(net: augury.BayesianNetwork) -> None:
    a = analysis.shapley_attribution(net, "A", FINDINGS, exact_limit=0, permutations=50, seed=7)
    b = analysis.shapley_attribution(net, "A", FINDINGS, exact_limit=0, permutations=50, seed=7)
    assert not a.exact and a.permutations == 50
    assert (a.values == b.values).all()
    # Each permutation's changes add up to the total, so the estimates do too.
    exact = analysis.shapley_attribution(net, "A", FINDINGS)
    assert a.values.sum(axis=0) == pytest.approx(exact.values.sum(axis=0), abs=1e-10)


# --------------------------------------------------------------------------- conflict


def test_conflict_by_hand(net: augury.BayesianNetwork) -> None:
    r = analysis.conflict(net, "A", {"B": "b0", "D": "d1"})
    l1 = log_p(net, {"B": "b0"})
    l2 = log_p(net, {"D": "d1"})
    l12 = log_p(net, {"B": "b0", "D": "d1"})
    assert r.conflict == pytest.approx(l1 + l2 - l12, abs=1e-12)
    assert r.log_evidence_probability == pytest.approx(l12, abs=1e-12)
    b, d = r.findings
    assert b.finding == "B=b0" and b.log_probability == pytest.approx(l1)
    # log P(e_i) - log P(e_i | rest) = log P(e_i) + log P(rest) - log P(e)
    assert b.contribution == pytest.approx(l1 + l2 - l12, abs=1e-12)
    assert d.contribution == pytest.approx(l2 + l1 - l12, abs=1e-12)
    # Given each target state.
    for s in r.states:
        g1 = log_p(net, {"B": "b0", "A": s.state}) - log_p(net, {"A": s.state})
        g2 = log_p(net, {"D": "d1", "A": s.state}) - log_p(net, {"A": s.state})
        g12 = log_p(net, {"B": "b0", "D": "d1", "A": s.state}) - log_p(net, {"A": s.state})
        assert s.conflict == pytest.approx(g1 + g2 - g12, abs=1e-10)
    assert r.to_frame().shape == (2, 3)


# ------------------------------------------------------------------------ uncertainty


def test_uncertainty_shrinks_with_sample_size(net: augury.BayesianNetwork) -> None:
    exact = posterior(net, "A", {"D": "d1"})
    tight = analysis.posterior_uncertainty(
        net, "A", {"D": "d1"}, equivalent_sample_size=1e7, samples=200, levels=(0.9, 0.5)
    )
    loose = analysis.posterior_uncertainty(
        net, "A", {"D": "d1"}, equivalent_sample_size=5.0, samples=200
    )
    for s, l in zip(tight.states, loose.states):
        assert s.point == pytest.approx(exact[s.state], abs=1e-12)
        iv = s.intervals[0]
        assert iv.level == 0.9
        assert iv.lower <= exact[s.state] + 1e-9 <= iv.upper + 2e-9
        assert iv.upper - iv.lower < 2e-3
        assert abs(s.mean - exact[s.state]) < 1e-3
        assert l.intervals[0].upper - l.intervals[0].lower > 10 * (iv.upper - iv.lower)
    assert tight.completed == 200 and tight.samples is None


def test_uncertainty_seed_reproducible(net: augury.BayesianNetwork) -> None:
    def run(seed: int) -> analysis.PosteriorUncertainty:
        return analysis.posterior_uncertainty(
            net, "A", {"D": "d1"}, equivalent_sample_size={"C": 4.0}, samples=100,
            keep_samples=True, seed=seed,
        )

    a, b, c = run(3), run(3), run(4)
    assert a.samples is not None and b.samples is not None and c.samples is not None
    assert a.samples.shape == (100, 2)
    assert (a.samples == b.samples).all()
    assert not (a.samples == c.samples).all()
    assert a.samples.sum(axis=1) == pytest.approx(1.0)
    assert a.to_frame().shape[0] == 2


# ---------------------------------------------------------------------------- scoring


def test_score_forecasts_by_hand() -> None:
    r = analysis.score_forecasts([([0.7, 0.2, 0.1], 0), ([0.5, 0.5], 1), ([0.1, 0.9], 0)])
    brier = [0.3**2 + 0.2**2 + 0.1**2, 0.25 + 0.25, 0.9**2 + 0.9**2]
    logs = [-math.log(0.7), -math.log(0.5), -math.log(0.1)]
    assert r.count == 3
    assert r.brier_each == pytest.approx(brier)
    assert r.brier == pytest.approx(sum(brier) / 3)
    assert r.log_loss == pytest.approx(sum(logs) / 3)
    assert r.ignorance == pytest.approx(sum(logs) / 3 / math.log(2))
    assert sum(b.count for b in r.calibration) == 7
    zero = analysis.score_forecasts([([1.0, 0.0], 1)])
    assert zero.log_loss == math.inf and zero.zero_probability_outcomes == 1
    with pytest.raises(augury.Error):
        analysis.score_forecasts([([0.7, 0.7], 0)])


def test_backtest_by_hand(net: augury.BayesianNetwork) -> None:
    timeline = [
        TimelineEntry("2024-01-02", "D", "d1"),
        TimelineEntry("2024-01-01", "B", "b1"),
        TimelineEntry("2024-01-01", "C", None, [0.3, 0.8]),
    ]
    r = analysis.backtest(net, timeline)
    assert [s.entry for s in r.scored] == [1, 0]
    first, second = r.scored
    assert first.forecast == pytest.approx(posterior(net, "B"))
    expect = posterior(net, "D", {"B": "b1"}, {"C": [0.3, 0.8]})
    assert second.forecast == pytest.approx(expect, abs=1e-12)
    assert second.outcome == "d1"
    assert second.brier == pytest.approx((expect["d0"]) ** 2 + (1 - expect["d1"]) ** 2)
    assert second.log_loss == pytest.approx(-math.log(expect["d1"]))
    assert r.log_loss == pytest.approx((-math.log(first.forecast["b1"]) - math.log(expect["d1"])) / 2)
    assert list(r.to_frame()["date"]) == ["2024-01-01", "2024-01-02"]


# ---------------------------------------------------------------------------- what-if


def test_what_if_equals_separate_queries(net: augury.BayesianNetwork) -> None:
    scenarios = {
        "hard": {"B": "b2"},
        "soft": {"C": [0.2, 0.9], "D": "d0"},
        "none": {},
    }
    r = analysis.what_if(net, "A", scenarios, also=["D"])
    assert r.names == ["hard", "none", "soft"]
    assert r["hard"].posterior == pytest.approx(posterior(net, "A", {"B": "b2"}), abs=1e-12)
    assert r["soft"].posterior == pytest.approx(
        posterior(net, "A", {"D": "d0"}, {"C": [0.2, 0.9]}), abs=1e-12
    )
    assert r["none"].others["D"] == pytest.approx(posterior(net, "D"), abs=1e-12)
    assert r["soft"].log_evidence_probability == pytest.approx(
        log_p(net, {"D": "d0"}, {"C": [0.2, 0.9]}), abs=1e-12
    )
    assert r.to_frame().loc["hard", "a0"] == pytest.approx(r["hard"].posterior["a0"])
    with pytest.raises(KeyError, match="names: hard, none, soft"):
        r["other"]


# ----------------------------------------------------------------------------- errors


def test_unknown_target_lists_variables(net: augury.BayesianNetwork) -> None:
    for call in (
        lambda: analysis.value_of_information(net, "Z"),
        lambda: analysis.sensitivity(net, "Z"),
        lambda: analysis.shapley_attribution(net, "Z", {"B": "b0"}),
        lambda: analysis.conflict(net, "Z", {"B": "b0"}),
        lambda: analysis.posterior_uncertainty(net, "Z", samples=1),
        lambda: analysis.what_if(net, "Z", {"x": {}}),
    ):
        with pytest.raises(augury.ModelError, match=r"variables: A, B, C, D"):
            call()


def test_unknown_state_lists_states(net: augury.BayesianNetwork) -> None:
    with pytest.raises(augury.EvidenceError, match=r"states: b0, b1, b2"):
        analysis.value_of_information(net, "A", {"B": "b9"})
    with pytest.raises(augury.EvidenceError, match=r"states: b0, b1, b2"):
        analysis.shapley_attribution(net, "A", {"B": "b9"})
    with pytest.raises(augury.EvidenceError, match=r"states: d0, d1"):
        analysis.backtest(net, [TimelineEntry("2024-01-01", "D", "dx")])
    with pytest.raises(augury.EvidenceError, match="soft"):
        analysis.what_if(net, "A", {"soft": {"C": [0.2, 0.9, 0.1]}})
    with pytest.raises(augury.ImpossibleEvidenceError):
        analysis.conflict(net, "A", [Finding("B", "b0"), Finding("B", "b1")])


# ---- progress and interruption of a long uncertainty run -------------------------------------


def test_uncertainty_progress_reports_and_can_stop() -> None:
    net = augury.parse_bif(make_bif(BASE_TABLES))
    seen: list = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 300

    r = analysis.posterior_uncertainty(net, "C", samples=1000, progress=progress, progress_every=100)
    assert seen == [(100, 1000), (200, 1000), (300, 1000)]
    assert (r.requested, r.completed) == (1000, 300)
    full = analysis.posterior_uncertainty(net, "C", samples=300)
    # The first 300 draws are the same draws: the stopped run describes exactly them.
    assert [s.mean for s in r.states] == pytest.approx([s.mean for s in full.states], abs=1e-15)


def test_ctrl_c_interrupts_a_long_uncertainty_run_and_leaves_things_usable() -> None:
    import os
    import signal
    import threading

    net = augury.parse_bif(make_bif(BASE_TABLES))
    # Python's own handler, set explicitly: a process started in the background by a shell
    # without job control inherits SIGINT ignored, and Python then installs no handler.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            analysis.posterior_uncertainty(net, "C", samples=50_000_000)
    finally:
        timer.cancel()
        timer.join()
        signal.signal(signal.SIGINT, previous)
    again = analysis.posterior_uncertainty(net, "C", samples=200)
    assert again.completed == 200
