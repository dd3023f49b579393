"""Translatable strings kept by a template's text: :func:`docgen.i18n.extract` finds what
:func:`docgen.i18n.extract_plain` (every template parsed now) finds, on the shipped
templates and on damaged and rewritten copies of them, and sees an edited template at once.
"""

from __future__ import annotations

import random
from pathlib import Path

from docgen import i18n
from docgen.templatecheck import shipped_template_files
from tests.speed.test_templatecheck_memo import _damaged

TRANS = [
    "{% trans %}A sentence of its own{% endtrans %}",
    "{% trans n=3 %}One item{% pluralize %}{{ n }} items{% endtrans %}",
    "{{ pgettext('heading', 'Schedule') }}",
    "{{ npgettext('count', 'One term', '%(num)s terms', 2) }}",
    "{{ _(subject.full_name) }}",
    "{{ gettext('Plain words') }} {{ ngettext('a', 'b', 1) }}",
    "{% trans %}Broken",
]


def test_the_memo_finds_what_parsing_finds(tmp_path: Path) -> None:
    rng = random.Random(77)
    shipped = shipped_template_files()
    paths = []
    for n in range(60):
        text = rng.choice(shipped).read_text(encoding="utf-8")
        lines = _damaged(text, rng).split("\n")
        for _ in range(rng.randint(0, 3)):
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(TRANS))
        path = tmp_path / f"t{n}.xml.j2"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    paths += shipped
    plain = i18n.extract_plain(paths)
    assert i18n.extract(paths) == plain
    assert i18n.extract(list(reversed(paths))) == i18n.extract_plain(list(reversed(paths)))
    assert i18n.extract(paths) == plain  # again, from the memo
    assert len(plain) > 250 and any(f.context for f in plain) and any(f.plural for f in plain)
    assert {f.file for f in plain} < set(paths)  # some templates were too broken to read


def test_an_edited_template_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "letter.xml.j2"
    path.write_text("{% trans %}Before{% endtrans %}", encoding="utf-8")
    assert [f.msgid for f in i18n.extract([path])] == ["Before"]
    path.write_text("{% trans %}After{% endtrans %}\n{{ _('More') }}", encoding="utf-8")
    assert [(f.msgid, f.line) for f in i18n.extract([path])] == [("After", 1), ("More", 2)]
    assert i18n.extract([path]) == i18n.extract_plain([path])
