"""The scenario forecast through Python, checked against the augury program."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Dict

import numpy as np
import pytest

import augury
from conftest import run_program

SCENARIOS = ["bipolar_confrontation", "us_russia_detente", "us_china_cooperation", "multipolar_balancing"]
LEVELS = ["alliance", "deepening", "steady", "limited", "minimal"]


@pytest.fixture(scope="module")
def shipped() -> augury.Forecast:
    return augury.forecast()


@pytest.fixture(scope="module")
def program_json(augury_program: str) -> Dict[str, Any]:
    done = run_program(augury_program, "forecast", "--format", "json")
    assert done.returncode == 0, done.stderr
    result: Dict[str, Any] = json.loads(done.stdout)
    return result


def test_default_model() -> None:
    model = augury.default_model()
    assert model.scenario == "scenario" and model.cooperation == "military_cooperation"
    assert model.scenarios == SCENARIOS
    assert model.cooperation_levels == LEVELS
    assert len(model.network) == 27 and len(model.drivers) == 6 and len(model.indicators) == 19
    assert model.network.name == "china_russia_military_cooperation"
    for name in (*model.drivers, *model.indicators, model.scenario, model.cooperation):
        assert name in model.network


def test_shipped_timeline() -> None:
    batch = augury.shipped_timeline()
    assert len(batch.reports) + len(batch.rejected) == 30
    assert all(isinstance(r, augury.Report) for r in batch.reports)
    for r in batch.reports:
        assert r.line is not None and r.line > 1
        assert (r.state is None) != (r.likelihood is None)
        assert r.source and r.url.startswith("http")
        assert len(r.likelihood_vector()) == augury.default_model().network.cardinality(r.indicator)
    for row in batch.rejected:
        assert isinstance(row, augury.RejectedRow) and row.line > 1 and row.reason


def test_probabilities_sum_to_one_at_every_step(shipped: augury.Forecast) -> None:
    assert shipped.scenario_states == SCENARIOS and shipped.cooperation_states == LEVELS
    for dist in [shipped.prior_scenario, shipped.prior_cooperation]:
        assert sum(dist.values()) == pytest.approx(1.0, abs=1e-12)
    assert shipped.steps, "the shipped timeline has reports"
    for step in shipped.steps:
        assert list(step.scenario) == SCENARIOS
        assert sum(step.scenario.values()) == pytest.approx(1.0, abs=1e-12)
        assert sum(step.cooperation.values()) == pytest.approx(1.0, abs=1e-12)
        assert all(0.0 <= p <= 1.0 for p in step.scenario.values())
        assert step.reports and all(r.date == step.date for r in step.reports)
    assert shipped.dates == sorted(shipped.dates) and len(set(shipped.dates)) == len(shipped.dates)
    assert shipped.final_scenario == shipped.steps[-1].scenario
    assert shipped.final_cooperation == shipped.steps[-1].cooperation
    assert shipped.num_reports == len(augury.shipped_timeline().reports)


def test_scenario_array(shipped: augury.Forecast) -> None:
    a = shipped.scenario_array()
    assert a.shape == (len(shipped.steps) + 1, 4) and a.dtype == np.float64
    assert a[0].tolist() == [shipped.prior_scenario[s] for s in SCENARIOS]
    for i, step in enumerate(shipped.steps, start=1):
        assert a[i].tolist() == [step.scenario[s] for s in SCENARIOS]
    np.testing.assert_allclose(a.sum(axis=1), 1.0, atol=1e-12)
    c = shipped.cooperation_array()
    assert c.shape == (len(shipped.steps) + 1, 5)


def test_rejected_rows_carry_reasons(shipped: augury.Forecast) -> None:
    assert shipped.rejected, "the shipped timeline has a row that maps to no model node"
    for row in shipped.rejected:
        line, reason = row
        assert line > 1 and "maps to no model node" in reason


def test_forecast_equals_the_program(shipped: augury.Forecast, program_json: Dict[str, Any]) -> None:
    def same(got: Dict[str, float], expected: Dict[str, float]) -> None:
        # The program's JSON objects list keys alphabetically, not in state order.
        assert sorted(got) == sorted(expected)
        for k in expected:
            assert got[k] == pytest.approx(expected[k], abs=1e-12), k

    same(shipped.prior_scenario, program_json["prior"]["scenario"])
    same(shipped.prior_cooperation, program_json["prior"]["military_cooperation"])
    assert [s["date"] for s in program_json["steps"]] == shipped.dates
    for step, expected in zip(shipped.steps, program_json["steps"]):
        same(step.scenario, expected["scenario"])
        same(step.cooperation, expected["military_cooperation"])
        assert [r.line for r in step.reports] == [r["line"] for r in expected["reports"]]
        assert [r.indicator for r in step.reports] == [r["indicator"] for r in expected["reports"]]
    same(shipped.final_scenario, program_json["final"]["scenario"])
    assert [(r.line, r.reason) for r in shipped.rejected] == [
        (r["line"], r["reason"]) for r in program_json["rejected"]
    ]


def test_forecast_of_no_reports_is_the_prior(shipped: augury.Forecast) -> None:
    f = augury.forecast([])
    assert f.steps == [] and f.rejected == []
    assert f.final_scenario == f.prior_scenario == shipped.prior_scenario
    assert f.scenario_array().shape == (1, 4)


def test_own_reports_and_report_csv(tmp_path: Path) -> None:
    reports = [
        augury.Report("2024-05-01", "joint_exercise_tempo", state=None, likelihood=None),
    ]
    with pytest.raises(augury.ReportError, match="either a state or a likelihood"):
        augury.forecast(reports)
    model = augury.default_model()
    indicator = model.indicators[0]
    states = model.network.states(indicator)
    mine = [
        augury.Report("2024-05-02", indicator, state=states[0], source="wire", grade="B2"),
        augury.Report("2024-05-01", indicator, likelihood=[1.0] + [0.5] * (len(states) - 1)),
    ]
    f = augury.forecast(mine)
    assert f.dates == ["2024-05-01", "2024-05-02"], "sorted by date"
    text = augury.to_report_csv(mine)
    path = tmp_path / "reports.csv"
    path.write_text(text + "2024-13-01,nowhere,x,,s,B2,,\n", encoding="utf-8")
    batch = augury.read_reports(path)
    assert [(r.indicator, r.state, r.likelihood, r.grade) for r in batch.reports] == [
        (r.indicator, r.state, r.likelihood, r.grade) for r in mine
    ]
    assert len(batch.rejected) == 1 and batch.rejected[0].line == 4
    g = augury.forecast(batch)
    assert g.rejected == batch.rejected
    for a, b in zip(g.steps, f.steps):
        assert a.scenario == pytest.approx(b.scenario, abs=1e-15)
    # A report's likelihood follows its grade: h = r + (1 - r)/k with r = 0.75 * 0.75 for B2.
    k = len(states)
    h = 0.75 * 0.75 + (1 - 0.75 * 0.75) / k
    lik = mine[0].likelihood_vector(model)
    assert lik[0] == pytest.approx(h) and lik[1] == pytest.approx((1 - h) / (k - 1))


def test_reporter_timeline_with_mapping(shipped: augury.Forecast) -> None:
    data = Path(__file__).resolve().parents[2] / "examples" / "data"
    timeline, mapping = data / "china_russia_timeline.csv", data / "china_russia_mapping.csv"
    if not timeline.is_file() or not mapping.is_file():
        pytest.skip("examples/data not present")
    batch = augury.read_reports(timeline, mapping=mapping)
    f = augury.forecast(batch)
    assert f.scenario_array().tolist() == shipped.scenario_array().tolist()


def test_grading_table_changes_the_forecast(shipped: augury.Forecast) -> None:
    grading = augury.GradingTable()
    assert grading.fidelity("A1") == pytest.approx(0.81)
    assert grading.fidelity("") == pytest.approx(0.25) == grading.fidelity("unknown")
    for letter in "ABCDE":
        grading.set_source_weight(letter, 0.0)
    grading.default_source_weight = 0.0
    f = augury.forecast(grading=grading)
    # With every fidelity 0 a report is uninformative: the forecast stays at the prior.
    for step in f.steps:
        assert step.scenario == pytest.approx(shipped.prior_scenario, abs=1e-12)
    assert not math.isclose(shipped.final_scenario[SCENARIOS[0]], shipped.prior_scenario[SCENARIOS[0]])
