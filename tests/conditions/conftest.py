"""Fixtures for the conditions library and linter tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docgen.conditions import LIBRARY_ROOT, Library, shipped_library


@pytest.fixture
def library() -> Library:
    return shipped_library()


@pytest.fixture
def library_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped library that a test may change."""
    target = tmp_path / "library"
    shutil.copytree(LIBRARY_ROOT, target)
    return target
