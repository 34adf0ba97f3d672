"""Replay every kept fuzz input (tests/fuzz/crashers/): each once broke something, none may again."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "fuzz"))

import targets  # noqa: E402

CRASHERS = sorted((Path(__file__).parent / "crashers").glob("*"))


@pytest.mark.parametrize("path", [p for p in CRASHERS if p.name != "README.md"], ids=lambda p: p.name)
def test_kept_input_runs_clean(path):
    targets.one_input(path.read_bytes())
