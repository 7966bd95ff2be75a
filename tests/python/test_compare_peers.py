"""Smoke test of benchmarks/compare_peers.py on a four-variable network: every engine that
is installed runs, and the posteriors agree with augury's."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

import augury

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "benchmarks" / "compare_peers.py"

SPRINKLER = """network sprinkler {
}
variable cloudy {
  type discrete [ 2 ] { yes, no };
}
variable sprinkler {
  type discrete [ 2 ] { on, off };
}
variable rain {
  type discrete [ 2 ] { yes, no };
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
  (yes) 0.8, 0.2;
  (no) 0.2, 0.8;
}
probability ( wet | sprinkler, rain ) {
  (on, yes) 0.99, 0.01;
  (on, no) 0.9, 0.1;
  (off, yes) 0.9, 0.1;
  (off, no) 0.0, 1.0;
}
"""


def test_compare_peers_smoke(tmp_path: Path) -> None:
    if not SCRIPT.is_file():
        pytest.skip("benchmarks/compare_peers.py is not in this tree")
    engines = ["augury"]
    if importlib.util.find_spec("pyagrum") is not None:
        engines.append("pyagrum")
    if importlib.util.find_spec("pgmpy") is not None:
        engines.append("pgmpy-ve")
    bif = tmp_path / "sprinkler.bif"
    bif.write_text(SPRINKLER)
    out = tmp_path / "result.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--networks", "", "--network-file", str(bif),
         "--engines", ",".join(engines), "--budget", "0.2", "--pgmpy-budget", "0.5",
         "--max-steps", "20", "--json", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "Median time per step" in done.stdout
    result = json.loads(out.read_text())["results"]["sprinkler"]
    assert result["variables"] == 4
    # Three findings (one fewer than the variables), one target, a walk of several sets.
    assert result["targets"] == 1
    assert result["walk"] > 1
    for engine in engines:
        r = result["engines"][engine]
        assert r["status"] == "ok", (engine, r)
        assert 1 <= len(r["cpu"]) <= 20
        assert all(t >= 0.0 for t in r["wall"])
    # augury's answers at the first walk positions, against brute-force enumeration.
    net = augury.read_bif(str(bif))
    enum = augury.Enumeration(net)
    checks = result["engines"]["augury"]["checks"]
    sequence = result["evidence_sets"]
    for position, posteriors in checks.items():
        k = int(position) % max(1, 2 * len(sequence) - 2)  # the walk goes forward, then back
        evidence = sequence[k if k < len(sequence) else 2 * len(sequence) - 2 - k]
        for target, p in zip(result["target_names"], posteriors):
            expected = enum.posterior_array(target, evidence)
            assert p == pytest.approx(list(expected), abs=1e-12)
    for engine in engines[1:]:
        assert not result["agreement"][engine].startswith("DIFFERS"), (engine, result["agreement"][engine])
