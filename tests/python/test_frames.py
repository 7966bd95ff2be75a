"""The Pythonic layer: Variable and CPT views, CPTs from mappings and DataFrames,
Posteriors, and pandas in and out (posteriors, forecasts, reports, one query per row)."""

from __future__ import annotations

import itertools
import math
import pickle
import sys
from typing import Dict

import numpy as np
import pytest

import augury

pd = pytest.importorskip("pandas", reason="pandas is needed for the DataFrame functions")

# The B12 sprinkler network: exact P(W=wet) = 0.69126, P(R=T | W=wet) = 7450/11521.
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
# P(W | S, R) as written in the text above, keyed by (S, R).
W_ROWS = {("on", "T"): [0.98, 0.02], ("on", "F"): [0.85, 0.15], ("off", "T"): [0.88, 0.12],
          ("off", "F"): [0.02, 0.98]}


@pytest.fixture
def net() -> augury.BayesianNetwork:
    return augury.parse_bif(SPRINKLER)


def enumerate_posterior(net: augury.BayesianNetwork, target: str, evidence: Dict[str, str]) -> np.ndarray:
    """P(target | evidence) by summing the chain rule over every assignment."""
    variables = net.variables
    out = np.zeros(net.cardinality(target))
    for states in itertools.product(*(range(net.cardinality(v)) for v in variables)):
        x = dict(zip(variables, states))
        if any(net.states(v)[x[v]] != s for v, s in evidence.items()):
            continue
        p = 1.0
        for v in variables:
            p *= net.cpt(v)[tuple(x[q] for q in net.parents(v)) + (x[v],)]
        out[x[target]] += p
    return out / out.sum()


# ---- Variable and CPT views ------------------------------------------------------------


def test_variable_view(net: augury.BayesianNetwork) -> None:
    w = net.variable("W")
    assert w == augury.Variable("W", ("wet", "dry"), ("S", "R"))
    assert w.cardinality == 2 and w.index("dry") == 1
    assert repr(w) == "Variable('W', states=('wet', 'dry'), parents=('S', 'R'))"
    assert net.variable("C").parents == ()
    with pytest.raises(augury.ModelError, match=r"variable 'W' has no state 'damp' \(states: wet, dry\)"):
        w.index("damp")
    with pytest.raises(augury.ModelError, match="no variable 'X'"):
        net.variable("X")
    fresh = augury.BayesianNetwork()
    fresh.add_variable("A", ["a0", "a1"])
    assert fresh.variable("A").parents == ()


def test_cpt_view_matches_the_text(net: augury.BayesianNetwork) -> None:
    cpt = net.get_cpt("W")
    assert cpt.variable == "W" and cpt.parents == ("S", "R") and cpt.states == ("wet", "dry")
    assert cpt.parent_states == {"S": ("on", "off"), "R": ("T", "F")}
    assert cpt.shape == (2, 2, 2)
    assert list(cpt.configurations()) == [("on", "T"), ("on", "F"), ("off", "T"), ("off", "F")]
    for (s, r), row in W_ROWS.items():
        assert cpt.distribution(S=s, R=r) == dict(zip(("wet", "dry"), row))
        assert cpt.distribution({"R": r, "S": s}) == dict(zip(("wet", "dry"), row))
    assert np.asarray(cpt).tolist() == net.cpt("W").tolist()
    with pytest.raises(ValueError):
        cpt.values[0, 0, 0] = 1.0  # read-only
    assert repr(cpt) == "<CPT P(W | S, R): shape (2 x 2 x 2), 4 configurations>"
    assert repr(net.get_cpt("C")) == "<CPT P(C): shape (2), 1 configuration>"
    with pytest.raises(augury.ModelError, match=r"give the state of every parent of 'W'; missing 'R'"):
        cpt.distribution(S="on")
    with pytest.raises(augury.ModelError, match=r"'C' is not a parent of 'W' \(parents: S, R\)"):
        cpt.distribution(S="on", R="T", C="T")
    with pytest.raises(augury.ModelError, match=r"variable 'R' has no state 'yes' \(states: T, F\)"):
        cpt.distribution(S="on", R="yes")
    assert net.get_cpt("W") == cpt and net.get_cpt("S") != cpt


