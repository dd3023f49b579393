"""``docgen templates extract``: a force's own Welsh catalog, for just its own wording.

A force that adds or changes wording in its templates needs Welsh for those sentences
only: the shipped catalog already holds the rest. This writes ``locale/cy.po`` in the
force's templates folder with one entry per sentence its own templates send to the
catalog and the shipped catalog does not hold. Welsh already written is kept; a new
sentence gets an empty entry marked unreviewed (the check reports it until it is
translated); an entry whose English no template uses any more is kept at the end as an
obsolete ``#~`` entry, so its Welsh can be moved to the new wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.pofile import normalize, read_po

from . import i18n
from .errors import DocgenError

PLURAL_FORMS = "nplurals=5; plural=(n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 0);"
_INTRO = (
    "# Welsh for the wording this force's templates add to the shipped ones. Entries here win\n"
    "# over the shipped catalog. Written by `docgen templates extract`; fill in each msgstr,\n"
    "# and mark it '# review: reviewed' once a Welsh speaker has checked it.\n"
)


@dataclass(frozen=True)
class Extracted:
    path: Path
    added: int
    kept: int
    obsolete: int


def _key(message: Any) -> tuple[str | None, str]:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return message.context, msgid


def extract_catalog(folder: Path) -> Extracted:
    """Write or update ``folder/locale/cy.po``; nothing else in the folder is touched."""
    from .templatecheck import template_files

    folder = Path(folder)
    if not folder.is_dir():
        raise DocgenError("templates folder not found", file=folder)
    shipped: set[tuple[str | None, str]] = set()
    for po in i18n.catalog_files("cy", ()):
        with open(po, "rb") as fh:
            shipped |= {_key(m) for m in read_po(fh, locale="cy") if m.id}
    target = folder / "locale" / "cy.po"
    existing: dict[tuple[str | None, str], Any] = {}
    intro = _INTRO
    if target.is_file():
        i18n.read_catalog(target, "cy")  # a broken catalog is reported, never overwritten
        with open(target, "rb") as fh:
            parsed = read_po(fh, locale="cy")
        existing = {_key(m): m for m in parsed if m.id}
        existing.update({_key(m): m for m in parsed.obsolete.values() if m.id and _key(m) not in existing})
        lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
        head = "".join(line for line in _leading_comments(lines))
        intro = head or intro
    entries: dict[tuple[str | None, str], list[Any]] = {}
    for found in i18n.extract(template_files(folder)):
        key = (found.context, found.msgid)
        if key in shipped and key not in existing:
            continue  # the shipped Welsh covers it
        entries.setdefault(key, []).append(found)
    out = [intro, 'msgid ""\n', 'msgstr ""\n', '"Language: cy\\n"\n', '"Content-Type: text/plain; charset=utf-8\\n"\n',
           f'"Plural-Forms: {PLURAL_FORMS}\\n"\n']
    added = kept = 0
    for key, places in entries.items():
        old = existing.get(key)
        kept += old is not None
        added += old is None
        out.append("\n" + _entry(key, places, old, folder))
    gone = [m for k, m in existing.items() if k not in entries]
    for message in sorted(gone, key=lambda m: (m.lineno or 0)):
        out.append("\n" + "".join(f"#~ {line}\n" for line in _entry(_key(message), [], message, folder).splitlines()
                                   if not line.startswith("#")))
    target.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(out)
    tmp = target.with_suffix(".po.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    return Extracted(target, added, kept, len(gone))


def _leading_comments(lines: list[str]) -> list[str]:
    head = []
    for line in lines:
        if not line.startswith("#") or line.startswith("#:") or line.startswith("# review"):
            break
        head.append(line)
    return head


def _entry(key: tuple[str | None, str], places: list[Any], old: Any, folder: Path) -> str:
    context, msgid = key
    comments = [c for c in (old.user_comments if old is not None else []) if c.strip()]
    if not any(c.strip().startswith("review:") for c in comments):
        comments.append("review: unreviewed")
    lines = [f"# {c.strip()}" for c in comments]
    if places:
        lines.append("#: " + " ".join(f"{f.file.name}:{f.line}" for f in places))
    if context:
        lines.append(f"msgctxt {normalize(context)}")
    plural = places[0].plural if places else (old.id[1] if old is not None and isinstance(old.id, (list, tuple)) else None)
    lines.append(f"msgid {normalize(msgid, width=90)}")
    if plural:
        lines.append(f"msgid_plural {normalize(plural, width=90)}")
        strings = list(old.string) if old is not None and isinstance(old.string, (list, tuple)) else []
        for n in range(5):
            lines.append(f"msgstr[{n}] {normalize(strings[n] if n < len(strings) else '', width=90)}")
    else:
        text = old.string if old is not None and isinstance(old.string, str) else ""
        lines.append(f"msgstr {normalize(text, width=90)}")
    return "\n".join(lines) + "\n"
