"""A Welsh catalog is read once per version of its files, never kept past a change.

Rendering keeps the merged catalog and the template environment built on it for the
process; a force's ``locale/cy.po`` edited while the process runs (by ``docgen templates
extract`` or by hand) must be what the next document prints.
"""

from __future__ import annotations

import os
from pathlib import Path

from docgen import i18n
from docgen.render import environment, get_kind, render_markup, template_dirs

TEMPLATE = """{# description: A one-line note for the catalog test #}
<document title="t"><p>{{ _('Reference') }}</p></document>
"""


def _catalog(folder: Path, welsh: str, reviewed: str = "reviewed") -> None:
    (folder / "locale").mkdir(exist_ok=True)
    (folder / "locale" / "cy.po").write_text(
        f'# review: {reviewed}\nmsgid "Reference"\nmsgstr "{welsh}"\n', encoding="utf-8"
    )


def test_an_edited_catalog_is_what_the_next_document_prints(tmp_path: Path) -> None:
    (tmp_path / "note.xml.j2").write_text(TEMPLATE, encoding="utf-8")
    dirs = template_dirs(tmp_path)
    kind = get_kind("note", dirs)
    printed = []
    for welsh in ["Cyfeirnod un", "Ail gyfeirnod", "Cyfeirnod un"]:
        _catalog(tmp_path, welsh)
        printed.append(render_markup(kind, dirs, {"locale": "cy_GB"}))
        assert i18n.gettext("cy", "Reference", dirs) == welsh
        assert render_markup(kind, dirs, {"locale": "en_GB"}).count("Reference") == 1  # English is untouched
    assert [welsh in text for welsh, text in zip(["Cyfeirnod un", "Ail gyfeirnod", "Cyfeirnod un"], printed)] == [True] * 3


def test_a_catalog_rewritten_to_the_same_size_and_time_in_place_of_the_old_is_read_again(tmp_path: Path) -> None:
    _catalog(tmp_path, "Cyfeirnod A")
    first = i18n.gettext("cy", "Reference", template_dirs(tmp_path))
    stat = (tmp_path / "locale" / "cy.po").stat()
    replacement = tmp_path / "new.po"
    replacement.write_text('# review: reviewed\nmsgid "Reference"\nmsgstr "Cyfeirnod B"\n', encoding="utf-8")
    os.utime(replacement, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(replacement, tmp_path / "locale" / "cy.po")  # a new file (inode) with the old size and time
    assert (first, i18n.gettext("cy", "Reference", template_dirs(tmp_path))) == ("Cyfeirnod A", "Cyfeirnod B")


def test_an_unchanged_catalog_and_environment_are_reused(tmp_path: Path) -> None:
    _catalog(tmp_path, "Cyfeirnod")
    dirs = template_dirs(tmp_path)
    assert i18n.catalog("cy", dirs) is i18n.catalog("cy", dirs)
    assert environment(dirs, "cy") is environment(dirs, "cy")
    assert i18n.catalog_fingerprint("en", dirs) == ()  # English reads no catalog file


def test_a_forces_catalog_wins_over_the_shipped_one_for_the_same_sentence(tmp_path: Path) -> None:
    shipped = i18n.gettext("cy", "Reference")
    _catalog(tmp_path, f"{shipped} (y llu)")
    catalog = i18n.catalog("cy", template_dirs(tmp_path))
    assert catalog.gettext("Reference") == f"{shipped} (y llu)"
    assert catalog.messages[(None, "Reference")].text == f"{shipped} (y llu)"  # the status shown is this text's
