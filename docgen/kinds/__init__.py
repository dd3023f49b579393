"""The registry of document kinds: each shipped kind is one package in this folder.

A kind named ``warning-letter`` is the package ``docgen.kinds.warning_letter`` holding
``SPEC`` (its title, abbreviation, audience, order states, needs and place in a pack), its
template ``template.xml.j2``, a ``Context`` dataclass naming every value it adds to the
template with its meaning, and ``context(case, event, options) -> Context``, which checks
that the case holds what the document needs (naming the field when it does not) and
derives those values, so templates only lay out and word; they never decide. The registry
finds kinds by looking in this folder, never from a list. A force's own template of a kind
that is not shipped has no package and gets no extra context.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from ..case import Case, Event
from .spec import KindContext, KindSpec

TEMPLATE = "template.xml.j2"  # a kind's template, in its package


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


def kind_template(kind: str) -> Path | None:
    """The shipped template of a kind (``<package>/template.xml.j2``), or None."""
    if spec_for(kind) is None:
        return None
    module = kind_module(kind)
    path = Path(module.__file__).parent / TEMPLATE if module is not None and module.__file__ else None
    return path if path is not None and path.is_file() else None


def context_type(kind: str) -> type[KindContext] | None:
    """A kind's ``Context`` dataclass: the names (and meanings) its template gets."""
    module = kind_module(kind) if not kind.startswith("_") and kind != "spec" else None
    found = getattr(module, "Context", None)
    return found if isinstance(found, type) and issubclass(found, KindContext) else None


def extra_context(kind: str, case: Case, event: Event | None, options: Any) -> dict[str, Any]:
    """The template variables a kind adds: its ``Context``'s fields, by name."""
    module = kind_module(kind)
    if module is None or not hasattr(module, "context"):
        return {}
    built = module.context(case, event, options)
    if not isinstance(built, KindContext):
        raise TypeError(f"docgen.kinds.{kind.replace('-', '_')}.context() must return its Context, not {type(built).__name__}")
    return built.variables()
