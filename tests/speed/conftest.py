"""Fixtures shared by the speed tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A per-user cache of the test's own, switched on whatever the environment says."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(folder))
    monkeypatch.delenv("DOCGEN_CACHE", raising=False)
    return folder
