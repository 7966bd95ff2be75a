"""The ``augury analyze`` command: its numbers against values computed independently.

A small network written here is enumerated in full (every joint configuration), which gives
posteriors, probabilities of evidence and so the mutual information, the conflict measure,
the Shapley values and finite-difference sensitivities without the library. On asia.bif the
same quantities are assembled from separate ``augury query --format json`` runs.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from conftest import run_program

# Rain -> Wet <- Sprinkler, Rain -> Umbrella; Umbrella has three states.
STATES = {
    "Rain": ["yes", "no"],
    "Sprinkler": ["on", "off"],
    "Wet": ["wet", "dry"],
    "Umbrella": ["none", "small", "large"],
}
P_RAIN = [0.3, 0.7]
P_SPRINKLER = [0.4, 0.6]
# P(Wet | Rain, Sprinkler), rows (Rain, Sprinkler) with Sprinkler fastest.
P_WET = {
    ("yes", "on"): [0.99, 0.01],
    ("yes", "off"): [0.9, 0.1],
    ("no", "on"): [0.8, 0.2],
    ("no", "off"): [0.05, 0.95],
}
P_UMBRELLA = {"yes": [0.1, 0.3, 0.6], "no": [0.7, 0.2, 0.1]}


def small_bif(p_rain: List[float] = P_RAIN) -> str:
    def row(values: List[float]) -> str:
        return ", ".join(repr(v) for v in values)

    lines = ["network garden {", "}"]
    for name, states in STATES.items():
        lines += [f"variable {name} {{", f"  type discrete [ {len(states)} ] {{ {', '.join(states)} }};", "}"]
    lines += ["probability ( Rain ) {", f"  table {row(p_rain)};", "}"]
    lines += ["probability ( Sprinkler ) {", f"  table {row(P_SPRINKLER)};", "}"]
    lines += ["probability ( Wet | Rain, Sprinkler ) {"]
    lines += [f"  ({r}, {s}) {row(v)};" for (r, s), v in P_WET.items()]
    lines += ["}", "probability ( Umbrella | Rain ) {"]
    lines += [f"  ({r}) {row(v)};" for r, v in P_UMBRELLA.items()]
    lines += ["}"]
    return "\n".join(lines) + "\n"


def joint(p_rain: List[float] = P_RAIN) -> Dict[Tuple[str, ...], float]:
    """P(Rain, Sprinkler, Wet, Umbrella) for every configuration."""
    out = {}
    for r, s, w, u in itertools.product(*STATES.values()):
        p = p_rain[STATES["Rain"].index(r)] * P_SPRINKLER[STATES["Sprinkler"].index(s)]
        p *= P_WET[(r, s)][STATES["Wet"].index(w)] * P_UMBRELLA[r][STATES["Umbrella"].index(u)]
        out[(r, s, w, u)] = p
    return out


NAMES = list(STATES)


def prob(j: Dict[Tuple[str, ...], float], **fixed: str) -> float:
    """P(fixed) by summing the joint."""
    return sum(p for cfg, p in j.items() if all(cfg[NAMES.index(k)] == v for k, v in fixed.items()))


def posterior(j: Dict[Tuple[str, ...], float], var: str, **fixed: str) -> List[float]:
    pe = prob(j, **fixed)
    return [prob(j, **{**fixed, var: s}) / pe for s in STATES[var]]


def log_odds(p: List[float], t: int) -> float:
    return math.log(p[t]) - math.log(1.0 - p[t])


@pytest.fixture()
def garden(tmp_path: Path) -> Path:
    path = tmp_path / "garden.bif"
    path.write_text(small_bif())
    return path


def analyze_json(program: str, *args: str) -> dict:
    r = run_program(program, "analyze", *args, "--format", "json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def query_json(program: str, *args: str) -> dict:
    r = run_program(program, "query", *args, "--format", "json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def mutual_information_bits(p_x: List[float], p_t_given_x: List[List[float]], p_t: List[float]) -> float:
    """sum_x P(x) KL(P(T | x) || P(T)) in bits."""
    total = 0.0
    for px, row in zip(p_x, p_t_given_x):
        if px > 0:
            total += px * sum(q * math.log2(q / p) for q, p in zip(row, p_t) if q > 0)
    return total


# --- the small network, enumerated ------------------------------------------------------


def test_default_analyses_and_posterior(augury_program: str, garden: Path) -> None:
    out = analyze_json(augury_program, str(garden), "--target", "Rain", "--evidence", "Wet=wet")
    for key in ("value_of_information", "sensitivity", "attribution", "conflict"):
        assert key in out
    assert "uncertainty" not in out and "what_if" not in out
    j = joint()
    expected = posterior(j, "Rain", Wet="wet")
    assert [out["posterior"][s] for s in STATES["Rain"]] == pytest.approx(expected, rel=1e-12)
    assert out["log10_evidence_probability"] == pytest.approx(math.log10(prob(j, Wet="wet")), rel=1e-12)


def test_mutual_information_matches_enumeration(augury_program: str, garden: Path) -> None:
    out = analyze_json(augury_program, str(garden), "--target", "Rain", "--evidence", "Wet=wet", "--voi")
    j = joint()
    p_t = posterior(j, "Rain", Wet="wet")
    cands = {c["variable"]: c for c in out["value_of_information"]["candidates"]}
    assert set(cands) == {"Sprinkler", "Umbrella"}
    for x in cands:
        p_x = posterior(j, x, Wet="wet")
        rows = [posterior(j, "Rain", Wet="wet", **{x: s}) for s in STATES[x]]
        mi = mutual_information_bits(p_x, rows, p_t)
        assert mi > 0.01
        assert cands[x]["mutual_information_bits"] == pytest.approx(mi, rel=1e-10)
        assert [cands[x]["observation_probabilities"][s] for s in STATES[x]] == pytest.approx(p_x, rel=1e-12)
    # Ranked by mutual information, largest first.
    mis = [c["mutual_information_bits"] for c in out["value_of_information"]["candidates"]]
    assert mis == sorted(mis, reverse=True)


def test_cost_gives_information_per_cost(augury_program: str, garden: Path) -> None:
    out = analyze_json(
        augury_program, str(garden), "--target", "Rain", "--voi", "--cost", "Umbrella=2.5", "--rank-by", "cost"
    )
    first, *rest = out["value_of_information"]["candidates"]
    assert first["variable"] == "Umbrella"
    assert first["cost"] == 2.5
    assert first["information_per_cost"] == pytest.approx(first["mutual_information_bits"] / 2.5, rel=1e-14)
    assert {c["variable"] for c in rest} == {"Sprinkler", "Wet"}
    assert all(c["cost"] is None and c["information_per_cost"] is None for c in rest)


def test_shapley_values_exact_and_efficient(augury_program: str, garden: Path) -> None:
    out = analyze_json(
        augury_program, str(garden), "--target", "Rain", "--evidence", "Wet=wet,Umbrella=large", "--attribution"
    )
    a = out["attribution"]
    assert a["exact"] is True
    j = joint()
    v0 = posterior(j, "Rain")
    v_w = posterior(j, "Rain", Wet="wet")
    v_u = posterior(j, "Rain", Umbrella="large")
    v_wu = posterior(j, "Rain", Wet="wet", Umbrella="large")
    by_label = {f["finding"]: f["values"] for f in a["findings"]}
    assert set(by_label) == {"Wet=wet", "Umbrella=large"}
    for t, state in enumerate(STATES["Rain"]):
        # Two players: each gets the mean of its two marginal contributions.
        phi_w = 0.5 * ((log_odds(v_w, t) - log_odds(v0, t)) + (log_odds(v_wu, t) - log_odds(v_u, t)))
        phi_u = 0.5 * ((log_odds(v_u, t) - log_odds(v0, t)) + (log_odds(v_wu, t) - log_odds(v_w, t)))
        assert by_label["Wet=wet"][state] == pytest.approx(phi_w, rel=1e-10)
        assert by_label["Umbrella=large"][state] == pytest.approx(phi_u, rel=1e-10)
        total = log_odds(v_wu, t) - log_odds(v0, t)
        assert sum(f[state] for f in by_label.values()) == pytest.approx(total, rel=1e-10)
        assert a["final_log_odds"][state] - a["baseline_log_odds"][state] == pytest.approx(total, rel=1e-10)


def test_conflict_matches_enumeration(augury_program: str, garden: Path) -> None:
    # Rain makes a large umbrella likely, a dry lawn makes rain unlikely: the findings pull apart.
    out = analyze_json(
        augury_program, str(garden), "--target", "Rain", "--evidence", "Wet=dry,Umbrella=large", "--conflict"
    )
    j = joint()
    p1, p2 = prob(j, Wet="dry"), prob(j, Umbrella="large")
    p12 = prob(j, Wet="dry", Umbrella="large")
    expected = math.log(p1 * p2 / p12)
    assert expected > 0
    c = out["conflict"]
    assert c["conflict"] == pytest.approx(expected, rel=1e-10)
    assert c["log_evidence_probability"] == pytest.approx(math.log(p12), rel=1e-12)
    # Given each state of the target, Wet and Umbrella are independent: no conflict.
    for s in c["states"]:
        assert s["conflict"] == pytest.approx(0.0, abs=1e-12)
    # Each finding's contribution: log P(e_i) - log P(e_i | the other).
    contrib = {f["finding"]: f["contribution"] for f in c["findings"]}
    assert contrib["Wet=dry"] == pytest.approx(math.log(p1) - math.log(p12 / p2), rel=1e-10)


def test_likelihood_finding_conflict(augury_program: str, garden: Path) -> None:
    out = analyze_json(
        augury_program, str(garden), "--target", "Sprinkler", "--evidence", "Wet=dry",
        "--likelihood", "Rain=0.9,0.2", "--conflict",
    )
    j = joint()
    lam = {"yes": 0.9, "no": 0.2}
    p1 = prob(j, Wet="dry")
    p2 = sum(lam[r] * prob(j, Rain=r) for r in STATES["Rain"])
    p12 = sum(lam[r] * prob(j, Rain=r, Wet="dry") for r in STATES["Rain"])
    assert out["conflict"]["conflict"] == pytest.approx(math.log(p1 * p2 / p12), rel=1e-10)


def test_sensitivity_derivative_by_finite_difference(augury_program: str, garden: Path, tmp_path: Path) -> None:
    out = analyze_json(
        augury_program, str(garden), "--target", "Rain", "--evidence", "Wet=wet,Umbrella=small",
        "--sensitivity", "--top", "0",
    )
    s = out["sensitivity"]
    params = {p["parameter"]: p for p in s["parameters"]}
    # Every free parameter: 2 + 2 + 4*2 + 2*3 entries.
    assert s["parameter_count"] == len(params) == 18
    p = params["P(Rain=yes)"]
    assert p["value"] == pytest.approx(0.3)

    def f(theta: float) -> float:
        return posterior(joint([theta, 1.0 - theta]), "Rain", Wet="wet", Umbrella="small")[0]

    h = 1e-6
    assert p["derivative"]["yes"] == pytest.approx((f(0.3 + h) - f(0.3 - h)) / (2 * h), rel=1e-6)
    # f is monotone, so its range over [0, 1] is spanned by the ends.
    assert p["minimum"]["yes"] == pytest.approx(min(f(0.0), f(1.0)), abs=1e-12)
    assert p["maximum"]["yes"] == pytest.approx(max(f(0.0), f(1.0)), abs=1e-12)
    # The program's own network file, changed at that parameter, agrees with the function.
    changed = tmp_path / "changed.bif"
    changed.write_text(small_bif([0.6, 0.4]))
    q = query_json(augury_program, str(changed), "--evidence", "Wet=wet,Umbrella=small", "--target", "Rain")
    fn = p["functions"]["yes"]
    assert (fn["alpha"] * 0.6 + fn["beta"]) / (fn["gamma"] * 0.6 + fn["delta"]) == pytest.approx(
        q["posteriors"]["Rain"]["yes"], rel=1e-10
    )
    # Ordered by the range of the leading state's posterior.
    leader = s["leader"]
    ranges = [p["maximum"][leader] - p["minimum"][leader] for p in s["parameters"]]
    assert ranges == sorted(ranges, reverse=True)


def test_what_if_rows_match_enumeration(augury_program: str, garden: Path) -> None:
    out = analyze_json(
        augury_program, str(garden), "--target", "Rain", "--evidence", "Sprinkler=off",
        "--what-if", "soaked:Wet=wet,Umbrella=large", "--what-if", "dry:Wet=dry",
    )
    assert set(out) >= {"what_if"}
    assert "value_of_information" not in out  # an explicit analysis replaces the default set
    j = joint()
    rows = {w["name"]: w for w in out["what_if"]}
    exp_soaked = posterior(j, "Rain", Sprinkler="off", Wet="wet", Umbrella="large")
    exp_dry = posterior(j, "Rain", Sprinkler="off", Wet="dry")
    assert [rows["soaked"]["posterior"][s] for s in STATES["Rain"]] == pytest.approx(exp_soaked, rel=1e-12)
    assert [rows["dry"]["posterior"][s] for s in STATES["Rain"]] == pytest.approx(exp_dry, rel=1e-12)
    assert rows["dry"]["evidence"] == {"Sprinkler": "off", "Wet": "dry"}
    assert rows["dry"]["log10_evidence_probability"] == pytest.approx(
        math.log10(prob(j, Sprinkler="off", Wet="dry")), rel=1e-12
    )


def test_uncertainty_is_seeded_and_centred(augury_program: str, garden: Path) -> None:
    args = (str(garden), "--target", "Rain", "--evidence", "Wet=wet", "--uncertainty",
            "--samples", "300", "--ess", "50", "--seed", "7", "--level", "0.8")
    a = analyze_json(augury_program, *args)
    b = analyze_json(augury_program, *args)
    assert a["uncertainty"] == b["uncertainty"]
    u = a["uncertainty"]
    assert u["samples"] == 300 and u["level"] == 0.8
    exact = posterior(joint(), "Rain", Wet="wet")
    for s, st in zip(STATES["Rain"], u["states"]):
        assert st["state"] == s
        assert st["point"] == pytest.approx(exact[STATES["Rain"].index(s)], rel=1e-12)
        assert 0 < st["standard_deviation"] < 0.2
        assert st["lower"] < st["point"] < st["upper"]
        assert abs(st["mean"] - st["point"]) < 4 * st["standard_deviation"]
    assert sum(st["mean"] for st in u["states"]) == pytest.approx(1.0, rel=1e-12)


def test_text_output_and_output_file(augury_program: str, garden: Path, tmp_path: Path) -> None:
    r = run_program(augury_program, "analyze", str(garden), "--target", "Rain", "--evidence", "Wet=wet")
    assert r.returncode == 0, r.stderr
    for heading in ("Value of information", "Sensitivity", "Attribution", "Data conflict"):
        assert heading in r.stdout
    assert "P(Rain=yes)" in r.stdout
    target = tmp_path / "out.json"
    r = run_program(augury_program, "analyze", str(garden), "--target", "Rain", "--evidence", "Wet=wet",
                    "--format", "json", "-o", str(target))
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    assert json.loads(target.read_text()) == analyze_json(
        augury_program, str(garden), "--target", "Rain", "--evidence", "Wet=wet"
    )


def test_evidence_file(augury_program: str, garden: Path, tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"evidence": {"Wet": "wet"}, "likelihood_evidence": {"Umbrella": {"none": 0.2, "small": 0.5, "large": 1.0}}}))
    a = analyze_json(augury_program, str(garden), "--target", "Rain", "--evidence-file", str(case), "--conflict")
    b = analyze_json(augury_program, str(garden), "--target", "Rain", "--evidence", "Wet=wet",
                     "--likelihood", "Umbrella=0.2,0.5,1.0", "--conflict")
    assert a == b


def test_no_findings(augury_program: str, garden: Path) -> None:
    out = analyze_json(augury_program, str(garden), "--target", "Rain")
    assert out["attribution"] is None and out["conflict"] is None
    assert out["posterior"]["yes"] == pytest.approx(0.3, rel=1e-14)


def test_bad_target_exits_1_listing_variables(augury_program: str, garden: Path) -> None:
    r = run_program(augury_program, "analyze", str(garden), "--target", "Snow")
    assert r.returncode == 1
    assert "'Snow'" in r.stderr
    for name in STATES:
        assert name in r.stderr


def test_bad_state_exits_1_listing_states(augury_program: str, garden: Path) -> None:
    for args in (["--evidence", "Wet=muddy"], ["--what-if", "x:Wet=muddy"]):
        r = run_program(augury_program, "analyze", str(garden), "--target", "Rain", *args)
        assert r.returncode == 1, args
        assert "'muddy'" in r.stderr and "wet" in r.stderr and "dry" in r.stderr


def test_bad_cost_and_what_if_syntax_exit_1(augury_program: str, garden: Path) -> None:
    for args, needle in (
        (["--cost", "Umbrella=cheap"], "'cheap'"),
        (["--cost", "Umbrella=-1"], "Umbrella"),
        (["--cost", "Hat=1"], "'Hat'"),
        (["--what-if", "Wet=wet"], "NAME:"),
    ):
        r = run_program(augury_program, "analyze", str(garden), "--target", "Rain", "--voi", *args)
        assert r.returncode == 1, (args, r.stderr)
        assert needle in r.stderr, (args, r.stderr)


def test_impossible_evidence_exits_1(augury_program: str, tmp_path: Path) -> None:
    path = tmp_path / "det.bif"
    path.write_text(
        "network det {\n}\nvariable A {\n  type discrete [ 2 ] { a0, a1 };\n}\n"
        "variable B {\n  type discrete [ 2 ] { b0, b1 };\n}\n"
        "probability ( A ) {\n  table 0.5, 0.5;\n}\n"
        "probability ( B | A ) {\n  (a0) 1.0, 0.0;\n  (a1) 0.0, 1.0;\n}\n"
    )
    r = run_program(augury_program, "analyze", str(path), "--target", "A", "--evidence", "B=b1",
                    "--likelihood", "A=1,0")
    assert r.returncode == 1
    assert "probability zero" in r.stderr


# --- asia.bif, against separate queries -------------------------------------------------


@pytest.fixture()
def asia(shared_dir: Path) -> Path:
    path = shared_dir / "data" / "networks" / "bif" / "asia.bif"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return path


def test_asia_mutual_information_from_queries(augury_program: str, asia: Path) -> None:
    out = analyze_json(augury_program, str(asia), "--target", "lung", "--evidence", "smoke=yes", "--voi", "--top", "0")
    base = query_json(augury_program, str(asia), "--evidence", "smoke=yes")
    p_t = [base["posteriors"]["lung"][s] for s in ("yes", "no")]
    cands = {c["variable"]: c for c in out["value_of_information"]["candidates"]}
    assert set(cands) == {"asia", "tub", "bronc", "either", "xray", "dysp"}
    for x in ("xray", "dysp", "tub"):
        p_x = [base["posteriors"][x][s] for s in ("yes", "no")]
        rows = []
        for s in ("yes", "no"):
            q = query_json(augury_program, str(asia), "--evidence", f"smoke=yes,{x}={s}", "--target", "lung")
            rows.append([q["posteriors"]["lung"][t] for t in ("yes", "no")])
        assert cands[x]["mutual_information_bits"] == pytest.approx(
            mutual_information_bits(p_x, rows, p_t), rel=1e-9, abs=1e-15
        )
    assert out["value_of_information"]["candidates"][0]["variable"] == "either"


def test_asia_conflict_and_shapley_from_queries(augury_program: str, asia: Path) -> None:
    ev = "xray=yes,dysp=no,smoke=no"
    out = analyze_json(augury_program, str(asia), "--target", "lung", "--evidence", ev,
                       "--conflict", "--attribution")

    def log_p(e: str) -> float:
        return query_json(augury_program, str(asia), "--evidence", e)["log10_evidence_probability"] * math.log(10)

    singles = [log_p(x) for x in ev.split(",")]
    assert out["conflict"]["conflict"] == pytest.approx(sum(singles) - log_p(ev), rel=1e-10)
    a = out["attribution"]
    before = query_json(augury_program, str(asia), "--target", "lung")["posteriors"]["lung"]
    after = query_json(augury_program, str(asia), "--evidence", ev, "--target", "lung")["posteriors"]["lung"]
    for s in ("yes", "no"):
        total = math.log(after[s] / (1 - after[s])) - math.log(before[s] / (1 - before[s]))
        assert sum(f["values"][s] for f in a["findings"]) == pytest.approx(total, rel=1e-10)


def test_asia_what_if_equals_queries(augury_program: str, asia: Path) -> None:
    out = analyze_json(augury_program, str(asia), "--target", "lung", "--evidence", "smoke=yes",
                       "--what-if", "pos:xray=yes", "--what-if", "both:xray=yes,dysp=yes")
    for w in out["what_if"]:
        extra = ",".join(f"{k}={v}" for k, v in w["evidence"].items())
        q = query_json(augury_program, str(asia), "--evidence", extra, "--target", "lung")
        assert w["posterior"] == q["posteriors"]["lung"]
        assert w["log10_evidence_probability"] == pytest.approx(q["log10_evidence_probability"], rel=1e-12)


def test_asia_no_negative_zero_in_text(augury_program: str, asia: Path) -> None:
    """Derivatives that are zero up to rounding (-1e-17) print as 0.000000, not -0.000000:
    asia's sensitivity table for target 'asia' has many of them."""
    r = run_program(augury_program, "analyze", str(asia), "--target", "asia", "--sensitivity", "--top", "0")
    assert r.returncode == 0, r.stderr
    assert "0.000000" in r.stdout
    assert re.search(r"-0\.0+(?![0-9])", r.stdout) is None


