"""A register in a temporary folder, with copies of the sample cases beside it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLES


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding cases/ (sample copies) and house-style/, with no register yet."""
    shutil.copytree(SAMPLES / "cases", tmp_path / "cases", ignore=shutil.ignore_patterns("*.db"))
    shutil.copytree(SAMPLES / "house-style", tmp_path / "house-style")
    monkeypatch.delenv("DOCGEN_REGISTER", raising=False)
    monkeypatch.setenv("DOCGEN_USER", "Officer Example")
    return tmp_path


@pytest.fixture
def drugs(workspace: Path) -> Path:
    return workspace / "cases" / "specimen-drugs.yaml"
