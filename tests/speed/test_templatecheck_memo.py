"""The template checker's shortcuts report what the plain checker reports.

The quick checker walks each template's tree once for all its questions, parses a layout
once for every template that extends it, keeps each template's parse (with its syntax
findings) by its text, name and path across checks, asks a model for its type hints once
per type and attribute, and takes a template's translatable strings from a memo kept by
its text. The plain checker (``_check(..., plain=True)``) does none of that. On folders
of the shipped templates damaged at random (typos in names, attributes, filters and
tags; lines dropped or doubled; unsafe attributes; huge ranges; a layout override that
drops blocks; a Welsh catalog whose English no longer matches) both must give the same
findings, the first time and again from the memos; and an edited template is seen at once.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from docgen import i18n
from docgen.resources import templates_dir
from docgen.templatecheck import _check, check, shipped_kind_templates, template_files

CHANGES = [
    ("{% endif %}", "{% endiff %}"), ("{% if ", "{% iff "), ("{% endfor %}", ""), ("{% endblock %}", "{% endblok %}"),
    ("subject.", "subjet."), (".full_name", ".ful_name"), ("order.", "ordr."), ("house.", "hose."), ("| date", "| dte"),
    ("{% block body %}", "{% block bodi %}"), ("_letter.xml.j2", "_leter.xml.j2"), ("}}", "}"), ("{{", "{{ {{"),
    ("terms", "term"), ("{% trans", "{% tran"), (" is defined", " is definned"),
]
INSERTS = [
    "{{ case.__class__ }}", "{{ range(10**9) | list }}", "{{ unknown_name }}", "{{ doc.draft | nofilter }}",
    "{{ subject['_secret'] }}", "{% for t in terms %}{{ t.wordng }}{% endfor %}", "{{ house.signatory.nmae }}",
    "{% set mine = subject %}{{ mine.ful_name }}", "{{ _('A sentence no catalog has') }}", "{% if x %}",
    "{% include 'missing.xml.j2' %}", "{{ timeline.nothing_here }}",
]


def _damaged(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(2, 7)):
        roll = rng.random()
        at = rng.randrange(len(lines))
        if roll < 0.4:
            old, new = rng.choice(CHANGES)
            lines[at] = lines[at].replace(old, new, 1) if old in lines[at] else lines[at]
            if old in text and rng.random() < 0.5:  # or the first place it appears at all
                joined = "\n".join(lines).replace(old, new, 1)
                lines = joined.split("\n")
        elif roll < 0.6:
            del lines[at]
        elif roll < 0.7:
            lines.insert(at, lines[at])
        else:
            lines.insert(at, rng.choice(INSERTS))
        if not lines:
            lines = [""]
    return "\n".join(lines)


def _folder(root: Path, n: int, rng: random.Random) -> Path:
    """A force's templates folder: a few shipped templates, most of them damaged."""
    folder = root / f"force{n}"
    folder.mkdir()
    kinds = sorted(shipped_kind_templates().items())
    for kind, path in rng.sample(kinds, rng.randint(1, 3)):
        text = path.read_text(encoding="utf-8")
        (folder / f"{kind}.xml.j2").write_text(_damaged(text, rng) if rng.random() < 0.8 else text, encoding="utf-8")
    if rng.random() < 0.5:  # an override of the shared layout, sometimes dropping a block or macro
        text = (templates_dir() / "_letter.xml.j2").read_text(encoding="utf-8")
        (folder / "_letter.xml.j2").write_text(_damaged(text, rng) if rng.random() < 0.7 else text, encoding="utf-8")
    if rng.random() < 0.4:  # its own Welsh catalog, some English edited so entries no longer match
        shipped = i18n.catalog_files("cy", ())[0].read_text(encoding="utf-8")
        (folder / "locale").mkdir()
        edited = shipped.replace('msgid "The ', 'msgid "Thee ', rng.randint(1, 3))
        (folder / "locale" / "cy.po").write_text(edited, encoding="utf-8")
    return folder


