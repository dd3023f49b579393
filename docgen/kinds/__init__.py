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


# The order documents take in a transfer pack or breach file, and in the transfer
# letter's list of enclosures, so that the letter and the pack it encloses agree.
PACK_ORDER = (
    "transfer-letter",
    "scpo-application",
    "cps-covering-note",
    "draft-order",
    "variation-application",
    "licence-mirror",
    "release-acknowledgement",
    "warning-letter",
    "recall-request",
    "mg5",
    "expiry-confirmation",
    "closure-checklist",
)


def pack_rank(kind: str) -> tuple[int, str]:
    """Where a document kind sorts in a pack or bundle (unknown kinds last, by name)."""
    return (PACK_ORDER.index(kind), "") if kind in PACK_ORDER else (len(PACK_ORDER), kind)


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
