"""The Python examples in docs/python.md run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "python.md"


def test_guide_examples_run(capsys: pytest.CaptureFixture[str]) -> None:
    if not GUIDE.is_file():
        pytest.skip("docs/python.md not present")
    blocks = re.findall(r"```python\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 2
    namespace: dict[str, object] = {}
    for block in blocks:  # later blocks use names from earlier ones, as a reader would
        exec(compile(block, str(GUIDE), "exec"), namespace)
    out = capsys.readouterr().out
    assert "<BayesianNetwork 'sprinkler': 4 variables" in out
    assert "bipolar_confrontation" in out and "RejectedRow" in out
