"""The ``augury backtest`` and ``augury score`` commands.

Expected values are computed here, independently of the program: scores of a hand-made
forecast file by hand, and back-test forecasts with the Python package's junction tree,
applying the findings of earlier dates.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from conftest import run_program

augury = pytest.importorskip("augury")

NETWORK = """network garden { }
variable Rain { type discrete [ 2 ] { yes, no }; }
variable Sprinkler { type discrete [ 2 ] { on, off }; }
variable Grass { type discrete [ 3 ] { wet, damp, dry }; }
probability ( Rain ) { table 0.3, 0.7; }
probability ( Sprinkler | Rain ) {
  (yes) 0.1, 0.9;
  (no) 0.6, 0.4;
}
probability ( Grass | Rain, Sprinkler ) {
  (yes, on) 0.9, 0.08, 0.02;
  (yes, off) 0.7, 0.2, 0.1;
  (no, on) 0.6, 0.3, 0.1;
  (no, off) 0.05, 0.15, 0.8;
}
"""

# Out of date order on purpose: the program sorts by date (stable within a date).
TIMELINE = """date,variable,state,likelihood
2024-03-04,Rain,no,
2024-03-01,Sprinkler,off,
2024-03-02,Grass,damp,0.2;0.9;0.4
2024-03-02,Rain,yes,0.8;0.3
2024-03-03,Grass,,0.5;1;0.1
"""

STATES = {"Rain": ["yes", "no"], "Sprinkler": ["on", "off"], "Grass": ["wet", "damp", "dry"]}


@pytest.fixture()
def network(tmp_path: Path) -> Path:
    path = tmp_path / "garden.bif"
    path.write_text(NETWORK)
    return path


def brier(p, outcome):
    return sum((q - (1.0 if k == outcome else 0.0)) ** 2 for k, q in enumerate(p))


def expected_backtest(network: Path, rows, background=None):
    """(date, variable, state, forecast) per scored row, replaying with augury.JunctionTree.

    Several findings on one variable multiply (a hard finding is an indicator vector)."""
    net = augury.parse_bif(network.read_text())
    jt = augury.JunctionTree(net)
    for var, state in (background or {}).items():
        jt.set_hard(var, state)
    rows = sorted(rows, key=lambda r: r[0])  # stable
    out = []
    products = {}
    dates = sorted({r[0] for r in rows})
    for date in dates:
        today = [r for r in rows if r[0] == date]
        for d, var, state, lik in today:
            if state:
                out.append((d, var, state, list(jt.posterior_array(var))))
        for d, var, state, lik in today:
            if not lik:
                lik = [1.0 if s == state else 0.0 for s in STATES[var]]
            old = products.get(var, [1.0] * len(lik))
            products[var] = [a * b for a, b in zip(old, lik)]
            jt.set_likelihood(var, products[var])
    return out


def parse_rows(text):
    rows = []
    for line in text.strip().splitlines()[1:]:
        date, var, state, lik = line.split(",")
        rows.append((date, var, state, [float(x) for x in lik.split(";")] if lik else None))
    return rows


def check_scored(result, expected):
    assert len(result["scored"]) == len(expected)
    for got, (date, var, state, forecast) in zip(result["scored"], expected):
        assert got["date"] == date and got["variable"] == var and got["state"] == state
        outcome = STATES[var].index(state)
        for k, s in enumerate(STATES[var]):
            assert got["forecast"][s] == pytest.approx(forecast[k], abs=1e-12)
        assert got["forecast_of_outcome"] == pytest.approx(forecast[outcome], abs=1e-12)
        assert got["brier"] == pytest.approx(brier(forecast, outcome), abs=1e-12)
        assert got["log_loss"] == pytest.approx(-math.log(forecast[outcome]), abs=1e-12)
        assert got["ignorance"] == pytest.approx(-math.log2(forecast[outcome]), abs=1e-12)
    n = len(expected)
    mean_brier = sum(brier(f, STATES[v].index(s)) for _, v, s, f in expected) / n
    mean_log = sum(-math.log(f[STATES[v].index(s)]) for _, v, s, f in expected) / n
    assert result["summary"]["count"] == n
    assert result["summary"]["brier"] == pytest.approx(mean_brier, abs=1e-12)
    assert result["summary"]["log_loss"] == pytest.approx(mean_log, abs=1e-12)


def test_backtest_matches_junction_tree_replay(augury_program, network, tmp_path):
    timeline = tmp_path / "timeline.csv"
    timeline.write_text(TIMELINE)
    r = run_program(augury_program, "backtest", str(network), str(timeline), "--format", "json", "--bins", "4")
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    expected = expected_backtest(network, parse_rows(TIMELINE))
    assert [e[:3] for e in expected] == [
        ("2024-03-01", "Sprinkler", "off"),
        ("2024-03-02", "Grass", "damp"),
        ("2024-03-02", "Rain", "yes"),
        ("2024-03-04", "Rain", "no"),
    ]
    check_scored(result, expected)
    # Calibration: 4 bins over all 9 state forecasts, each counted once.
    assert len(result["calibration"]) == 4
    assert sum(b["count"] for b in result["calibration"]) == 2 + 3 + 2 + 2
    hits = sum(round(b["observed_frequency"] * b["count"]) for b in result["calibration"])
    assert hits == 4
    # The line numbers are those of the file (header is line 1).
    assert [s["line"] for s in result["scored"]] == [3, 4, 5, 2]


def test_backtest_background_evidence_and_text(augury_program, network, tmp_path):
    timeline = tmp_path / "timeline.csv"
    timeline.write_text("date,variable,state\n2024-01-01,Grass,wet\n2024-01-02,Sprinkler,on\n")
    r = run_program(augury_program, "backtest", str(network), str(timeline), "--evidence", "Rain=no", "--format", "json")
    assert r.returncode == 0, r.stderr
    rows = [("2024-01-01", "Grass", "wet", None), ("2024-01-02", "Sprinkler", "on", None)]
    check_scored(json.loads(r.stdout), expected_backtest(network, rows, {"Rain": "no"}))
    # P(Grass=wet | Rain=no) = 0.6*0.6 + 0.4*0.05 = 0.38 by hand.
    assert json.loads(r.stdout)["scored"][0]["forecast_of_outcome"] == pytest.approx(0.38, abs=1e-12)
    text = run_program(augury_program, "backtest", str(network), str(timeline), "-e", "Rain=no")
    assert text.returncode == 0, text.stderr
    assert "0.380000" in text.stdout and "Calibration" in text.stdout and "mean over 2 forecasts" in text.stdout


@pytest.mark.parametrize(
    "body, line, words",
    [
        ("2024-01-01,Rain,yes\n2024-01-02,Snow,yes\n", 3, ["variable", "Snow", "Rain, Sprinkler, Grass"]),
        ("2024-01-01,Rain,maybe\n", 2, ["state", "maybe", "yes, no"]),
        ("2024-01-01,Rain,yes\n2024-1-2,Rain,no\n", 3, ["date", "2024-1-2"]),
        ("2024-01-01,Rain,\n", 2, ["state", "yes, no"]),
        ("2024-01-01,Rain,yes,extra\n", 2, ["fields"]),
    ],
)
def test_backtest_bad_rows(augury_program, network, tmp_path, body, line, words):
    timeline = tmp_path / "bad.csv"
    timeline.write_text("date,variable,state\n" + body)
    r = run_program(augury_program, "backtest", str(network), str(timeline))
    assert r.returncode == 1
    assert f"{timeline}:{line}" in r.stderr
    for w in words:
        assert w in r.stderr


def test_backtest_bad_likelihood(augury_program, network, tmp_path):
    timeline = tmp_path / "bad.csv"
    timeline.write_text("date,variable,state,likelihood\n2024-01-01,Grass,,0.2;0.3\n")
    r = run_program(augury_program, "backtest", str(network), str(timeline))
    assert r.returncode == 1
    assert f"{timeline}:2" in r.stderr and "likelihood" in r.stderr and "wet, damp, dry" in r.stderr


FORECASTS = """outcome,low,mid,high
low,0.7,0.2,0.1
mid,0.2,0.5,0.3
high,0.6,0.3,0.1
high,0,0.25,0.75
"""


def test_score_by_hand(augury_program, tmp_path):
    path = tmp_path / "forecasts.csv"
    path.write_text(FORECASTS)
    r = run_program(augury_program, "score", str(path), "--format", "json", "--bins", "2")
    assert r.returncode == 0, r.stderr
    j = json.loads(r.stdout)
    # Brier by hand: (0.3^2+0.2^2+0.1^2), (0.2^2+0.5^2+0.3^2), (0.6^2+0.3^2+0.9^2), (0+0.25^2+0.25^2)
    briers = [0.09 + 0.04 + 0.01, 0.04 + 0.25 + 0.09, 0.36 + 0.09 + 0.81, 0.0625 + 0.0625]
    assert j["brier"] == pytest.approx(sum(briers) / 4, abs=1e-12)
    logs = [-math.log(0.7), -math.log(0.5), -math.log(0.1), -math.log(0.75)]
    assert j["log_loss"] == pytest.approx(sum(logs) / 4, abs=1e-12)
    assert j["ignorance"] == pytest.approx(sum(x / math.log(2) for x in logs) / 4, abs=1e-12)
    assert j["count"] == 4 and j["categories"] == ["low", "mid", "high"]
    # Two bins: [0, 0.5) holds 0.2,0.1,0.2,0.3,0.3,0.1,0,0.25 (outcome hits: 0.1 of row 3)
    # and [0.5, 1] holds 0.7,0.5,0.6,0.75 (hits: 0.7, 0.5, 0.75).
    low, high = j["calibration"]
    assert low["count"] == 8 and high["count"] == 4
    assert low["mean_forecast"] == pytest.approx(1.45 / 8, abs=1e-12)
    assert low["observed_frequency"] == pytest.approx(1 / 8, abs=1e-12)
    assert high["mean_forecast"] == pytest.approx(2.55 / 4, abs=1e-12)
    assert high["observed_frequency"] == pytest.approx(3 / 4, abs=1e-12)
    text = run_program(augury_program, "score", str(path))
    assert text.returncode == 0 and f"{sum(briers) / 4:.6f}" in text.stdout


@pytest.mark.parametrize(
    "row, words",
    [
        ("low,0.5,0.2,0.2", ["sum to 0.9", "not 1"]),
        ("none,0.5,0.3,0.2", ["outcome", "none", "low, mid, high"]),
        ("low,0.5,x,0.5", ["mid", "'x'"]),
    ],
)
def test_score_bad_rows(augury_program, tmp_path, row, words):
    path = tmp_path / "bad.csv"
    path.write_text("outcome,low,mid,high\nlow,0.7,0.2,0.1\n" + row + "\n")
    r = run_program(augury_program, "score", str(path))
    assert r.returncode == 1
    assert f"{path}:3" in r.stderr
    for w in words:
        assert w in r.stderr


def test_analyze_progress_on_stderr(augury_program, network):
    r = run_program(
        augury_program, "analyze", str(network), "--target", "Rain", "-e", "Grass=wet",
        "--uncertainty", "--samples", "200", "--progress", "--format", "json",
    )
    assert r.returncode == 0, r.stderr
    # Not a terminal: one line per tenth of the samples.
    assert r.stderr.splitlines() == [f"sampling networks: {k}/200" for k in range(20, 201, 20)]
    assert json.loads(r.stdout)["uncertainty"]["samples"] == 200
    quiet = run_program(
        augury_program, "analyze", str(network), "--target", "Rain", "-e", "Grass=wet",
        "--uncertainty", "--samples", "200", "--format", "json",
    )
    assert quiet.returncode == 0 and "sampling" not in quiet.stderr


def test_backtest_without_arguments_uses_the_shipped_timeline(augury_program):
    r = run_program(augury_program, "backtest", "--format", "json")
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    model = augury.default_model()
    net = model.network
    batch = augury.shipped_timeline()
    assert [x["line"] for x in result["rejected"]] == [x.line for x in batch.rejected]
    # Replay: every report enters through its graded likelihood; reports naming a state are
    # scored before the findings of their date are applied.
    reports = sorted(batch.reports, key=lambda x: x.date)
    jt = augury.JunctionTree(net)
    products = {}
    expected = []
    for date in sorted({x.date for x in reports}):
        today = [x for x in reports if x.date == date]
        for x in today:
            if x.state:
                p = list(jt.posterior_array(x.indicator))
                states = list(net.variable(x.indicator).states)
                expected.append((date, x.indicator, x.state, p, states.index(x.state)))
        for x in today:
            lik = list(x.likelihood_vector(net))
            old = products.get(x.indicator, [1.0] * len(lik))
            products[x.indicator] = [a * b for a, b in zip(old, lik)]
            jt.set_likelihood(x.indicator, products[x.indicator])
    assert result["entries"] == len(batch.reports)
    assert len(result["scored"]) == len(expected) > 0
    for got, (date, var, state, p, k) in zip(result["scored"], expected):
        assert (got["date"], got["variable"], got["state"]) == (date, var, state)
        assert got["forecast_of_outcome"] == pytest.approx(p[k], abs=1e-9)
        assert got["brier"] == pytest.approx(brier(p, k), abs=1e-9)
        assert got["log_loss"] == pytest.approx(-math.log(p[k]), abs=1e-9)
    assert result["summary"]["brier"] == pytest.approx(sum(brier(p, k) for *_, p, k in expected) / len(expected), abs=1e-9)


def test_backtest_needs_both_or_neither(augury_program, network):
    r = run_program(augury_program, "backtest", str(network))
    assert r.returncode == 1 and "give both NETWORK and TIMELINE.csv, or neither" in r.stderr
