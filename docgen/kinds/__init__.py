"""Per-kind context: the facts a document kind needs beyond the case itself.

A kind named ``warning-letter`` may have a module ``docgen.kinds.warning_letter`` with a
function ``context(case, event, options) -> dict``. It checks that the case holds what
the document needs (naming the field when it does not) and derives values, so templates
only lay out and word; they never decide. Kinds without a module get no extra context.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from types import ModuleType
from typing import Any

from ..case import Case, Event
from .spec import KindSpec


def _spec_modules() -> dict[str, ModuleType]:
    """Every module in this package that declares ``SPEC``, by kind name (sorted)."""
    found: dict[str, ModuleType] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name == "spec":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if isinstance(getattr(module, "SPEC", None), KindSpec):
            found[info.name.replace("_", "-")] = module
    return found


@lru_cache(maxsize=1)
def specs() -> dict[str, KindSpec]:
    """Every shipped kind's declaration, found by looking, not from a list kept by hand."""
    return {name: module.SPEC for name, module in _spec_modules().items()}


def spec_for(kind: str) -> KindSpec | None:
    """A kind's declaration, or None for a kind with no module (a force's own template).

    Imports only that kind's module, so one render does not load every kind.
    """
    if kind.startswith("_") or kind == "spec":
        return None
    module = kind_module(kind)
    spec = getattr(module, "SPEC", None) if module is not None else None
    return spec if isinstance(spec, KindSpec) else None


def pack_rank(kind: str) -> tuple[int, str]:
    """Where a document kind sorts in a pack or bundle: its SPEC's pack_position, then by name.

    The transfer letter's list of enclosures and the packs and bundles themselves all sort
    by this, so the letter and the pack it encloses agree. Kinds without a SPEC go last.
    """
    spec = spec_for(kind)
    return (spec.pack_position if spec is not None else 10_000, kind)


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
