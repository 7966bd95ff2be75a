"""The analyst's toolkit from Python: words of estimative probability, graded reports with
rates, provenance through the report CSV, grading files, the analyst's report (also through
the program) and its figures."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

import augury
from augury import toolkit_plots
from conftest import run_program

SCENARIOS = ["bipolar_confrontation", "us_russia_detente", "us_china_cooperation", "multipolar_balancing"]
SECTIONS = ["key_judgments", "uncertainty", "trajectory", "attribution", "watch_list", "sensitivity", "conflict"]
MD_HEADINGS = [
    "## Key judgments",
    "## Uncertainty",
    "## Trajectory",
    "## Reports that moved the forecast most",
    "## Indicators to watch",
    "## What the leading judgment is most sensitive to",
    "## Conflict",
]


# ---- words of estimative probability --------------------------------------------------------


@pytest.mark.parametrize(
    "edge, at, outside",
    [
        (0.05, "very unlikely", "almost no chance"),
        (0.20, "unlikely", "very unlikely"),
        (0.45, "roughly even chance", "unlikely"),
        (0.55, "roughly even chance", "likely"),
        (0.80, "likely", "very likely"),
        (0.95, "very likely", "almost certain"),
    ],
)
def test_words_at_and_around_each_boundary(edge: float, at: str, outside: str) -> None:
    away = -1e-6 if edge < 0.5 else 1e-6
    assert augury.estimative_words(edge) == at
    assert augury.estimative_words(edge - away) == at
    assert augury.estimative_words(edge + away) == outside


def test_words_for_sequences_and_the_alternative_vocabulary() -> None:
    assert augury.estimative_words([0.0, 0.3, 0.7, 1.0]) == ["almost no chance", "unlikely", "likely", "almost certain"]
    assert augury.estimative_words(np.float64(0.9), "alternative") == "highly probable"
    band = augury.estimative_band(0.7)
    assert (band.index, band.lower, band.upper, band.word) == (4, 0.55, 0.80, "likely")
    assert band.midpoint == pytest.approx(0.675)
    with pytest.raises(augury.ReportError, match=r"outside \[0, 1\]"):
        augury.estimative_words(1.5)
    with pytest.raises(augury.ReportError, match="vocabularies: icd203, alternative"):
        augury.estimative_words(0.5, "sherman-kent")


def test_words_parse_to_bands() -> None:
    e = augury.parse_probability("likely")
    assert (e.lower, e.upper, e.point, e.word, e.vocabulary) == (0.55, 0.80, pytest.approx(0.675), "likely", "icd203")
    assert augury.parse_probability("Almost certainly").word == "almost certain"
    assert augury.parse_probability("improbable").vocabulary == "alternative"
    b = augury.parse_probability("55-80%")
    assert (b.lower, b.upper, b.word) == (pytest.approx(0.55), pytest.approx(0.80), None)
    assert augury.parse_probability("0.3").point == 0.3
    with pytest.raises(augury.ReportError, match="'perhaps' is not a probability"):
        augury.parse_probability("perhaps")


def test_mixing_vocabularies_is_detected_and_rejected() -> None:
    assert augury.check_single_vocabulary(["likely", "very unlikely"]) == "icd203"
    assert augury.check_single_vocabulary("The outcome is probable, the other remote.") == "alternative"
    assert augury.check_single_vocabulary([]) is None
    with pytest.raises(augury.ReportError, match="mix two vocabularies"):
        augury.check_single_vocabulary(["likely", "probable"])
    with pytest.raises(augury.ReportError, match="'remote' is alternative"):
        augury.check_single_vocabulary("A is very likely; B is remote.")
    terms = augury.find_estimative_terms("It is very likely, not unlikely.")
    assert [(t.text, t.band, t.vocabulary) for t in terms] == [("very likely", 5, "icd203"), ("unlikely", 2, "icd203")]


# ---- graded reports, provenance and grading files -------------------------------------------


def test_rates_give_the_likelihood_by_hand() -> None:
    model = augury.default_model()
    r = augury.Report("2024-01-01", "us_china_trade", state="managed", grade="E5", hit_rate=0.8, false_alarm_rate=0.1)
    np.testing.assert_array_equal(r.likelihood_vector(model), [0.1, 0.8, 0.1])
    np.testing.assert_array_equal(augury.GradingTable.rate_likelihood(0.8, 0.1, 3, 1), [0.1, 0.8, 0.1])
    # A forecast with the rated report equals one with the same likelihood vector.
    by_rates = augury.forecast([r], model)
    by_vector = augury.forecast([augury.Report("2024-01-01", "us_china_trade", likelihood=(0.1, 0.8, 0.1))], model)
    for s in SCENARIOS:
        assert by_rates.final_scenario[s] == pytest.approx(by_vector.final_scenario[s], abs=1e-15)
    with pytest.raises(augury.ReportError, match="hit rate without a false-alarm rate"):
        augury.forecast([augury.Report("2024-01-01", "us_china_trade", state="managed", hit_rate=0.8)], model)


def _moved(f: augury.Forecast) -> float:
    return sum(abs(f.final_scenario[s] - f.prior_scenario[s]) for s in SCENARIOS) / 2


def test_provenance_through_the_report_csv(tmp_path: Path) -> None:
    header = "date,indicator,state,source,grade,upstream,copy_fidelity\n"
    copies = "".join(f"2024-03-0{1 + i % 9},us_russia_summitry,agreements,Outlet {i},B2,AP-1,1\n" for i in range(10))
    independent = "".join(f"2024-03-0{1 + i % 9},us_russia_summitry,agreements,Outlet {i},B2,,\n" for i in range(10))
    one = "2024-03-01,us_russia_summitry,agreements,Outlet,B2,,\n"
    paths = {}
    for name, body in {"copies": copies, "independent": independent, "one": one}.items():
        paths[name] = tmp_path / f"{name}.csv"
        paths[name].write_text(header + body, encoding="utf-8")
    batch = augury.read_reports(paths["copies"])
    assert len(batch) == 10 and batch.rejected == []
    assert batch.reports[0].upstream == "AP-1" and batch.reports[0].copy_fidelity == 1.0
    f_copies = augury.forecast(batch)
    f_one = augury.forecast(augury.read_reports(paths["one"]))
    f_independent = augury.forecast(augury.read_reports(paths["independent"]))
    # Perfect copies of one story move the forecast exactly as one report does.
    for s in SCENARIOS:
        assert f_copies.final_scenario[s] == pytest.approx(f_one.final_scenario[s], abs=1e-12)
    assert _moved(f_independent) > 2 * _moved(f_one)
    # The combined finding is that of one report.
    lik = augury.combined_likelihoods(batch)
    single = batch.reports[0]
    expected = augury.Report(single.date, single.indicator, state=single.state, grade="B2").likelihood_vector()
    np.testing.assert_allclose(lik["us_russia_summitry"], expected / expected.max(), rtol=1e-12)
    # The CSV writer keeps the provenance columns.
    text = augury.to_report_csv(batch)
    assert text.splitlines()[0].endswith("upstream,upstream_grade,copy_fidelity")
    assert augury.parse_reports(text).reports[3].upstream == "AP-1"


def test_grading_files(tmp_path: Path) -> None:
    csv_path = tmp_path / "grading.csv"
    csv_path.write_text("code,weight,note\nB,0.8,usually reliable\n2,0.7,\ncopy,0.9,\n", encoding="utf-8")
    g = augury.read_grading(csv_path)
    assert g.source_weight("B") == 0.8 and g.information_weight("2") == 0.7 and g.copy_fidelity == 0.9
    assert g.fidelity("B2") == pytest.approx(0.56)
    back = augury.parse_grading(augury.grading_to_json(g), "json")
    assert augury.grading_to_csv(back) == augury.grading_to_csv(g)
    with pytest.raises(augury.ParseError, match=r"grading.csv:2: unknown grading code 'G'"):
        csv_path.write_text("code,weight\nG,0.5\n", encoding="utf-8")
        augury.read_grading(csv_path)


# ---- the analyst's report -------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped_report() -> augury.AnalystReport:
    return augury.report(samples=60, permutations=150)


def _strip_rejected(markdown: str) -> str:
    return markdown.split("## Rejected rows")[0]


def test_report_on_the_default_model_has_every_section(shipped_report: augury.AnalystReport) -> None:
    data = shipped_report.data
    for section in SECTIONS:
        assert section in data, section
    kj = data["key_judgments"]
    assert [s["state"] for s in kj["scenarios"]] == SCENARIOS
    assert math.isclose(sum(s["probability"] for s in kj["scenarios"]), 1.0, abs_tol=1e-12)
    f = augury.forecast()
    for s in kj["scenarios"]:
        assert s["probability"] == pytest.approx(f.final_scenario[s["state"]], abs=1e-12)
        assert s["term"] == augury.estimative_words(s["probability"])
        assert s["interval"]["lower"] <= s["interval"]["upper"]
    lead = max(kj["scenarios"], key=lambda s: s["probability"])
    assert kj["leading_scenario"]["state"] == lead["state"]
    assert kj["leading_cooperation"]["state"] == max(f.final_cooperation, key=f.final_cooperation.__getitem__)
    assert len(data["trajectory"]) == len(f.steps)
    assert all("lower" in p and "upper" in p for p in data["trajectory"])
    assert data["uncertainty"]["samples"] == 60
    assert set(data["uncertainty"]["equivalent_sample_size"].values()) == {10.0}
    # Attribution: one piece per independent report; the values of each scenario add up
    # to its total change of log-odds (efficiency).
    at = data["attribution"]
    assert len(at["evidence"]) == f.num_reports
    for s in SCENARIOS:
        total = sum(e["values"][s] for e in at["evidence"])
        assert total == pytest.approx(at["final_log_odds"][s] - at["baseline_log_odds"][s], abs=1e-9)
    watch = data["watch_list"]["indicators"]
    assert len(watch) == 8
    bits = [w["mutual_information_bits"] for w in watch]
    assert bits == sorted(bits, reverse=True) and bits[0] > 0
    assert all(0 <= w["term_change_probability"] <= 1 for w in watch)
    assert len(data["sensitivity"]) == 10
    assert data["conflict"]["message"]
    assert [r["line"] for r in data["rejected"]] == [r.line for r in f.rejected]


def test_report_markdown_has_every_section_and_one_vocabulary(shipped_report: augury.AnalystReport) -> None:
    md = shipped_report.markdown
    for heading in MD_HEADINGS:
        assert heading in md, heading
    lead = shipped_report.key_judgments["leading_scenario"]
    assert f"`{lead['state']}` is **{lead['term']}**" in md
    assert augury.check_single_vocabulary(_strip_rejected(md)) == "icd203"


def test_report_in_the_alternative_vocabulary() -> None:
    r = augury.report(samples=0, bands=False, permutations=50, vocabulary="alternative")
    assert r.data["vocabulary"] == "alternative"
    assert r.data["uncertainty"]["samples"] == 0
    assert augury.check_single_vocabulary(_strip_rejected(r.markdown)) == "alternative"


def test_report_through_the_program(augury_program: str, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    done = run_program(augury_program, "report", "--format", "json", "-o", str(out), "--samples", "40", "--permutations", "100")
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    for section in SECTIONS:
        assert section in data, section
    f = augury.forecast()
    for s in data["key_judgments"]["scenarios"]:
        assert s["probability"] == pytest.approx(f.final_scenario[s["state"]], abs=1e-12)
    md = run_program(augury_program, "report", "--samples", "20", "--no-bands", "--permutations", "100")
    assert md.returncode == 0, md.stderr
    for heading in MD_HEADINGS:
        assert heading in md.stdout, heading
    bad = run_program(augury_program, "report", "--grading", str(tmp_path / "missing.csv"))
    assert bad.returncode == 1 and "cannot open the file" in bad.stderr


# ---- figures --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["plot_trajectory", "plot_tornado", "plot_watch_list", "plot_attribution"])
def test_figures_render_to_png(shipped_report: augury.AnalystReport, tmp_path: Path, name: str) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = getattr(toolkit_plots, name)(shipped_report)
    path = tmp_path / f"{name}.png"
    fig.savefig(path, dpi=60)
    plt.close(fig)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 2000