def test_cpt_frame_layout(net: augury.BayesianNetwork) -> None:
    frame = net.get_cpt("W").to_frame()
    assert list(frame.index.names) == ["S", "R"] and frame.columns.name == "W"
    assert list(frame.columns) == ["wet", "dry"]
    for (s, r), row in W_ROWS.items():
        assert frame.loc[(s, r)].tolist() == row
    one = net.get_cpt("S").to_frame()
    assert one.index.name == "C" and list(one.index) == ["T", "F"]
    assert one.loc["F"].tolist() == [0.6, 0.4]
    root = net.get_cpt("C").to_frame()
    assert root.shape == (1, 2) and root.iloc[0].tolist() == [0.4, 0.6]


def test_set_cpt_from_mapping_frame_and_view(net: augury.BayesianNetwork) -> None:
    built = augury.BayesianNetwork("sprinkler")
    for v in net.variables:
        built.add_variable(v, net.states(v))
    built.set_cpt("C", [], {"F": 0.6, "T": 0.4})
    built.set_cpt("S", ["C"], {"T": [0.2, 0.8], "F": {"off": 0.4, "on": 0.6}})
    built.set_cpt("R", ["C"], net.get_cpt("R"))
    built.set_cpt("W", ["S", "R"], W_ROWS)
    assert built == net
    # A DataFrame in the to_frame layout, rows and columns shuffled, is read by its labels.
    shuffled = net.get_cpt("W").to_frame().iloc[[3, 0, 2, 1], [1, 0]]
    other = net.copy()
    other.set_cpt("W", ["S", "R"], np.full((2, 2, 2), 0.5))
    other.set_cpt("W", ["S", "R"], shuffled)
    assert other == net
    other.set_cpt("S", ["C"], net.get_cpt("S").to_frame())
    other.set_cpt("C", [], net.get_cpt("C").to_frame())
    assert other == net


def test_set_cpt_mapping_errors(net: augury.BayesianNetwork) -> None:
    rows = dict(W_ROWS)
    del rows[("off", "F")]
    with pytest.raises(augury.ModelError, match=r"CPT of 'W' has no distribution for S=off, R=F"):
        net.set_cpt("W", ["S", "R"], rows)
    with pytest.raises(augury.ModelError, match=r"variable 'S' has no state 'maybe'"):
        net.set_cpt("W", ["S", "R"], {**W_ROWS, ("maybe", "T"): [0.5, 0.5]})
    with pytest.raises(augury.ModelError, match=r"configuration 'on' names 1 state\(s\); give one per parent"):
        net.set_cpt("W", ["S", "R"], {"on": [0.5, 0.5]})
    with pytest.raises(augury.ModelError, match=r"no probability for state 'F'"):
        net.set_cpt("C", [], {"T": 1.0})
    with pytest.raises(augury.ModelError, match=r"3 numbers for 2 states"):
        net.set_cpt("S", ["C"], {"T": [0.2, 0.7, 0.1], "F": [0.5, 0.5]})
    with pytest.raises(augury.ModelError, match=r"a CPT of 'S' .* cannot be the CPT of 'R'"):
        net.set_cpt("R", ["C"], net.get_cpt("S"))
    frame = net.get_cpt("W").to_frame()
    with pytest.raises(augury.ModelError, match=r"CPT of 'W' has no row for S=off, R=F"):
        net.set_cpt("W", ["S", "R"], frame.iloc[:3])
    with pytest.raises(augury.ModelError, match=r"needs one column per state of 'W'"):
        net.set_cpt("W", ["S", "R"], frame.rename(columns={"dry": "damp"}))
    with pytest.raises(augury.ModelError, match=r"levels are named by the parents"):
        net.set_cpt("W", ["S", "R"], frame.rename_axis(["A", "B"]))
    with pytest.raises(augury.ModelError, match=r"is given twice"):
        net.set_cpt("W", ["S", "R"], pd.concat([frame, frame.iloc[:1]]))
    with pytest.raises(augury.ModelError, match=r"sum"):
        net.set_cpt("W", ["S", "R"], {**W_ROWS, ("on", "T"): [0.9, 0.2]})
    assert net == augury.parse_bif(SPRINKLER), "the network is unchanged after errors"


# ---- posteriors -------------------------------------------------------------------------


