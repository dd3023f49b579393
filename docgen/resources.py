"""Where the shipped templates, clause library and samples live.

In a source checkout (and an editable install) they sit at the top of the repository; in
a built wheel they are copied into the package under ``_shipped``. Everything that needs
one of these folders asks here, so the two layouts never leak into other modules.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped(name: str) -> Path:
    """The shipped folder ``name`` (``templates``, ``conditions_library`` or ``samples``)."""
    for candidate in (_PACKAGE / "_shipped" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the shipped '{name}' folder is missing from this installation")


def templates_dir() -> Path:
    return shipped("templates")


def conditions_dir() -> Path:
    return shipped("conditions_library")


def samples_dir() -> Path:
    return shipped("samples")
