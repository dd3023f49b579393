"""What the law tests share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docgen.law import LAW_FILE, LawBook, load_book
from tests.conftest import dump_yaml, load_yaml


def book_with(tmp_path: Path, change: Callable[[dict], None]) -> LawBook:
    """The shipped law file with ``change`` made to its data, loaded (and checked) from a copy."""
    data = load_yaml(LAW_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "law.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    return load_book(path)