def test_asia_bad_target_lists_variables(augury_program: str, asia: Path) -> None:
    r = run_program(augury_program, "analyze", str(asia), "--target", "cancer")
    assert r.returncode == 1
    assert "no variable 'cancer'" in r.stderr
    assert "xray" in r.stderr and "dysp" in r.stderr


def test_observed_target_is_refused_but_what_if_runs(augury_program: str, garden: Path) -> None:
    r = run_program(augury_program, "analyze", str(garden), "--target", "Rain", "--evidence", "Rain=yes")
    assert r.returncode == 1
    assert "target 'Rain' is observed (Rain=yes)" in r.stderr
    out = analyze_json(augury_program, str(garden), "--target", "Rain", "--evidence", "Rain=yes",
                       "--what-if", "w:Wet=dry")
    (row,) = out["what_if"]
    assert row["posterior"] == {"yes": 1.0, "no": 0.0}
    assert row["log10_evidence_probability"] == pytest.approx(math.log10(prob(joint(), Rain="yes", Wet="dry")))


def test_cost_on_target_or_observed_variable_is_refused(augury_program: str, garden: Path) -> None:
    for cost in ("Rain=1", "Wet=1"):
        r = run_program(augury_program, "analyze", str(garden), "--target", "Rain", "--evidence", "Wet=wet",
                        "--voi", "--cost", cost)
        assert r.returncode == 1, cost
        assert f"--cost of '{cost[:-2]}'" in r.stderr


