"""Parsed YAML kept by its text: what :func:`docgen.yamlio.parse_yaml` hands out is what
parsing the text now gives (:func:`parse_yaml_plain`), value for value and type for type,
on generated documents and every YAML file the project ships; each caller gets its own
copy, and an edited text is parsed afresh.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest
import yaml

from docgen import yamlio
from docgen.errors import DocgenError
from docgen.yamlio import parse_yaml, parse_yaml_plain

ROOT = Path(__file__).resolve().parents[2]


def same(a: object, b: object) -> bool:
    """Equal, and of the same types all the way down (``1`` is not ``True``, ``1.0`` not ``1``)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(type(k) is type(j) for k, j in zip(a, b)) and all(same(a[k], b[k]) for k in a)  # type: ignore[index]
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))  # type: ignore[arg-type]
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)  # type: ignore[arg-type]
    return a == b


SCALARS = [
    "plain", "two words", "", "yes", "no", "on", "off", "true", "False", "null", "~", "0x1F", "0o17", "017", "1_000",
    "1e3", ".inf", "-.inf", ".nan", "2026-02-30", "2026-01-05", "2026-01-05T10:00:00Z", "12:30", "- dash", "a: b",
    "#hash", "quote's", 'double"', "Cymraeg ŵ ŷ", "multi\nline\ntext", "  padded  ",
]


def _value(rng: random.Random, depth: int) -> object:
    roll = rng.random()
    if depth > 4 or roll < 0.45:
        return rng.choice([
            rng.choice(SCALARS), rng.randint(-10**6, 10**6), rng.random() * 1000, rng.choice([True, False, None]),
            10**30, -0.0, float("inf"),
        ])
    if roll < 0.75:
        return {rng.choice(["id", "date", "type", "name", f"k{rng.randint(0, 40)}", 7, True, None, 2.5]): _value(rng, depth + 1)
                for _ in range(rng.randint(0, 6))}
    return [_value(rng, depth + 1) for _ in range(rng.randint(0, 5))]


def _dumped(rng: random.Random) -> str:
    data = {f"top{n}": _value(rng, 0) for n in range(rng.randint(1, 6))}
    return yaml.safe_dump(data, default_flow_style=rng.choice([False, True, None]), allow_unicode=rng.random() < 0.5,
                          sort_keys=rng.random() < 0.5, width=rng.choice([20, 80, 4096]))


HAND = [
    "a: 1\nb: 1.0\nc: '1'\nd: true\ne: ~\nf: 2026-01-05\n",
    "base: &b {x: 1, y: [1, 2]}\nuse: *b\nagain: *b\n",           # one mapping in three places
    "list: &l [1, 2]\nother: [*l, *l]\n",
    "<<: {x: 1}\ny: 2\n",
    "merge:\n  <<: [{a: 1}, {b: 2}]\n  c: 3\n",
    "s: !!set {a, b}\n",
    "bin: !!binary aGVsbG8=\n",
    "o: !!omap [a: 1, b: 2]\n",
    "p: !!pairs [a: 1, a: 2]\n",
    "n: !!float 1\ni: !!int '7'\nt: !!str 2026-01-05\nb: !!bool yes\n",
    "? [a, b]\n: 1\n",
    "a: 1\na: 2\n",
    "a: [1, 2\n",
    "- 1\n- 2\n",
    "just text\n",
    "",
    "deep: " + "[" * 80 + "]" * 80 + "\n",
    "deep: " + "{a: " * 70 + "1" + "}" * 70 + "\n",
    "%YAML 1.1\n---\nx: 1\n",
    "x: 1\n---\ny: 2\n",
]


def _shipped() -> list[str]:
    files = sorted(p for folder in ("samples", "docgen/data", "docgen/kinds") for p in (ROOT / folder).rglob("*.yaml"))
    assert len(files) > 20
    return [p.read_text(encoding="utf-8") for p in files]


def _outcome(parse, text: str) -> tuple[str, object]:
    try:
        return "data", parse(text, file="<generated>")
    except DocgenError as exc:
        return "error", [(p.file, p.field, p.message) for p in exc.problems]


@pytest.fixture
def empty_memo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "_memo", type(yamlio._memo)())
    monkeypatch.setattr(yamlio, "_memo_size", 0)


def test_the_memo_gives_what_parsing_gives_on_generated_and_shipped_yaml(empty_memo: None) -> None:
    rng = random.Random(2026)
    texts = [_dumped(rng) for _ in range(250)] + HAND + _shipped()
    kept = 0
    for text in texts:
        plain = _outcome(parse_yaml_plain, text)
        for _ in range(3):  # the first parse, then twice from the memo
            got = _outcome(parse_yaml, text)
            assert got[0] == plain[0] and same(got[1], plain[1]), text[:200]
        kept += text in yamlio._memo
    assert kept > 200  # most texts were served from the memo


def test_each_caller_gets_its_own_copy(empty_memo: None) -> None:
    text = "case_id: X\nhistory:\n  - {id: EV-1, tags: [a]}\nsubject: {name: N}\n"
    first = parse_yaml(text, file="a.yaml")
    first["history"][0]["tags"].append("changed")
    first["subject"]["name"] = "changed"
    first["extra"] = 1
    second = parse_yaml(text, file="a.yaml")
    assert second == parse_yaml_plain(text, file="a.yaml")
    assert second["history"] is not first["history"]


def test_an_edited_text_is_parsed_afresh(empty_memo: None) -> None:
    assert parse_yaml("name: Before\n", file="a.yaml") == {"name": "Before"}
    assert parse_yaml("name: After\n", file="a.yaml") == {"name": "After"}
    with pytest.raises(DocgenError, match="duplicate key"):
        parse_yaml("name: After\nname: Again\n", file="a.yaml")


def test_an_alias_or_a_tagged_value_is_never_kept(empty_memo: None) -> None:
    shared = parse_yaml(HAND[1], file="a.yaml")
    assert shared["use"] is shared["again"]  # as the parser builds it: one mapping
    parse_yaml("s: !!set {a, b}\n", file="a.yaml")
    parse_yaml(HAND[16], file="a.yaml")  # deeper than the memo copies
    assert yamlio._memo == {}


def test_the_memo_stays_bounded(empty_memo: None) -> None:
    for n in range(yamlio._MEMO_ENTRIES + 50):
        assert parse_yaml(f"n: {n}\n", file="a.yaml") == {"n": n}
    assert len(yamlio._memo) == yamlio._MEMO_ENTRIES
    big = "x: '" + "y" * (yamlio._MEMO_TEXT + 1) + "'\n"
    parse_yaml(big, file="a.yaml")
    assert big not in yamlio._memo
    large = ["x: '" + chr(65 + n) * (yamlio._MEMO_TEXT - 10) + "'\n" for n in range(30)]
    for text in large:
        assert parse_yaml(text, file="a.yaml") == parse_yaml_plain(text, file="a.yaml")
    assert large[-1] in yamlio._memo and large[0] not in yamlio._memo
    assert yamlio._memo_size == sum(len(text) for text in yamlio._memo) <= yamlio._MEMO_BUDGET
