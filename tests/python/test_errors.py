"""Errors arrive as augury's Python classes, with messages that name the entity and list
the valid choices."""

from __future__ import annotations

from pathlib import Path

import pytest

import augury

TOY_BIF = """network toy { }
variable Rain { type discrete [ 2 ] { yes, no }; }
variable Sprinkler { type discrete [ 2 ] { on, off }; }
variable Wet { type discrete [ 2 ] { wet, dry }; }
probability ( Rain ) { table 0.2, 0.8; }
probability ( Sprinkler | Rain ) { (yes) 0.01, 0.99; (no) 0.4, 0.6; }
probability ( Wet | Rain, Sprinkler ) {
  (yes, on) 0.99, 0.01;
  (yes, off) 0.8, 0.2;
  (no, on) 0.9, 0.1;
  (no, off) 0.0, 1.0;
}
"""


@pytest.fixture
def toy() -> augury.BayesianNetwork:
    return augury.parse_bif(TOY_BIF)


def test_hierarchy() -> None:
    assert issubclass(augury.Error, Exception)
    for cls in (
        augury.ModelError,
        augury.EvidenceError,
        augury.ParseError,
        augury.InferenceError,
        augury.ReportError,
    ):
        assert issubclass(cls, augury.Error) and cls is not augury.Error
    assert issubclass(augury.ImpossibleEvidenceError, augury.EvidenceError)
    assert augury.Error.__module__ == "augury"
    assert augury.ImpossibleEvidenceError.__name__ == "ImpossibleEvidenceError"


def test_unknown_variable_lists_the_variables(toy: augury.BayesianNetwork) -> None:
    listed = r"\(variables: Rain, Sprinkler, Wet\)"
    with pytest.raises(augury.ModelError, match=r"no variable 'Snow'.*" + listed):
        toy.states("Snow")
    tree = augury.JunctionTree(toy)
    with pytest.raises(augury.ModelError, match=r"'Snow'.*" + listed):
        tree.posterior("Snow")
    with pytest.raises(augury.EvidenceError, match=r"unknown variable 'Snow'.*" + listed):
        tree.set_hard("Snow", "yes")
    with pytest.raises(augury.EvidenceError, match=r"unknown variable 'Snow'.*" + listed):
        tree.set_evidence(likelihood={"Snow": {"yes": 1.0}})
    with pytest.raises(augury.EvidenceError, match=r"'Snow'.*" + listed):
        augury.query(toy, {"Snow": "yes"}, engine="ve")
    with pytest.raises(augury.ModelError, match=r"'Snow'.*" + listed):
        augury.query(toy, targets=["Snow"])


def test_unknown_state_lists_the_states(toy: augury.BayesianNetwork) -> None:
    tree = augury.JunctionTree(toy)
    with pytest.raises(augury.EvidenceError, match=r"'Rain'.*no state 'maybe' \(states: yes, no\)"):
        tree.set_hard("Rain", "maybe")
    with pytest.raises(augury.EvidenceError, match=r"no state 'maybe' \(states: yes, no\)"):
        augury.VariableElimination(toy).posterior("Wet", {"Rain": "maybe"})
    with pytest.raises(augury.EvidenceError, match=r"no state 'maybe' \(states: yes, no\)"):
        tree.set_likelihood("Rain", {"yes": 1.0, "maybe": 0.5})
    with pytest.raises(augury.EvidenceError, match=r"no value for state 'no'"):
        tree.set_likelihood("Rain", {"yes": 1.0})


def test_bad_likelihood_vectors(toy: augury.BayesianNetwork) -> None:
    tree = augury.JunctionTree(toy)
    with pytest.raises(augury.EvidenceError, match=r"has 3 entries; 'Rain' has 2 states \(yes, no\)"):
        tree.set_likelihood("Rain", [0.1, 0.2, 0.3])
    with pytest.raises(augury.EvidenceError, match=r"one number per state"):
        tree.set_likelihood("Rain", [[0.1, 0.2]])
    with pytest.raises(augury.EvidenceError, match="more than one finding"):
        tree.set_evidence({"Rain": "yes"}, {"Rain": [0.5, 0.5]})
    with pytest.raises(augury.EvidenceError, match=r"entry nan"):
        tree.set_likelihood("Rain", [float("nan"), 1.0])


