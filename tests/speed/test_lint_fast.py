"""The linter's quick paths find exactly what the plain checks find, in the same order.

:mod:`docgen.lint` keeps each set of definitions ready (order, patterns, the words a use
must contain, answers already worked out), screens brand names with one pattern before
trying each name, screens the vague-word and oral-answer lists with one pattern each, and
renders a clause at given values once per lint.
Every shortcut keeps the plain check beside it (``_used_definitions_plain``,
``Brands.find_plain``, the lists tried one pattern at a time); here the two are compared
on the shipped library, on both editions of the test clause, on the sample cases and on
generated texts and definitions.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen import lint
from docgen.case import load_case
from docgen.conditions import Definition, load_library, shipped_library
from tests.conditions.builders import (
    MINIMAL_CLAUSE,
    SECOND_EDITION_CLAUSE,
    bare_library,
    build_case,
    term,
    write_clause,
)
from tests.conftest import SAMPLE_CASES


def _plain_used(index: lint._DefinitionIndex, text: str, leave_out: str | None = None) -> frozenset[str]:
    kept = {k: d for k, d in index.definitions.items() if k != leave_out}
    return frozenset(lint._used_definitions_plain(kept, text))


@contextlib.contextmanager
def plain_checks() -> Iterator[None]:
    """Every shortcut switched off: definitions read afresh, every name and word tried alone."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(lint._DefinitionIndex, "used", _plain_used)
        mp.setattr(lint._DefinitionIndex, "used_by", lambda self, key: _plain_used(self, self.texts[key], key))
        mp.setattr(lint.Brands, "find", lint.Brands.find_plain)
        mp.setattr(lint.WordRules, "vague_screen", property(lambda self: None))
        mp.setattr(lint.WordRules, "oral_screen", property(lambda self: None))
        mp.setattr(lint, "_frozen", lambda value: None)  # every render made afresh
        yield


def _both(run):  # noqa: ANN001, ANN202 - any lint call
    quick = run()
    with plain_checks():
        plain = run()
    return quick, plain


@functools.lru_cache(maxsize=1)
def _shipped_texts() -> tuple[str, ...]:
    """Every different wording, mirror and plain-words text of the shipped library, in a fixed order."""
    out = []
    for clause in shipped_library().clauses:
        for values in clause.value_sets():
            out += [clause.render_wording(values), clause.render_mirror(values) or "", clause.plain_words(values)]
    return tuple(dict.fromkeys(out))


# --------------------------------------------------------------------------- the premise


def test_only_four_characters_outside_ascii_meet_an_ascii_character_case_blind() -> None:
    """The definitions screen rests on this: other characters neither lower to ASCII nor
    match an ASCII character in a case-blind pattern, so an ASCII word found by a pattern
    in a text without the four is found by ``in`` in the lowered text."""
    others = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000 and chr(c) not in lint._ASCII_LOOKALIKES)
    assert re.search(r"[\x00-\x7f]", others.lower()) is None
    for code in range(0x80):
        assert re.search(re.escape(chr(code)), others, re.IGNORECASE) is None, hex(code)
    for odd in lint._ASCII_LOOKALIKES:  # and each of the four does meet one
        assert any(re.fullmatch(re.escape(chr(c)), odd, re.IGNORECASE) for c in range(0x80)) or not odd.lower().isascii()


# --------------------------------------------------------------------------- shipped library


def test_used_definitions_agree_on_every_shipped_text_and_definition() -> None:
    library = shipped_library()
    definitions = library.definitions
    texts = _shipped_texts()
    for text in (*texts, "\n\n".join(texts[:40])):
        assert lint.used_definitions(definitions, text) == lint._used_definitions_plain(definitions, text), text
    for key, definition in definitions.items():
        others = {k: d for k, d in definitions.items() if k != key}
        assert lint.used_in_definition(definitions, key) == lint._used_definitions_plain(others, definition.text), key


def test_brands_agree_on_shipped_texts_that_name_one() -> None:
    """(Every shipped text as it is goes through both ways in the whole-library comparison.)"""
    brands = lint._shipped_brands()
    assert brands._screen is not None
    swaps = {"device": "Apple  Watch or i-Phone", "account": "western-union", "vehicle": "RANGE-ROVER", "cash": "Cash-App"}
    named = [t.replace(word, brand) for t in _shipped_texts() for word, brand in swaps.items() if word in t]
    assert sum(bool(brands.find(t)) for t in named) > 100
    for text in named:
        assert brands.find(text) == brands.find_plain(text)


