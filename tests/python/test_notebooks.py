"""The example notebooks (examples/notebooks/) execute without error in a fresh kernel, and
the example scripts (examples/python/) run."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path
from typing import List

import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO / "examples" / "notebooks").glob("*.ipynb"))
SCRIPTS = sorted((REPO / "examples" / "python").glob("*.py"))


def outputs_text(nb: object) -> List[str]:
    texts = []
    for cell in nb.cells:  # type: ignore[attr-defined]
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                texts.append(out.get("text", ""))
            for key in ("text/plain", "text/html", "image/svg+xml"):
                if key in out.get("data", {}):
                    texts.append(out["data"][key])
    return texts


def test_the_notebooks_are_there() -> None:
    names = {p.name for p in NOTEBOOKS}
    assert {"forecasting_walkthrough.ipynb", "bayesian_network_tutorial.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path, tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat", reason="nbformat is needed (pip install 'augury[test]')")
    nbclient = pytest.importorskip("nbclient", reason="nbclient is needed (pip install 'augury[test]')")
    pytest.importorskip("ipykernel", reason="ipykernel is needed (pip install 'augury[test]')")
    pytest.importorskip("matplotlib", reason="matplotlib is needed (pip install 'augury[plot]')")
    pytest.importorskip("pandas", reason="pandas is needed (pip install 'augury[pandas]')")
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        assert not cell.get("outputs"), f"{path.name} is stored with outputs: clear them"
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}},
    )
    with warnings.catch_warnings():
        # Kernel start-up under pytest's warnings-as-errors: jupyter_client's own chatter.
        warnings.simplefilter("ignore", DeprecationWarning)
        client.execute()
    errors = [
        out for cell in nb.cells for out in cell.get("outputs", []) if out.get("output_type") == "error"
    ]
    assert errors == []
    texts = "\n".join(outputs_text(nb))
    if path.stem == "forecasting_walkthrough":
        assert "bipolar_confrontation" in texts and "<svg" in texts
    else:
        assert "P(dysp | bronc, either)" in texts and "<svg" in texts


@pytest.mark.parametrize("path", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_example_script_runs(path: Path, tmp_path: Path) -> None:
    env = {**os.environ, "MPLBACKEND": "Agg"}
    done = subprocess.run(
        [sys.executable, str(path)], cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=300, check=False,
    )
    if done.returncode == 3:  # the script's way to say an optional package is missing
        pytest.skip(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else path.name)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip(), "the example prints what it shows"
