"""What every command group of the CLI shares: how errors are reported and dates read.

The top-level entry point already turns a DocgenError into messages and exit status 2;
these helpers do the same inside each command group, so that a group behaves the same
when it is called on its own (as the tests and a force's own tooling do).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from functools import wraps
from typing import Any, Optional, TypeVar

import typer

from .errors import DocgenError, Problem

F = TypeVar("F", bound=Callable[..., Any])


def echo_problems(exc: DocgenError) -> None:
    """One ``error: file: field: reason`` line per problem, on standard error.

    A problem with no file (a command-line option, say) is shown as ``error: --date:
    reason``, never with an empty first part.
    """
    for problem in exc.problems:
        typer.echo(f"error: {problem_line(problem)}", err=True)


def problem_line(problem: Problem) -> str:
    """``file: field: reason``, leaving out the parts a problem does not have."""
    return ": ".join(part for part in (problem.file, problem.field, problem.message) if part)


@contextmanager
def reported() -> Iterator[None]:
    """User errors become messages and exit status 2, never a traceback."""
    try:
        yield
    except DocgenError as exc:
        echo_problems(exc)
        raise typer.Exit(2) from None


def reports_errors(func: F) -> F:
    """:func:`reported` as a decorator for a whole command."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with reported():
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def iso_date(value: Any) -> dt.date:
    """A date on the command line, YYYY-MM-DD (Typer's parser for date options).

    Typer reads it before the command runs, so a bad one is a usage error (exit 2)
    naming the option, like any other bad option value.
    """
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def date_option(*names: str, help: str, **more: Any) -> Any:
    """A ``typer.Option`` holding a date (``Annotated[Optional[dt.date], date_option(...)]``)."""
    return typer.Option(*names, parser=iso_date, metavar="YYYY-MM-DD", help=help, **more)


def positive_megabytes(value: Any) -> float:
    """A size in megabytes greater than zero (Typer's parser for --max-size)."""
    try:
        size = float(value)
    except (TypeError, ValueError):
        raise typer.BadParameter(f"{value!r} is not a number of megabytes") from None
    if not size > 0:
        raise typer.BadParameter("must be a positive number of megabytes")
    return size


class TextFormat(str, Enum):
    """--format for reports read by people (text) or programs (json)."""

    text = "text"
    json = "json"


class TableFormat(str, Enum):
    """--format for lists: aligned columns (table) or CSV."""

    table = "table"
    csv = "csv"
