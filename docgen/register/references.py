"""Document references: a force's pattern filled in from the register's counters.

A pattern such as ``{force}/SCPO/{year}/{case_no:04d}/{kind}-{seq:02d}`` gives
``WYP/SCPO/2026/0007/WL-02``. The register guarantees each filled-in reference is used
once; the checks here make sure a pattern can tell documents apart at all.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

FIELDS = {"force": str, "year": int, "case_no": int, "case": str, "kind": str, "seq": int, "version": int}
_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/._-]*$")


@dataclass(frozen=True)
class Numbering:
    """The values a reference is made from."""

    force: str
    year: int
    case_no: int
    case: str
    kind: str
    seq: int
    version: int


def pattern_fields(pattern: str) -> list[str]:
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise ValueError(f"reference pattern '{pattern}' is not a valid pattern: {exc}") from None
    return [name for _, name, _, _ in parsed if name is not None]


def check_pattern(pattern: str) -> None:
    """Refuse a pattern that names unknown fields or cannot tell two documents apart."""
    names = pattern_fields(pattern)
    unknown = [n for n in names if n not in FIELDS]
    if unknown:
        raise ValueError(
            f"reference pattern '{pattern}' uses unknown field(s) {', '.join(unknown)}; "
            f"known fields: {', '.join(FIELDS)}"
        )
    if "seq" not in names:
        raise ValueError(f"reference pattern '{pattern}' needs {{seq}} so that two documents of one kind differ")
    if "kind" not in names:
        raise ValueError(f"reference pattern '{pattern}' needs {{kind}} so that two kinds of document differ")
    if "case" not in names and "case_no" not in names:
        raise ValueError(f"reference pattern '{pattern}' needs {{case}} or {{case_no}} so that two cases differ")
    try:
        sample = format_reference(pattern, Numbering("WYP", 2026, 7, "WYP-SCPO-0001", "WL", 2, 1))
    except (ValueError, IndexError, KeyError) as exc:
        raise ValueError(f"reference pattern '{pattern}' cannot be filled in: {exc}") from None
    if not _SAFE.match(sample):
        raise ValueError(
            f"reference pattern '{pattern}' gives '{sample}'; a reference may hold only letters, "
            "digits and / . _ - (it also names the issued files)"
        )


def format_reference(pattern: str, numbering: Numbering) -> str:
    """Fill in a pattern; a re-issue of a pattern without {version} gets '/v<N>'."""
    values = {name: getattr(numbering, name) for name in FIELDS}
    reference = pattern.format(**values)
    if "version" not in pattern_fields(pattern) and numbering.version > 1:
        reference += f"/v{numbering.version}"
    return reference


def file_stem(reference: str) -> str:
    """The name issued files take from their reference (a slash cannot be in a file name)."""
    return reference.replace("/", "_")


def _document(doc: Any) -> Hashable:
    return (doc.kind, doc.seq)


def newest_versions(issued: Iterable[Any], key: Callable[[Any], Hashable] = _document) -> list[Any]:
    """The newest version of each issued document, in the order they were first issued.

    A document is its kind and sequence number (a re-issue keeps both and adds a version);
    ``key`` names another grouping, such as the event a letter is about.
    """
    newest: dict[Hashable, Any] = {}
    for doc in issued:
        found = key(doc)
        if found not in newest or doc.version > newest[found].version:
            newest[found] = doc
    return list(newest.values())
