"""The template sandbox's quick answers are Jinja2's own answers.

:class:`docgen.render._Sandbox` keeps whether an attribute is safe per type of object and
attribute name, and skips the ``str.format`` check for plain values. Asked about every
kind of object a sandbox must guard (functions, methods, types, frames, code, generators,
coroutines, objects that hide their class), again and again and in turns, it must say what
Jinja2's own sandbox says, and templates must still be refused what they were refused.
"""

from __future__ import annotations

import datetime as dt
import sys
import types
from decimal import Decimal
from pathlib import Path

import pytest
from jinja2 import Undefined
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from markupsafe import Markup

from docgen.pipeline import load_inputs
from docgen.render import _Sandbox, environment, template_dirs


class Plain:
    name = "a name"
    items = [1, 2]

    def method(self) -> str:
        return "x"


class Disguised:
    """An object that may say it is a code object (which the sandbox never lets a template read)."""

    name = "hidden"

    def __init__(self, as_code: bool) -> None:
        self.as_code = as_code

    @property  # type: ignore[misc]
    def __class__(self):  # noqa: ANN204
        return types.CodeType if self.as_code else Disguised


def _function() -> None:
    pass


def _generator():  # noqa: ANN202
    yield 1


async def _coroutine() -> None:
    pass


async def _async_generator():  # noqa: ANN202
    yield 1


def _objects() -> list[object]:
    case, _ = load_inputs(Path(__file__).parents[2] / "samples" / "cases" / "specimen-drugs.yaml")
    try:
        raise ValueError("x")
    except ValueError as exc:
        traceback = exc.__traceback__
    coroutine = _coroutine()
    coroutine.close()
    return [
        _function, lambda: None, Plain().method, "text".format, "text".upper, Markup("<b>").format, "t".format_map,
        Plain, str, type, Plain(), Disguised(False), Disguised(True), Disguised(False), case, case.subject, _function.__code__, sys._getframe(), traceback,
        _generator(), coroutine, _async_generator(), {"name": 1}, [1], "text", Markup("m"), 3, 2.5, True, None,
        Decimal("1.0"), dt.date(2027, 1, 1), types.SimpleNamespace(name="n", mro=1),
    ]  # fmt: skip


ATTRIBUTES = [
    "mro", "upper", "format", "format_map", "__class__", "_private", "__globals__", "__code__", "gi_frame",
    "gi_code", "gi_running", "gi_yieldfrom", "cr_frame", "cr_code", "cr_await", "ag_code", "ag_frame", "f_globals",
    "f_locals", "co_name", "co_code", "tb_frame", "name", "title", "items", "append", "subject", "full_name",
    "__self__", "__func__", "method", "real", "year", "missing",
]  # fmt: skip


def _answer(env: SandboxedEnvironment, obj: object, attr: str) -> object:
    got = env.getattr(obj, attr)
    if isinstance(got, Undefined):
        return ("undefined", type(got).__name__, getattr(got, "_undefined_exception", None))
    if callable(got) and getattr(got, "__wrapped__", None) is not None:  # a str.format wrapped by the sandbox
        return ("wrapped", got.__wrapped__)
    return ("value", got)


def test_attribute_answers_are_jinjas_answers_in_any_order() -> None:
    ours, theirs = _Sandbox(), SandboxedEnvironment()
    objects = _objects()
    pairs = [(obj, attr) for obj in objects for attr in ATTRIBUTES]
    asked = 0
    for turn in range(3):
        for obj, attr in pairs[:: 1 if turn % 2 == 0 else -1]:
            assert _answer(ours, obj, attr) == _answer(theirs, obj, attr), (obj, attr)
            try:
                value = getattr(obj, attr)
            except AttributeError:
                continue
            assert ours.is_safe_attribute(obj, attr, value) == theirs.is_safe_attribute(obj, attr, value), (obj, attr)
            assert (ours.wrap_str_format(value) is None) == (theirs.wrap_str_format(value) is None), (obj, attr)
            asked += 1
    assert asked > 250
    assert ours._safe_attributes  # the answers were kept, so the later turns used them
    assert not ours.is_safe_attribute(_generator(), "gi_frame", None)
    assert ours.is_safe_attribute(Disguised(False), "name", None)
    assert not ours.is_safe_attribute(Disguised(True), "name", None)


@pytest.mark.parametrize(
    "source",
    [
        "{{ f.__code__ }}",
        "{{ f.__globals__ }}",
        "{{ g.gi_frame }}",
        "{{ g.gi_code.co_name }}",
        "{{ ''.__class__.mro() }}",
        "{{ ('{0.__class__}'.format)(1) }}",
        "{{ '{:>99999999}'.format('x') }}",  # docgen's own bound on sizes
    ],
)
def test_templates_are_still_refused_what_the_sandbox_refuses(source: str) -> None:
    env = environment(template_dirs())
    for _ in range(2):  # the second time from the kept answers
        with pytest.raises(SecurityError):
            env.from_string(source).render(f=_function, g=_generator(), locale="en_GB")
