"""docgen: drafts, issues and bundles the documents around Serious Crime Prevention Orders.

The command line (``docgen``) is a thin shell over this package; a force's own systems
can call the same functions from Python. The names in ``__all__`` are the public API
(see docs/library.md); anything else may change between versions.

The names are imported on first use, not with the package: ``import docgen`` stays cheap,
so ``docgen --help`` does not pay for the PDF writer or the clause library. Rendering is
``render_document`` (not ``render``, which is the template step's module, as ``kinds`` is
the package of document kinds).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> (module, attribute)
_API: dict[str, tuple[str, str]] = {
    # cases and house styles
    "load_case": ("docgen.case", "load_case"),
    "load_inputs": ("docgen.pipeline", "load_inputs"),
    "Case": ("docgen.case", "Case"),
    # rendering one document, or a cohort
    "render_document": ("docgen.pipeline", "render"),
    "render_to_files": ("docgen.pipeline", "render_to_files"),
    "render_dated": ("docgen.demo", "render_dated"),
    "render_cohort": ("docgen.bulk", "render_cohort"),
    "Options": ("docgen.render", "Options"),
    "Rendered": ("docgen.pipeline", "Rendered"),
    "document_kinds": ("docgen.render", "kinds"),
    # issuing: a reference from the register, the files written, the row recorded
    "issue": ("docgen.issuing", "issue"),
    # bundles
    "load_spec": ("docgen.bundle", "load_spec"),
    "build_bundle": ("docgen.bundle", "build_bundle"),
    "verify_bundle": ("docgen.bundle", "verify_bundle"),
    # the conditions library
    "Library": ("docgen.conditions", "Library"),
    "load_library": ("docgen.conditions", "load_library"),
    "shipped_library": ("docgen.conditions", "shipped_library"),
    # errors
    "DocgenError": ("docgen.errors", "DocgenError"),
    "Problem": ("docgen.errors", "Problem"),
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _API[name]
    except KeyError:
        raise AttributeError(f"module 'docgen' has no attribute {name!r}") from None
    value = getattr(import_module(module), attribute)
    globals()[name] = value  # once found, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from .bulk import render_cohort
    from .bundle import build_bundle, load_spec, verify_bundle
    from .case import Case, load_case
    from .conditions import Library, load_library, shipped_library
    from .demo import render_dated
    from .errors import DocgenError, Problem
    from .pipeline import Rendered, load_inputs, render_to_files
    from .pipeline import render as render_document
    from .issuing import issue
    from .render import Options
    from .render import kinds as document_kinds