def test_impossible_what_if_is_marked(augury_program: str, tmp_path: Path) -> None:
    path = tmp_path / "det.bif"
    path.write_text(
        "network det {\n}\nvariable A {\n  type discrete [ 2 ] { a0, a1 };\n}\n"
        "variable B {\n  type discrete [ 2 ] { b0, b1 };\n}\n"
        "probability ( A ) {\n  table 0.25, 0.75;\n}\n"
        "probability ( B | A ) {\n  (a0) 1.0, 0.0;\n  (a1) 0.0, 1.0;\n}\n"
    )
    out = analyze_json(augury_program, str(path), "--target", "B", "--what-if", "bad:A=a0,B=b1",
                       "--what-if", "good:A=a0")
    rows = {w["name"]: w for w in out["what_if"]}
    assert rows["bad"]["possible"] is False and "posterior" not in rows["bad"]
    assert rows["bad"]["log10_evidence_probability"] is None
    assert rows["good"]["posterior"] == {"b0": 1.0, "b1": 0.0}
    assert rows["good"]["log10_evidence_probability"] == pytest.approx(math.log10(0.25), rel=1e-14)


def test_evidence_file_with_several_cases_is_refused(augury_program: str, garden: Path, tmp_path: Path) -> None:
    case = tmp_path / "cases.json"
    case.write_text(json.dumps({"cases": [{"evidence": {"Wet": "wet"}}, {"evidence": {"Wet": "dry"}}]}))
    r = run_program(augury_program, "analyze", str(garden), "--target", "Rain", "--evidence-file", str(case))
    assert r.returncode == 1
    assert "holds 2 cases" in r.stderr


