"""Fixtures for the conditions library and linter tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docgen.conditions import LIBRARY_ROOT, Library, shipped_library
from tests.conditions import builders


@pytest.fixture
def library() -> Library:
    return shipped_library()


@pytest.fixture
def library_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped library that a test may change."""
    target = tmp_path / "library"
    shutil.copytree(LIBRARY_ROOT, target)
    return target


@pytest.fixture
def bare_library(tmp_path: Path) -> Path:
    """A library folder with the shipped schedules (definitions, categories) and no clause,
    for a test that seeds its own clause and lints only that (builders.lint_clause): loading
    and checking forty clauses it never looks at would cost a quarter of a second a test."""
    return builders.bare_library(tmp_path / "bare-library")