def test_parse_error_has_source_line_and_column() -> None:
    text = TOY_BIF.replace("(no, on) 0.9, 0.1;", "(no, sometimes) 0.9, 0.1;")
    with pytest.raises(augury.ParseError) as info:
        augury.parse_bif(text, source_name="toy.bif")
    e = info.value
    assert e.source == "toy.bif"
    assert e.line == 10
    assert isinstance(e.column, int) and e.column > 0
    assert "sometimes" in str(e) and "on, off" in str(e)
    assert str(e).startswith(f"toy.bif:10:{e.column}: ")
    assert e.detail is not None and e.detail in str(e)


def test_parse_error_from_a_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.bif"
    path.write_text(TOY_BIF.replace("table 0.2, 0.8;", "table 0.2, 0.9;"), encoding="utf-8")
    with pytest.raises(augury.ParseError, match=r"sums to 1\.1") as info:
        augury.read_bif(path)
    assert info.value.source == str(path) and info.value.line == 5


def test_missing_file_and_unknown_extension(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.bif"
    with pytest.raises(augury.Error, match="nowhere.bif"):
        augury.read_bif(missing)
    with pytest.raises(augury.Error, match=r"model\.xyz.*supported: \.bif, \.json"):
        augury.read_model(tmp_path / "model.xyz")


def test_model_errors_name_the_variable_and_configuration() -> None:
    net = augury.parse_bif(TOY_BIF)
    with pytest.raises(augury.ModelError, match=r"CPT of 'Wet' given Rain=no, Sprinkler=on sums to 1\.1"):
        net.set_cpt("Wet", ["Rain", "Sprinkler"], [[[0.99, 0.01], [0.8, 0.2]], [[0.9, 0.2], [0, 1]]])
    with pytest.raises(augury.ModelError, match=r"shape \(4, 2\), expected \(2, 2, 2\).*Rain\[2\] x Sprinkler\[2\] x Wet\[2\]"):
        net.set_cpt("Wet", ["Rain", "Sprinkler"], [[0.99, 0.01], [0.8, 0.2], [0.9, 0.1], [0, 1]])
    with pytest.raises(augury.ModelError, match=r"'Wet'.*not a rectangular array"):
        net.set_cpt("Wet", ["Rain"], [[0.5, 0.5], [1.0]])
    with pytest.raises(augury.ModelError, match="cycle"):
        net.set_cpt("Rain", ["Wet"], [[0.5, 0.5], [0.5, 0.5]])
    with pytest.raises(augury.ModelError, match="declared twice"):
        net.add_variable("Rain", ["a", "b"])
    with pytest.raises(augury.ModelError, match=r"declares state 'a' twice"):
        net.add_variable("Hail", ["a", "a"])
    assert net == augury.parse_bif(TOY_BIF), "failed calls leave the network unchanged"


def test_inference_error_for_variables_in_no_common_clique() -> None:
    net = augury.parse_bif(TOY_BIF)
    net.add_variable("Far", ["f0", "f1"])
    net.set_cpt("Far", ["Wet"], [[0.5, 0.5], [0.1, 0.9]])
    tree = augury.JunctionTree(net)
    with pytest.raises(augury.InferenceError, match=r"Rain, Far"):
        tree.joint_posterior(["Rain", "Far"])
    joint = augury.VariableElimination(net).joint_posterior(["Rain", "Far"])
    assert joint.shape == (2, 2) and joint.sum() == pytest.approx(1.0)


def test_network_without_tables_cannot_be_compiled() -> None:
    net = augury.BayesianNetwork("incomplete")
    net.add_variable("A", ["a0", "a1"])
    net.add_variable("B", ["b0", "b1"])
    net.set_cpt("A", [], [0.5, 0.5])
    with pytest.raises(augury.ModelError, match="without a probability table: B"):
        augury.JunctionTree(net)
    with pytest.raises(augury.ModelError, match="'B' has no probability table"):
        net.cpt("B")


def test_report_errors_name_the_report() -> None:
    bad = augury.Report(date="2024-02-30", indicator="nonsense", state="x", line=7)
    with pytest.raises(augury.ReportError, match=r"2024-02-30"):
        augury.forecast([bad])
    unknown = augury.Report(date="2024-03-01", indicator="no_such_indicator", state="x", line=7)
    with pytest.raises(augury.ReportError, match=r"unknown indicator 'no_such_indicator'.*line 7"):
        augury.forecast([unknown])
    with pytest.raises(augury.ReportError, match="not an Admiralty grade"):
        augury.GradingTable().fidelity("Z9")


def test_bad_engine_name() -> None:
    with pytest.raises(ValueError, match=r"unknown engine 'bp'.*jt"):
        augury.query(augury.parse_bif(TOY_BIF), engine="bp")