def test_posteriors_is_a_dict_with_a_frame(net: augury.BayesianNetwork) -> None:
    tree = augury.JunctionTree(net)
    tree.set_hard("W", "wet")
    post = tree.posteriors()
    assert isinstance(post, augury.Posteriors) and isinstance(post, dict)
    assert list(post) == ["C", "S", "R"]
    assert post["R"]["T"] == pytest.approx(7450 / 11521, abs=1e-12)
    assert pickle.loads(pickle.dumps(post)) == post
    frame = post.to_frame()
    assert list(frame.columns) == ["variable", "state", "probability"]
    assert frame["probability"].dtype == np.float64
    assert frame[["variable", "state"]].values.tolist() == [
        ["C", "T"], ["C", "F"], ["S", "on"], ["S", "off"], ["R", "T"], ["R", "F"]
    ]
    for variable, state, p in frame.itertuples(index=False):
        assert p == post[variable][state]
        expected = enumerate_posterior(net, variable, {"W": "wet"})
        assert p == pytest.approx(expected[net.states(variable).index(state)], abs=1e-12)
    assert tree.posteriors_frame(["R"]).equals(frame.iloc[4:].reset_index(drop=True))
    assert isinstance(augury.query(net, {"W": "wet"}, engine="ve")["posteriors"], augury.Posteriors)
    assert augury.posteriors_frame(augury.query(net, {"W": "wet"})).equals(frame)
    arrays = post.arrays()
    assert arrays["R"].tolist() == tree.posterior_array("R").tolist()


def test_query_frame_matches_a_loop_of_queries(net: augury.BayesianNetwork) -> None:
    evidence = pd.DataFrame(
        {"W": ["wet", None, "dry", np.nan, "wet"], "S": ["on", "off", None, None, pd.NA]},
        index=[10, 11, 12, 13, 14],
    )
    frame = augury.query_frame(evidence, net, ["R", "C"], log10_evidence=True)
    assert list(frame.index) == [10, 11, 12, 13, 14]
    assert list(frame.columns) == ["R=T", "R=F", "C=T", "C=F", "log10_evidence_probability"]
    for label, row in evidence.iterrows():
        e = {v: s for v, s in row.items() if isinstance(s, str)}
        for target in ("R", "C"):
            expected = enumerate_posterior(net, target, e)
            got = [frame.loc[label, f"{target}={s}"] for s in net.states(target)]
            assert got == pytest.approx(expected.tolist(), abs=1e-12)
        log10 = augury.query(net, e)["log10_evidence_probability"]
        assert frame.loc[label, "log10_evidence_probability"] == pytest.approx(log10, abs=1e-12)
    default = augury.query_frame(evidence, augury.JunctionTree(net))
    assert list(default.columns) == ["C=T", "C=F", "R=T", "R=F"]
    empty = augury.query_frame(evidence.iloc[:0], net, ["R"])
    assert empty.shape == (0, 2)


def test_query_frame_errors(net: augury.BayesianNetwork) -> None:
    with pytest.raises(augury.EvidenceError, match=r"evidence column 'Wet' is not a variable .*variables: C, S, R, W"):
        augury.query_frame(pd.DataFrame({"Wet": ["wet"]}), net)
    with pytest.raises(augury.EvidenceError, match=r"row 7: evidence on 'W': no state 'damp' \(states: wet, dry\)"):
        augury.query_frame(pd.DataFrame({"W": ["damp"]}, index=[7]), net)
    with pytest.raises(augury.EvidenceError, match=r"row 0: evidence on 'W' must be a state name, not 0.5"):
        augury.query_frame(pd.DataFrame({"W": [0.5]}), net)
    impossible = augury.BayesianNetwork()
    impossible.add_variable("A", ["a0", "a1"])
    impossible.add_variable("B", ["b0", "b1"])
    impossible.set_cpt("A", [], [1.0, 0.0])
    impossible.set_cpt("B", ["A"], [[1.0, 0.0], [0.5, 0.5]])
    with pytest.raises(augury.ImpossibleEvidenceError, match=r"row 'r2': "):
        augury.query_frame(pd.DataFrame({"B": ["b0", "b1"]}, index=["r1", "r2"]), impossible)
    with pytest.raises(augury.ModelError, match="no variable 'X'"):
        augury.query_frame(pd.DataFrame({"W": ["wet"]}), net, ["X"])


