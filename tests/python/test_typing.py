"""The package type-checks: ``mypy --strict`` on python/augury, and the stubs of the
extension (python/augury/_core.pyi) agree with the compiled module (``mypy.stubtest``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "python" / "augury"
ALLOWLIST = Path(__file__).with_name("stubtest_allowlist.txt")

pytest.importorskip("mypy", reason="mypy is needed (pip install 'augury[test]')")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, cwd=REPO, env=env,
        timeout=600, check=False,
    )


def test_py_typed_and_stubs_are_shipped() -> None:
    assert (PACKAGE / "py.typed").is_file()
    assert (PACKAGE / "_core.pyi").is_file()
    import augury

    installed = Path(augury.__file__).parent
    assert (installed / "py.typed").is_file() and (installed / "_core.pyi").is_file()


def test_mypy_strict() -> None:
    done = run("mypy", "--strict", "--no-error-summary", str(PACKAGE))
    assert done.returncode == 0, done.stdout + done.stderr


def test_stubs_match_the_extension(tmp_path: Path) -> None:
    import augury._core

    # The stubs come from the source tree (MYPYPATH), the runtime from the installed package,
    # so a stub edited without rebuilding is still checked against the real extension.
    env = {
        **os.environ,
        "MYPYPATH": str(REPO / "python"),
        "MYPY_CACHE_DIR": str(REPO / ".mypy_cache" / "stubtest"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "augury._core", "--allowlist", str(ALLOWLIST)],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600, check=False,
    )
    assert done.returncode == 0, (
        f"stubtest of {augury._core.__file__} against python/augury/_core.pyi:\n"
        + done.stdout + done.stderr
    )
