"""What the law tests share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from docgen.law import LAW_FILE, LawBook, load_book


def book_with(tmp_path: Path, change: Callable[[dict], None]) -> LawBook:
    """The shipped law file with ``change`` made to its data, loaded (and checked) from a copy."""
    data = yaml.safe_load(LAW_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "law.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return load_book(path)