def test_sampled_attribution_beyond_16_findings(augury_program: str, shared_dir: Path) -> None:
    alarm = shared_dir / "data" / "networks" / "bif" / "alarm.bif"
    if not alarm.is_file():
        pytest.skip(f"{alarm} not found")
    prior = query_json(augury_program, str(alarm))["posteriors"]
    target = "LVFAILURE"
    others = sorted(v for v in prior if v != target)[:17]
    findings: List[str] = []
    for i, v in enumerate(others):
        k = len(prior[v])
        findings += ["--likelihood", f"{v}=" + ",".join(str(1.0 if s == i % k else 0.4) for s in range(k))]
    args = [str(alarm), "--target", target, "--attribution", "--permutations", "60", "--seed", "3", *findings]
    a = analyze_json(augury_program, *args)["attribution"]
    assert a["exact"] is False and a["permutations"] == 60
    assert len(a["findings"]) == 17
    assert all("standard_errors" in f for f in a["findings"])
    # The posterior with every finding, from a separate query.
    q = query_json(augury_program, str(alarm), *findings, "--target", target)
    before = prior[target]
    after = q["posteriors"][target]
    for s in before:
        total = math.log(after[s] / (1 - after[s])) - math.log(before[s] / (1 - before[s]))
        # Every permutation's changes add up to the total, so the estimate does too.
        assert sum(f["values"][s] for f in a["findings"]) == pytest.approx(total, rel=1e-9, abs=1e-12)
    assert analyze_json(augury_program, *args)["attribution"] == a
