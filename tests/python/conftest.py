"""Shared fixtures of the Python tests.

Reference material lives beside the repository in ``../shared`` (networks, reference
posteriors, field-fault cases); tests that need it skip when it is absent. The ``augury``
program is looked up on PATH, then in ``build/`` of the repository.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import List

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
BIF_DIR = SHARED / "data" / "networks" / "bif"
REFERENCE_DIR = SHARED / "data" / "reference"


def reference_networks() -> List[str]:
    """Names of the BIF networks that have a reference file (empty without ../shared)."""
    if not REFERENCE_DIR.is_dir() or not BIF_DIR.is_dir():
        return []
    return sorted(
        p.stem for p in REFERENCE_DIR.glob("*.json") if (BIF_DIR / f"{p.stem}.bif").is_file()
    )


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"reference material not found at {SHARED}")
    return SHARED


def find_program() -> str | None:
    found = shutil.which("augury")
    if found:
        return found
    local = REPO / "build" / "augury"
    return str(local) if local.is_file() else None


@pytest.fixture(scope="session")
def augury_program() -> str:
    program = find_program()
    if program is None:
        pytest.skip(
            "the augury program is neither on PATH nor at build/augury: install the package "
            "(python3 -m pip install .) or build the CMake project"
        )
    return program


def run_program(program: str, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Runs the augury program and returns the finished process (text output)."""
    return subprocess.run(
        [program, *args], capture_output=True, text=True, timeout=timeout, check=False
    )
