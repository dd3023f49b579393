"""A force's own template tests use docgen's kit: fixtures and readable snapshots."""

from pathlib import Path

import pytest

pytest_plugins = ["docgen.testing"]

HERE = Path(__file__).resolve().parent


@pytest.fixture
def docgen_templates() -> Path:
    """Every render in these tests uses this folder's templates before the shipped ones."""
    return HERE / "templates"
