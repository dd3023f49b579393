"""Say what changed between two snapshots in words, where a reader would find it.

pytest cuts an assertion report to a few lines unless it runs with ``-vv``, and a line
diff of a PDF shows every line a changed word re-wrapped. So a failing snapshot starts
with a short summary: the changed words (``[-old-]{+new+}``) with a few words either side,
the page (PDF) or paragraph (Word) they are in, the nearest heading above them and, when
the kit's render fixture made the document, the template or catalog line that holds the
new words. The full diff follows for ``-vv``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_CONTEXT = 5  # words shown either side of a change
_MAX_CHANGES = 3  # the first few; the count of the rest is given


@dataclass(frozen=True)
class Unit:
    """A stretch of a snapshot a reader can find: a page, a paragraph, a heading of metadata."""

    where: str
    heading: str
    text: str


def pdf_outline(text: str) -> list[tuple[int, str]]:
    """(page, title) of each outline entry in a PDF snapshot."""
    found, section = [], ""
    for line in text.splitlines():
        if line.startswith("== "):
            section = line[3:].strip()
            continue
        m = re.match(r"^\s*- (.*) \(page (\d+)\)$", line) if section == "outline" else None
        if m:
            found.append((int(m.group(2)), m.group(1)))
    return found


def _pdf_units(text: str) -> list[Unit]:
    headings: list[tuple[int, str]] = []
    units: list[Unit] = []
    section, page_lines, page_no = "document", [], 0
    meta: list[str] = []

    def flush() -> None:
        if page_no:
            words = " ".join(page_lines)
            units.append(Unit(f"page {page_no}", "", words))

    for line in text.splitlines():
        page = re.match(r"^== page (\d+)", line)
        if page:
            flush()
            page_no, page_lines = int(page.group(1)), []
            section = "page"
            continue
        if line.startswith("== "):
            section = line[3:].strip()
            continue
        if section == "outline":
            m = re.match(r"^\s*- (.*) \(page (\d+)\)$", line)
            if m:
                headings.append((int(m.group(2)), m.group(1)))
        elif section == "page":
            page_lines.append(line.strip())
        else:
            meta.append(line)
    flush()
    return [Unit("document properties", "", " ".join(meta))] + units


def _pdf_heading(headings: list[tuple[int, str]], page: int, before: str) -> str:
    """The last heading printed before a change: on its page before it, else on an earlier page."""
    on_page = [(before.rfind(title), title) for p, title in headings if p == page and title in before]
    if on_page:
        return max(on_page)[1]
    earlier = [title for p, title in headings if p < page]
    return earlier[-1] if earlier else ""


def _docx_units(text: str) -> list[Unit]:
    units: list[Unit] = []
    part, heading, number = "document", "", 0
    for line in text.splitlines():
        if line.startswith("== ") or line.startswith("-- "):
            part, number = line[3:].strip(), 0
            continue
        number += 1
        m = re.match(r"^\s*\[Heading \d[^\]]*\]\s*(.*)$", line) or re.match(r"^#{1,4} (.*)$", line)
        if m:
            heading = m.group(1)
        units.append(Unit(f"{part}, paragraph {number}", heading, line.strip()))
    return units


def _clip(words: list[str], keep_end: bool) -> str:
    if len(words) <= _CONTEXT:
        return " ".join(words)
    return ("… " + " ".join(words[-_CONTEXT:])) if keep_end else (" ".join(words[:_CONTEXT]) + " …")


def _word_changes_at(old: str, new: str) -> list[tuple[int, str, str]]:
    """Each change with the index in ``new``'s words where it starts, and the words added."""
    a, b = old.split(), new.split()
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        removed = f"[-{' '.join(a[i1:i2])}-]" if i2 > i1 else ""
        added = f"{{+{' '.join(b[j1:j2])}+}}" if j2 > j1 else ""
        before, after = _clip(b[:j1], True), _clip(b[j2:], False)
        # what to look for in the templates: the new words, widened by the words around them
        # when they are too few to be telling on their own
        probe = " ".join(b[j1:j2]) if j2 - j1 >= 3 else " ".join(b[max(0, j1 - 2):j2 + 2]) if j2 > j1 else ""
        out.append((j1, " ".join(p for p in (before, removed + added, after) if p), probe))
    return out


