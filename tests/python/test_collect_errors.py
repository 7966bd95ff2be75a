"""Reading with all_errors=True: every problem of a malformed file in one ParseErrors, each
with its own line, column and message, exactly as the first-error mode words it."""

from __future__ import annotations

from pathlib import Path

import pytest

import augury

# Three independent faults: a row with three values for two states (line 6), a row label
# naming a state 'maybe' that A lacks (line 7), a distribution summing to 0.9 (line 10).
FAULTY = """network n { }
variable A { type discrete [ 2 ] { yes, no }; }
variable B { type discrete [ 2 ] { on, off }; }
probability ( A ) { table 0.5, 0.5; }
probability ( B | A ) {
  (yes) 0.1, 0.2, 0.7;
  (maybe) 0.5, 0.5;
}
variable C { type discrete [ 2 ] { c0, c1 }; }
probability ( C ) { table 0.4, 0.5; }
"""


def first_error(text: str) -> augury.ParseError:
    with pytest.raises(augury.ParseError) as info:
        augury.parse_bif(text, source_name="faulty.bif")
    assert not isinstance(info.value, augury.ParseErrors)
    return info.value


def test_every_problem_is_listed_in_file_order() -> None:
    with pytest.raises(augury.ParseErrors) as info:
        augury.parse_bif(FAULTY, source_name="faulty.bif", all_errors=True)
    e = info.value
    assert isinstance(e, augury.ParseError)
    assert e.total == len(e.errors) >= 3
    lines = [one.line for one in e.errors]
    assert lines == sorted(lines)
    assert 6 in lines and 7 in lines and 10 in lines
    assert all(one.source == "faulty.bif" and one.column is not None for one in e.errors)
    # Located at the first problem; the message lists every one.
    assert (e.line, e.column) == (e.errors[0].line, e.errors[0].column)
    assert str(e).startswith(f"faulty.bif: {e.total} errors")
    for one in e.errors:
        assert str(one) in str(e)
    # The first problem is worded as the first-error mode words it.
    assert str(e.errors[0]) == str(first_error(FAULTY))
    messages = "\n".join(one.detail or "" for one in e.errors)
    assert "maybe" in messages and "yes, no" in messages
    assert "sums to 0.9" in messages


def test_a_clean_file_reads_the_same_in_both_modes(tmp_path: Path) -> None:
    clean = FAULTY.replace("  (yes) 0.1, 0.2, 0.7;\n  (maybe) 0.5, 0.5;\n", "  (yes) 0.1, 0.9;\n  (no) 0.5, 0.5;\n")
    clean = clean.replace("table 0.4, 0.5;", "table 0.4, 0.6;")
    path = tmp_path / "clean.bif"
    path.write_text(clean)
    assert augury.read_model(path, all_errors=True) == augury.read_model(path)
    assert augury.read_bif(path, all_errors=True) == augury.parse_bif(clean)


def test_json_models_collect_too() -> None:
    net = augury.parse_bif(FAULTY.replace("  (yes) 0.1, 0.2, 0.7;\n  (maybe) 0.5, 0.5;\n",
                                          "  (yes) 0.1, 0.9;\n  (no) 0.5, 0.5;\n").replace("0.4, 0.5", "0.4, 0.6"))
    text = augury.to_json(net).replace("0.9", "0.8").replace("0.6", "0.7")
    with pytest.raises(augury.ParseErrors) as info:
        augury.parse_json(text, all_errors=True)
    assert info.value.total == 2
