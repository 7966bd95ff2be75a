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


def test_every_public_name_is_documented() -> None:
    import inspect

    import augury

    missing = []
    for name in augury.__all__:
        if name == "__version__":
            continue
        obj = getattr(augury, name)
        if not (obj.__doc__ or "").strip():
            missing.append(name)
        if inspect.isclass(obj) and not issubclass(obj, BaseException):
            for attr, member in vars(obj).items():
                if attr.startswith("_"):
                    continue
                doc = getattr(member, "__doc__", None)
                if callable(member) or isinstance(member, property):
                    if not (doc or "").strip():
                        missing.append(f"{name}.{attr}")
    assert missing == []
