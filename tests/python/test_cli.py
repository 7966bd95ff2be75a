"""The augury program: forecast and query output, and errors on bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import augury
from conftest import run_program

SCENARIOS = ["bipolar_confrontation", "us_russia_detente", "us_china_cooperation", "multipolar_balancing"]

TOY = """network toy { }
variable A { type discrete [ 2 ] { a0, a1 }; }
variable B { type discrete [ 2 ] { b0, b1 }; }
variable C { type discrete [ 2 ] { c0, c1 }; }
probability ( A ) { table 0.5, 0.5; }
probability ( B | A ) { (a0) 1.0, 0.0; (a1) 0.3, 0.7; }
probability ( C | B ) { (b0) 1.0, 0.0; (b1) 0.2, 0.8; }
"""


@pytest.fixture
def toy_file(tmp_path: Path) -> Path:
    path = tmp_path / "toy.bif"
    path.write_text(TOY, encoding="utf-8")
    return path


def test_forecast_prints_the_four_scenarios(augury_program: str) -> None:
    done = run_program(augury_program, "forecast")
    assert done.returncode == 0, done.stderr
    f = augury.forecast()
    for name in SCENARIOS:
        row = re.search(rf"^{name}\s+(\d+\.\d)%\s+(\d+\.\d)%\s+([+-]\d+\.\d)$", done.stdout, re.M)
        assert row, f"no row for {name} in:\n{done.stdout}"
        prior, final = float(row.group(1)), float(row.group(2))
        assert prior == pytest.approx(100 * f.prior_scenario[name], abs=0.05)
        assert final == pytest.approx(100 * f.final_scenario[name], abs=0.05)
    assert f"{len(f.rejected)} rejected" in done.stdout
    assert done.stderr == ""


def test_query_text_output(augury_program: str, toy_file: Path) -> None:
    done = run_program(augury_program, "query", str(toy_file), "--evidence", "C=c1")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "evidence: C=c1" in out
    # P(C=c1) = 0.5 * 0.7 * 0.8 = 0.28; P(A=a1 | C=c1) = 1.
    pe = re.search(r"log10 P\(evidence\) = (-?\d+\.\d+)", out)
    assert pe and float(pe.group(1)) == pytest.approx(-0.552842, abs=1e-6)
    assert re.search(r"^A\s+a0\s+0\.000000", out, re.M)
    assert re.search(r"^\s+a1\s+1\.000000", out, re.M)
    r = augury.query(augury.read_bif(toy_file), {"C": "c1"})
    b1 = re.search(r"^\s+b1\s+(\d\.\d+)", out, re.M)
    assert b1 and float(b1.group(1)) == pytest.approx(r["posteriors"]["B"]["b1"], abs=1e-6)


def test_query_json_equals_python(augury_program: str, toy_file: Path) -> None:
    import json

    done = run_program(
        augury_program, "query", str(toy_file), "--likelihood", "B=0.4,0.6", "--format", "json",
        "--engine", "ve",
    )
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    r = augury.query(augury.read_bif(toy_file), likelihood={"B": [0.4, 0.6]}, engine="ve")
    assert got["log10_evidence_probability"] == pytest.approx(r["log10_evidence_probability"], abs=1e-15)
    for v, dist in r["posteriors"].items():
        assert got["posteriors"][v] == pytest.approx(dist, abs=1e-15)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--evidence", "Z=z0"], r"unknown variable 'Z' \(variables: A, B, C\)"),
        (["--evidence", "A=a7"], r"no state 'a7' \(states: a0, a1\)"),
        (["--evidence", "A=a0,C=c1"], r"probability zero: A=a0, C=c1"),
        (["--likelihood", "B=0,0"], r"'B'.*zero for every state"),
        (["--target", "Q"], r"no variable 'Q'"),
    ],
)
def test_bad_query_input_fails_with_a_message(
    augury_program: str, toy_file: Path, args: list[str], message: str
) -> None:
    done = run_program(augury_program, "query", str(toy_file), *args)
    assert done.returncode != 0
    assert re.search(message, done.stderr), done.stderr
    assert "nan" not in done.stdout.lower()


def test_bad_files_fail_with_a_message(augury_program: str, tmp_path: Path) -> None:
    done = run_program(augury_program, "query", str(tmp_path / "missing.bif"))
    assert done.returncode != 0 and "missing.bif" in done.stderr
    bad = tmp_path / "bad.bif"
    bad.write_text(TOY.replace("0.5, 0.5", "0.5, 0.6"), encoding="utf-8")
    done = run_program(augury_program, "query", str(bad))
    assert done.returncode != 0 and re.search(r"bad\.bif:5:\d+: .*sums to 1\.1", done.stderr)
    done = run_program(augury_program, "forecast", "--reports", str(tmp_path / "none.csv"))
    assert done.returncode != 0 and "none.csv" in done.stderr
