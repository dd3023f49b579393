"""Reading template markup into the model: the quick path gives what the plain one gave.

:func:`docgen.model._normalise` folds, merges and trims a paragraph's runs working on
plain strings. The reference below is the earlier form, written run by run; generated
paragraphs (layout whitespace, line breaks, bold and italic, text that is exactly a line
feed) must come out the same from both.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

from docgen.model import Paragraph, Run, _normalise, parse

_LAYOUT_SPACE = re.compile(r"[ ]*[\n\r\t][\s]*")


def reference(raw: list[Run]) -> tuple[Run, ...]:
    """The run-by-run normaliser the quick one replaced."""
    folded = [r if r.is_break else Run(_LAYOUT_SPACE.sub(" ", r.text), r.bold, r.italic) for r in raw]
    merged: list[Run] = []
    for r in folded:
        if not r.text:
            continue
        if merged and not r.is_break and not merged[-1].is_break and (merged[-1].bold, merged[-1].italic) == (r.bold, r.italic):
            merged[-1] = Run(merged[-1].text + r.text, r.bold, r.italic)
        else:
            merged.append(r)
    for idx, r in enumerate(merged):
        if r.is_break:
            continue
        text = r.text
        if idx == 0 or merged[idx - 1].is_break:
            text = text.lstrip(" ")
        if idx == len(merged) - 1 or merged[idx + 1].is_break:
            text = text.rstrip(" ")
        merged[idx] = Run(text, r.bold, r.italic)
    return tuple(r for r in merged if r.text)


PIECES = ["a", "Dear", " ", "  ", "\n", "\n  ", " \n", "\t", "\r", "\r\n", "ŵ", "\xa0", "x y", "", " end ", "\n\n"]


def _raw(rng: random.Random) -> list[tuple[str, bool, bool]]:
    raw = []
    for _ in range(rng.randint(0, 7)):
        if rng.random() < 0.15:
            raw.append(("\n", rng.random() < 0.3, rng.random() < 0.3))  # a line feed alone is a break
        else:
            raw.append(("".join(rng.choice(PIECES) for _ in range(rng.randint(0, 4))), rng.random() < 0.4, rng.random() < 0.4))
    return raw


def test_runs_are_folded_merged_and_trimmed_as_before() -> None:
    rng = random.Random(7)
    nonempty = 0
    for _ in range(5000):
        raw = _raw(rng)
        ours = _normalise(raw)
        assert ours == reference([Run(*r) for r in raw]), raw
        nonempty += bool(ours)
    assert nonempty > 3000


def test_a_paragraph_of_one_stretch_of_text_is_read_as_before() -> None:
    for first in PIECES:
        for second in PIECES:
            for look in [(False, False), (True, False), (False, True), (True, True)]:
                raw = [(first + second, *look)]
                assert _normalise(raw) == reference([Run(*raw[0])]), raw


def _inline(rng: random.Random, depth: int = 0) -> str:
    out = []
    for _ in range(rng.randint(0, 4)):
        roll = rng.random()
        if roll < 0.15:
            out.append("<br/>")
        elif roll < 0.35 and depth < 2:
            tag = rng.choice("bi")
            out.append(f"<{tag}>{_inline(rng, depth + 1)}</{tag}>")
        else:
            out.append(escape("".join(rng.choice(PIECES) for _ in range(rng.randint(0, 3)))))
    return "".join(out)


def _walked(el: ET.Element) -> list[Run]:
    """The runs of an element as the earlier reader collected them."""
    raw: list[Run] = []

    def walk(node: ET.Element, b: bool, i: bool) -> None:
        if node.text:
            raw.append(Run(node.text, b, i))
        for child in node:
            if child.tag == "br":
                raw.append(Run("\n"))
            else:
                walk(child, b or child.tag == "b", i or child.tag == "i")
            if child.tail:
                raw.append(Run(child.tail, b, i))

    walk(el, False, False)
    return raw


def test_paragraph_markup_is_read_as_before() -> None:
    rng = random.Random(11)
    for _ in range(2000):
        body = _inline(rng)
        doc = parse(f'<document title="t"><p>{body}</p></document>')
        element = ET.fromstring(f"<p>{body}</p>")
        expected = reference(_walked(element))
        assert doc.blocks == (Paragraph(expected),), body