def test_the_quick_checker_reports_what_the_plain_checker_reports(tmp_path: Path) -> None:
    rng = random.Random(1212)
    folders = [_folder(tmp_path, n, rng) for n in range(6)]
    findings = 0
    messages: set[str] = set()
    # (the shipped templates, which check clean, are left out: both checkers walk them
    # with the same steps as a force's kind templates, and the plain one takes seconds)
    for folder in folders:
        plain = _check(folder, plain=True)
        assert _check(folder, plain=False) == plain, folder
        assert check(folder) == plain, folder  # again, from the memos
        findings += len(plain)
        messages |= {re.sub(r"'[^']*'", "", f.message)[:30] for f in plain}
    # the damage reached many different checks
    assert findings > 30 and len(messages) > 12


def test_an_edited_template_is_checked_as_it_now_reads(tmp_path: Path) -> None:
    kind, path = sorted(shipped_kind_templates().items())[0]
    target = tmp_path / f"{kind}.xml.j2"
    text = path.read_text(encoding="utf-8")
    target.write_text(text, encoding="utf-8")
    assert [f for f in check(tmp_path) if f.severity == "error"] == []
    target.write_text(text + "\n{{ subjet.full_name }}\n", encoding="utf-8")
    after = check(tmp_path)
    assert any("'subjet' is not provided" in f.message for f in after)
    assert after == _check(tmp_path, plain=True)
    target.write_text(text, encoding="utf-8")
    assert [f for f in check(tmp_path) if f.severity == "error"] == []
    assert template_files(tmp_path) == [target]


def _damaged_po(text: str, rng: random.Random) -> str:
    """A catalog with a placeholder lost, a review comment dropped, markup changed or a
    line of gettext syntax broken here and there."""
    lines = text.split("\n")
    for _ in range(rng.randint(0, 4)):
        at = rng.randrange(len(lines))
        line = lines[at]
        roll = rng.random()
        if roll < 0.3 and line.startswith("msgstr") and "%(" in line:
            lines[at] = line.replace("%(", "%[", 1)
        elif roll < 0.5 and line.startswith("#") and "review:" in line:
            del lines[at]
        elif roll < 0.65 and line.startswith("msgstr"):
            lines[at] = line.replace('"', '"<b>', 1)
        elif roll < 0.75:
            lines.insert(at, rng.choice(['msgid "unfinished', "msgstr", '"stray"', "#, fuzzy", "msgctxt"]))
        elif roll < 0.85 and line.startswith('msgid "'):
            lines[at] = line.replace('msgid "', 'msgid "Edited ', 1)
    return "\n".join(lines)


def test_catalog_findings_kept_by_bytes_are_what_reading_the_catalog_gives(tmp_path: Path) -> None:
    from docgen.errors import DocgenError
    from docgen.templatecheck import _po_entries, _po_entries_plain

    rng = random.Random(31)
    shipped = i18n.catalog_files("cy", ())[0].read_text(encoding="utf-8")
    refused = 0
    for n in range(25):
        po = tmp_path / f"cy{n}.po"
        po.write_text(_damaged_po(shipped, rng) if n else shipped, encoding="utf-8")
        for _ in range(2):  # read, then from the memo
            try:
                i18n.read_catalog(po, "cy")
                plain = []
            except DocgenError as exc:
                plain = exc.problems
            assert i18n.catalog_problems(po, "cy") == plain
            try:
                entries = _po_entries_plain(po)
            except Exception as exc:  # noqa: BLE001 - the same failure both ways
                with pytest.raises(type(exc)):
                    _po_entries(po)
            else:
                assert _po_entries(po) == entries
        refused += bool(plain)
    assert 5 < refused < 25
    missing = tmp_path / "gone.po"
    with pytest.raises(DocgenError) as caught:
        i18n.read_catalog(missing, "cy")
    assert i18n.catalog_problems(missing, "cy") == caught.value.problems