_MARKUP = re.compile(r"\*\*|(?<!\w)_|_(?!\w)|^\[[^\]]*\]\s*")


def find_source(added: str, sources: Sequence[Path]) -> str | None:
    """``file:line`` of the template or catalog line that holds the added words, if one does.

    Only the words themselves are looked for (snapshot markup such as ``**`` removed); a
    phrase too short to be telling (one short word) is not looked for.
    """
    phrase = _MARKUP.sub("", added).strip()
    if len(phrase) < 8:
        return None
    words = phrase.split()
    for probe in (phrase, " ".join(words[:4])):
        for path in sources:
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                continue
            for number, line in enumerate(lines, start=1):
                if probe in line:
                    return f"{path.name}:{number}"
    return None


def _shorten(text: str, width: int = 150) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def changes(old: str, new: str, fmt: str, sources: Sequence[Path] = ()) -> list[str]:
    """Every change from snapshot ``old`` to received ``new``, one line each, in order;
    with ``sources`` (template and catalog files), the line that holds new words is named."""
    split = _pdf_units if fmt == "pdf" else _docx_units
    a, b = split(old), split(new)
    headings = pdf_outline(new) if fmt == "pdf" else []
    out: list[str] = []

    def place(unit: Unit) -> str:
        return unit.where + (f', under "{_shorten(unit.heading, 40)}"' if unit.heading else "")

    def said(change: str, added: str) -> str:
        source = find_source(added, sources) if added and sources else None
        return _shorten(change) + (f" (from {source})" if source else "")

    if fmt == "pdf":  # pages pair by number: a word moved to the next page shows on both
        pages = max(len(a), len(b))
        for i in range(pages):
            ua = a[i] if i < len(a) else None
            ub = b[i] if i < len(b) else None
            if ua is None and ub is not None:
                out.append(f"{place(ub)}: new page: {_shorten(ub.text, 100)}")
            elif ub is None and ua is not None:
                out.append(f"{place(ua)}: page no longer there")
            elif ua is not None and ub is not None and ua.text != ub.text:
                page = int(ub.where.split()[-1]) if ub.where.startswith("page ") else 0
                for at, change, added in _word_changes_at(ua.text, ub.text):
                    heading = _pdf_heading(headings, page, " ".join(ub.text.split()[:at])) if page else ""
                    out.append(f"{place(Unit(ub.where, heading, ''))}: {said(change, added)}")
        return out
    matcher = difflib.SequenceMatcher(a=[u.text for u in a], b=[u.text for u in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = list(zip(a[i1:i2], b[j1:j2]))
        for ua, ub in pairs:
            out += [f"{place(ub)}: {said(c, added)}" for _, c, added in _word_changes_at(ua.text, ub.text)]
        for ua in a[i1 + len(pairs):i2]:
            out.append(f"{place(ua)}: removed: {_shorten(ua.text, 100)}")
        for ub in b[j1 + len(pairs):j2]:
            out.append(f"{place(ub)}: added: {_shorten(ub.text, 100)}")
    return out


def summary(old: str, new: str, fmt: str, sources: Sequence[Path] = ()) -> list[str]:
    """The first few changes, short enough that pytest shows them without ``-vv``."""
    found = changes(old, new, fmt, sources)
    if not found:
        return []
    lines = [f"{len(found)} change(s) from the snapshot ([-removed-]{{+added+}}):"] + found[:_MAX_CHANGES]
    if len(found) > _MAX_CHANGES:
        lines.append(f"… and {len(found) - _MAX_CHANGES} more (run pytest with -vv for the full diff)")
    return lines