def test_the_shipped_library_lints_the_same_both_ways() -> None:
    quick, plain = _both(lambda: lint.lint_library(shipped_library()))
    assert quick == plain


def test_the_sample_cases_lint_the_same_both_ways() -> None:
    for path in SAMPLE_CASES:
        case = load_case(path)
        quick, plain = _both(lambda: lint.lint_case(case))  # noqa: B023 - called at once
        assert quick == plain, path.name


# --------------------------------------------------------------------------- both editions


EDITS = [
    ("", ""),
    ("of acquiring any vehicle.", "of acquiring any i Phone, Face-Time or cash etc. and/or credit union savings."),
    ("of any vehicle coming", "of any Sky  ECC handset or storage premises vehicle coming"),
    ("day, vehicle]", "day]"),
    ("day, vehicle]", "day, vehicle, cash, associate]"),
    ("The subject must notify", "The subject must answer questions orally, associating with prisoners, and must notify"),
    ("in writing", "promptly"),
]


@pytest.mark.parametrize(("old", "new"), EDITS)
def test_both_editions_lint_the_same_both_ways(tmp_path: Path, old: str, new: str) -> None:
    root = bare_library(tmp_path / "library")
    write_clause(root, "items", "ITM-900.yaml", MINIMAL_CLAUSE.replace(old, new))
    write_clause(root, "items", "ITM-901.yaml", SECOND_EDITION_CLAUSE.replace(old, new))
    library = load_library(root)
    quick, plain = _both(lambda: lint.lint_library(library))
    assert quick == plain
    if old:
        assert quick  # the edit is found, so the comparison covers findings, not only silence


def test_an_edited_copy_of_the_library_gets_its_own_answers(tmp_path: Path) -> None:
    """Answers are kept by what the definitions say, so a copy with one definition changed
    (same keys, same clauses) is read afresh each time the two take turns."""
    root = bare_library(tmp_path / "library")
    write_clause(root, "items", "ITM-900.yaml", MINIMAL_CLAUSE)
    first = load_library(root)
    path = root / "definitions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("term: vehicle\n", "term: motor vehicle\n"), encoding="utf-8")
    edited = load_library(root)
    assert edited.definitions["vehicle"].term == "motor vehicle"
    for library in (first, edited, first, edited):
        quick, plain = _both(lambda: lint.lint_library(library))  # noqa: B023 - called at once
        assert quick == plain
    assert lint.lint_library(first) != lint.lint_library(edited)


def test_cases_on_both_editions_lint_the_same_both_ways() -> None:
    case = build_case(
        term("ITM-002", {"item_description": "any hardware wallet for a cryptoasset"}),
        term("FIN-003"),
        term("ITM-002", version="1.0.0"),
        term("ASC-001"),
    )
    quick, plain = _both(lambda: lint.lint_case(case))
    assert quick == plain and quick


# --------------------------------------------------------------------------- generated


def _shipped_words() -> list[str]:
    library = shipped_library()
    words = {f for d in library.definitions.values() for f in d.patterns() + list(d.excludes)}
    words |= {name for name, _rx in lint._shipped_brands().names}
    return sorted(words)


VOCABULARY = _shipped_words() + [
    "etc.", "etc", "and / or", "and/or", "reasonably", "reasonable excuse", "as soon as possible", "promptly",
    "including but not limited to", "associated", "orally", "answer any questions", "by telephone",
    "attend an interview", "in writing", "must notify", "the police", "within 3 days", "credit union",
    "i Phone", "WHATS-APP", "what'sapp", "face  time", "Sky-ECC", "sky\tecc", "Pay-Pal", "monzo-bank",
    "\u0130n writing", "ca\u017fh", "\u212aik Messenger", "d\u0131y", "CA\u017fH", "vehicle-", "-vehicle", "vehicles'",
]  # fmt: skip
GLUE = [" ", "  ", "\n", "\n\n", "-", ", ", ". ", "(", ")", "\u201c", "\u201d", "x", "", " \u00e9 ", "_", "/"]

texts = st.lists(st.one_of(st.sampled_from(VOCABULARY), st.sampled_from(GLUE), st.text(max_size=4)), max_size=30).map("".join)
cased = texts.flatmap(lambda t: st.sampled_from([t, t.upper(), t.lower(), t.title(), t.swapcase()]))
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(cased)
def test_generated_texts_give_the_same_definitions_brands_and_words(text: str) -> None:
    library = shipped_library()
    assert lint.used_definitions(library.definitions, text) == lint._used_definitions_plain(library.definitions, text)
    brands = lint._shipped_brands()
    assert brands.find(text) == brands.find_plain(text)
    words = lint._shipped_words()
    defined = {"associate"} if len(text) % 2 else set()
    quick = (list(lint._check_vague(text, defined, words)), list(lint._check_oral(text, words)))
    with plain_checks():
        plain = (list(lint._check_vague(text, defined, words)), list(lint._check_oral(text, words)))
    assert quick == plain


