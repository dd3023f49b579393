"""Per-kind context: the facts a document kind needs beyond the case itself.

A kind named ``warning-letter`` may have a module ``docgen.kinds.warning_letter`` with a
function ``context(case, event, options) -> dict``. It checks that the case holds what
the document needs (naming the field when it does not) and derives values, so templates
only lay out and word; they never decide. Kinds without a module get no extra context.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from ..case import Case, Event


def kind_module(kind: str) -> ModuleType | None:
    """The module for a document kind, or None when the kind has none."""
    module_name = f"{__name__}.{kind.replace('-', '_')}"
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        return None


def extra_context(kind: str, case: Case, event: Event | None, options: Any) -> dict[str, Any]:
    module = kind_module(kind)
    return module.context(case, event, options) if module is not None else {}
