"""Filling a translated sentence: the quick path gives what markupsafe gives.

:func:`docgen.i18n.fill_markup` fills a sentence whose placeholders are all ``%(name)s``
from the escaped values directly. Generated sentences (markup, ``%%``, every placeholder
form, missing names) with generated values (text to escape, markup, numbers, dates, an
object with ``__html__``) must come out as ``Markup(sentence) % values`` does, or fail as
it fails.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from markupsafe import Markup

from docgen.i18n import _named_only, fill_markup


class Html:
    def __html__(self) -> str:
        return "<i>safe</i>"


PIECES = ["Dear ", "<b>", "</b>", " & ", "%(a)s", "%(b)s", "%(name)s", "%%", "%s", "%d", "%(a)d", "%(a)r",
          "%(x-y)s", "%", "%(missing)s", "<br/>", "100%% sure", "\u2019", "%(b)s."]  # fmt: skip
VALUES = ["Smith & Sons <Ltd>", Markup("<b>kept</b>"), 3, 2.5, Decimal("1.50"), dt.date(2027, 2, 3), Html(), '"quoted"', "{{ x }}"]


def _outcome(fill, text: str, values: dict) -> object:  # noqa: ANN001
    try:
        got = fill(text, values)
    except Exception as exc:  # noqa: BLE001 - the failure itself is compared
        return ("raised", type(exc))
    return ("filled", type(got), str(got))


def test_sentences_are_filled_as_markupsafe_fills_them() -> None:
    rng = random.Random(5)
    quick = 0
    for _ in range(4000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 6)))
        values = {name: rng.choice(VALUES) for name in ("a", "b", "name") if rng.random() < 0.8}
        ours = _outcome(fill_markup, text, values)
        assert ours == _outcome(lambda t, v: Markup(t) % v, text, values), (text, values)
        quick += _named_only(text) and ours[0] == "filled"
    assert quick > 500  # the quick path was taken, not only the fallback


def test_only_named_string_placeholders_take_the_quick_path() -> None:
    assert _named_only("Dear %(name)s, 100%% sure")
    assert not _named_only("%(a)d") and not _named_only("%s") and not _named_only("50% off") and not _named_only("%(x-y)s")