FORM_WORDS = ["premises", "storage premises", "use a vehicle", "vehicle", "credit", "credit union", "cash",
              "physical cash", "day", "Kelvin", "\u212aelvin", "pa\u017fs", "\u00e9t\u00e9", "a-b", "-x", "x-",
              "United Kingdom", "(a) item", " ", "notice,", "  two  spaces "]  # fmt: skip
forms = st.sampled_from(FORM_WORDS)
definitions = st.dictionaries(
    st.sampled_from(["k1", "k2", "k3", "k4", "k5", "k6"]),
    st.builds(
        lambda term, extra, excludes, text: Definition(term=term, forms=extra, excludes=excludes, text=text),
        forms,
        st.lists(forms, max_size=3),
        st.lists(forms, max_size=2),
        st.lists(st.sampled_from(FORM_WORDS + GLUE), min_size=1, max_size=8).map(lambda parts: "".join(parts) + " means"),
    ),
    min_size=1,
    max_size=6,
)
definition_texts = st.lists(st.sampled_from(FORM_WORDS + GLUE + ["KELVIN", "STORAGE  PREMISES", "U\u017fe a vehicle"]), max_size=25).map("".join)


@FUZZ
@given(definitions, definition_texts)
def test_generated_definitions_give_the_same_uses(defs: dict[str, Definition], text: str) -> None:
    assert lint.used_definitions(defs, text) == lint._used_definitions_plain(defs, text)
    for key, definition in defs.items():
        others = {k: d for k, d in defs.items() if k != key}
        assert lint.used_in_definition(defs, key) == lint._used_definitions_plain(others, definition.text)


@FUZZ
@given(st.lists(st.sampled_from(VOCABULARY[-40:] + ["Tor Browser", "x-y", "Q"]), min_size=1, max_size=6, unique=True), cased)
def test_generated_brand_lists_give_the_same_names(names: list[str], text: str) -> None:
    brands = lint.Brands(tuple((n, lint._brand_pattern(n)) for n in sorted(set(names), key=str.casefold)))
    assert brands._screen is not None
    assert brands.find(text) == brands.find_plain(text)


def test_a_brand_list_with_its_own_patterns_is_tried_name_by_name() -> None:
    brands = lint.Brands((("Acme", re.compile(r"acme\d", re.IGNORECASE)),))
    assert brands._screen is None and brands.find("ACME7 phone") == ["Acme"]


def test_word_lists_with_groups_are_tried_one_pattern_at_a_time() -> None:
    assert lint.any_of([re.compile(r"(a)\1"), re.compile("b")]) is None
    assert lint.any_of([re.compile("a", re.IGNORECASE), re.compile("b")]) is None
    assert lint.any_of([]) is None
    both = lint.any_of([re.compile(r"\ba\b(?![^.]*x)"), re.compile("b|c")])
    assert both is not None and both.search("c") and not both.search("a then x")


def test_render_keys_tell_apart_values_that_print_differently() -> None:
    import datetime as dt
    from decimal import Decimal

    from markupsafe import Markup

    values = [3, "3", 3.0, True, 1, Decimal("1.5"), Decimal("1.50"), None, "", dt.date(2027, 1, 2),
              dt.datetime(2027, 1, 2), [1, 2], (1, 2), [2, 1], {"a": 1, "b": 2}, {"b": 2, "a": 1}, -0.0, 0.0]  # fmt: skip
    keys = [lint._frozen(v) for v in values]
    assert None not in keys and len(set(keys)) == len(values)
    for odd in (Markup("x"), [Markup("x")], {"a": object()}, {1: "a"}, {"a": {1, 2}}):
        assert lint._frozen(odd) is None


def test_renders_are_kept_only_inside_one_lint() -> None:
    clause = shipped_library().clauses[0]
    values = clause.value_sets()[0]
    assert lint._RENDERS.get() is None
    with lint.renders_kept():
        first = lint.rendered(clause, "wording", values)
        assert lint.rendered(clause, "wording", dict(values)) is first
        with lint.renders_kept():  # a lint inside a lint shares the memo
            assert lint.rendered(clause, "wording", values) is first
        assert lint._RENDERS.get()
    assert lint._RENDERS.get() is None
    assert lint.rendered(clause, "wording", values) == first == clause.render_wording(values)