# ---- forecasts and reports --------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> augury.Forecast:
    return augury.forecast()


def test_forecast_to_frame(shipped: augury.Forecast) -> None:
    frame = shipped.to_frame()
    array = shipped.scenario_array()
    assert isinstance(frame.index, pd.DatetimeIndex) and frame.index.name == "date"
    assert [d.strftime("%Y-%m-%d") for d in frame.index] == shipped.dates
    assert list(frame.columns) == shipped.scenario_states and frame.columns.name == "scenario"
    assert frame.to_numpy().tolist() == array[1:].tolist()
    with_prior = shipped.to_frame("cooperation", prior=True)
    assert list(with_prior.index) == ["prior", *shipped.dates]
    assert with_prior.to_numpy().tolist() == shipped.cooperation_array().tolist()
    assert with_prior.loc["prior"].to_dict() == shipped.prior_cooperation
    with pytest.raises(ValueError, match=r"unknown node 'war' \(nodes: scenario, cooperation\)"):
        shipped.to_frame("war")


def test_reports_round_trip_through_a_frame(shipped: augury.Forecast) -> None:
    batch = augury.shipped_timeline()
    frame = batch.to_frame()
    assert len(frame) == len(batch.reports)
    assert list(frame.columns) == [
        "date", "indicator", "state", "likelihood", "source", "grade", "summary", "url", "line"
    ]
    assert frame["date"].dtype.kind == "M"
    back = augury.reports_from_frame(frame.drop(columns="line"))
    assert back.rejected == []
    assert [r.line for r in back.reports] == list(range(1, len(frame) + 1))
    strip = lambda r: {k: v for k, v in vars(r).items() if k != "line"}  # noqa: E731
    assert [strip(r) for r in back.reports] == [strip(r) for r in batch.reports]
    again = augury.forecast(back)
    assert again.scenario_array().tolist() == augury.forecast(batch.reports).scenario_array().tolist()


def test_reports_from_frame_rejects_rows_with_reasons() -> None:
    model = augury.default_model()
    tempo = model.network.states("joint_exercise_tempo")
    frame = pd.DataFrame(
        {
            "date": ["2025-03-01", pd.Timestamp("2025-03-02"), "2025-02-30", "2025-03-04",
                     "2025-03-05", "2025-03-06"],
            "indicator": ["joint_exercise_tempo"] * 4 + ["no_such_node", "joint_exercise_tempo"],
            "state": [tempo[0], None, tempo[0], tempo[1], tempo[0], "sideways"],
            "likelihood": [None, {s: 1.0 + i for i, s in enumerate(tempo)}, None,
                           [0.5] * len(tempo), None, None],
            "grade": ["A2", "B3", "A2", "", "C3", "A1"],
        }
    )
    batch = augury.reports_from_frame(frame, model)
    assert [r.line for r in batch.reports] == [1, 2]
    assert batch.reports[1].date == "2025-03-02"
    assert batch.reports[1].likelihood == tuple(1.0 + i for i in range(len(tempo)))
    reasons = {row.line: row.reason for row in batch.rejected}
    assert sorted(reasons) == [3, 4, 5, 6], "every row is a report or a rejected row"
    assert "date '2025-02-30' is not a valid calendar date" in reasons[3]
    assert "must give either a state or a likelihood vector, not both" in reasons[4]
    assert "unknown indicator 'no_such_node'" in reasons[5]
    assert f"has no state 'sideways' (states: {', '.join(tempo)})" in reasons[6]
    with pytest.raises(ValueError, match=r"unknown column 'Grade' \(columns: date, indicator"):
        augury.reports_from_frame(frame.rename(columns={"grade": "Grade"}), model)
    with pytest.raises(ValueError, match=r"no 'date' column"):
        augury.reports_from_frame(frame.drop(columns="date"), model)


def test_missing_pandas_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(ImportError, match=r"needs the 'pandas' package.*pip install 'augury\[pandas\]'"):
        augury.posteriors_frame({"A": {"a": 1.0}})


def test_probabilities_stay_finite(net: augury.BayesianNetwork) -> None:
    frame = augury.JunctionTree(net).posteriors_frame()
    assert all(math.isfinite(p) and 0.0 <= p <= 1.0 for p in frame["probability"])
