"""The edit forms keep each case file's round-trip tree by its bytes: readers share it, a
writer takes it out. What every form reads and every save writes must be what a fresh parse
of the file gives, and a changed file must be read afresh."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

pytest.importorskip("ruamel.yaml")

from docgen.web import editing  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "cases"

WORDS = ["Flat 9", "yes", "no", "0123", "25:00", "null", "~", "1e3", "Testville", "é accent", "a: colon",
         "# not a comment", "'quoted'", '"double"', "2027-02-30", "2027-03-01", "", "  spaced  ", "x" * 90]


def _scalar(rng: random.Random) -> str:
    word = rng.choice(WORDS)
    style = rng.randrange(6)
    if style == 0:
        return "'" + word.replace("'", "''") + "'"
    if style == 1:
        return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style == 2:
        return str(rng.randrange(-5, 5000))
    if style == 3:
        return f"2027-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    if style == 4 and word and word.strip() == word and word[0].isalpha() and ":" not in word:
        return word
    return '"plain ' + str(rng.randrange(1000)) + '"'


def _document(rng: random.Random) -> str:
    """A YAML mapping with what authors write: comments, quoting styles, block and flow
    collections, block scalars, anchors, aliases and merge keys."""
    lines = ["# a case file, as written by hand", "base: &base", "  court: Crown Court at Testville  # trailing",
             "  rank: DC"]
    for n in range(rng.randrange(3, 9)):
        key = f"key_{n}"
        shape = rng.randrange(7)
        if rng.random() < 0.3:
            lines.append(f"# comment before {key}")
        if shape == 0:
            lines.append(f"{key}: {_scalar(rng)}")
        elif shape == 1:
            lines.append(f"{key}:")
            lines += [f"    - {_scalar(rng)}" + ("  # item note" if rng.random() < 0.3 else "") for _ in range(rng.randrange(1, 4))]
        elif shape == 2:
            lines.append(f"{key}: [{', '.join(_scalar(rng) for _ in range(rng.randrange(0, 4)))}]")
        elif shape == 3:
            lines.append(f"{key}: {rng.choice(['|', '>', '|-', '>+'])}")
            lines += [f"  line {i} of {key}" for i in range(rng.randrange(1, 4))]
        elif shape == 4:
            lines.append(f"{key}:")
            lines.append("  <<: *base")
            lines.append(f"  name: {_scalar(rng)}")
        elif shape == 5:
            lines.append(f"{key}: *base")
        else:
            lines.append(f"{key}:")
            for i in range(rng.randrange(1, 3)):
                lines.append(f"    - id: EV-{i:03d}")
                lines.append(f"      date: {_scalar(rng)}")
                if rng.random() < 0.5:
                    lines.append(f"      summary: {{en: {_scalar(rng)}, cy: {_scalar(rng)}}}")
        if rng.random() < 0.2:
            lines.append("")
    return "\n".join(lines) + "\n"


def _inputs() -> list[str]:
    rng = random.Random(12)
    return [_document(rng) for _ in range(24)]


def _edit(tree) -> None:  # noqa: ANN001
    """The kinds of change the forms make: a value replaced, a key added and removed, a list changed in place."""
    keys = [k for k in tree if k != "base"]
    first = keys[0]
    tree[first] = editing.DoubleQuotedScalarString("edited")
    tree["added"] = editing.CommentedMap([("when", "2027-08-09")])
    del tree[keys[-1]]
    for value in tree.values():
        if isinstance(value, editing.CommentedSeq):
            value.append("one more")
            break


def test_a_kept_tree_reads_and_writes_as_a_fresh_parse(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    for text in _inputs():
        data = text.encode("utf-8")
        path.write_bytes(data)
        editing._TREES.clear()
        shared, read = editing.read(path)
        assert read == data and editing.read(path)[0] is shared  # parsed once, then kept
        assert editing.dump(shared) == editing.dump(editing.parse(data))
        mine, _ = editing.load(path)
        assert mine is shared  # taken out, not parsed again ...
        assert editing.read(path)[0] is not mine  # ... so no reader sees the writer's changes
        plain = editing.parse(data)
        _edit(mine)
        _edit(plain)
        assert editing.dump(mine) == editing.dump(plain)
        assert editing.dump(editing.read(path)[0]) == editing.dump(editing.parse(data))


def _sections(path: Path) -> list[editing.Section]:
    tree = editing.parse(path.read_bytes())
    found = [s for s in editing.SECTIONS.values() if not s.append or s.key == "history"]
    events = list(enumerate(tree.get("history") or []))
    found += [editing.event_section(i, str(e.get("id"))) for i, e in (events[0], events[-1])]
    found += [editing.conviction_section(i) for i in range(len(tree.get("convictions") or []))][:1]
    return found


def test_forms_read_and_a_save_writes_what_they_did_without_kept_trees(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bilingual sample case, each kind of section: the values each form shows and where its
    problems are named, with kept trees and with a fresh parse for every read; the kept tree
    is unchanged by all those readers; then a save writes the same bytes both ways."""
    kept, plain = tmp_path / "kept", tmp_path / "plain"
    for folder in (kept, plain):
        folder.mkdir()
        shutil.copy(SAMPLES / "ffug-wales.yaml", folder / "case.yaml")
    sections = _sections(kept / "case.yaml")
    assert len(sections) > 5
    fresh = {"read": lambda p: (editing.parse(Path(p).read_bytes()), Path(p).read_bytes()),
             "load": lambda p: (editing.parse(Path(p).read_bytes()), Path(p).read_bytes())}

    def shown(path: Path) -> list[tuple[object, ...]]:
        return [(editing.form_values(path, s), editing.prefix(path, s)) for s in sections]

    editing._TREES.clear()
    with_trees = shown(kept / "case.yaml")
    with monkeypatch.context() as m:
        for name, plain_way in fresh.items():
            m.setattr(editing, name, plain_way)
        assert shown(plain / "case.yaml") == with_trees
    data = (kept / "case.yaml").read_bytes()
    assert editing.dump(editing.read(kept / "case.yaml")[0]) == editing.dump(editing.parse(data)) == data.decode()

    subject = editing.SECTIONS["subject"]
    posted = {**with_trees[sections.index(subject)][0], "family_name": "CHANGED", "aliases": "One Alias\nAnother"}
    written = editing.save(kept / "case.yaml", subject, posted, editing.digest(data))
    with monkeypatch.context() as m:
        for name, plain_way in fresh.items():
            m.setattr(editing, name, plain_way)
        assert editing.save(plain / "case.yaml", subject, posted, editing.digest(data)) == written
    assert b"CHANGED" in written and (kept / "case.yaml").read_bytes() == (plain / "case.yaml").read_bytes() == written


def test_an_edited_file_is_read_afresh_and_the_kept_trees_are_few(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text("name: first  # kept\n", encoding="utf-8")
    assert editing.read(path)[0]["name"] == "first"
    path.write_text("name: second  # kept\n", encoding="utf-8")
    assert editing.read(path)[0]["name"] == "second"
    for n in range(40):
        path.write_text(f"name: n{n}\n", encoding="utf-8")
        assert editing.read(path)[0]["name"] == f"n{n}"
    assert len(editing._TREES) <= editing._TREES_KEPT
