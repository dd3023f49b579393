"""What every command group of the CLI shares: how errors are reported and dates read.

The top-level entry point already turns a DocgenError into messages and exit status 2;
these helpers do the same inside each command group, so that a group behaves the same
when it is called on its own (as the tests and a force's own tooling do).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, Optional, TypeVar

from .errors import DocgenError, Problem

F = TypeVar("F", bound=Callable[..., Any])


def echo_problems(exc: DocgenError) -> None:
    """One ``error: file: field: reason`` line per problem, on standard error.

    A problem with no file (a command-line option, say) is shown as ``error: --date:
    reason``, never with an empty first part.
    """
    import typer  # here, not at the top: the plain `render` starts without Typer

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
        import typer

        echo_problems(exc)
        raise typer.Exit(2) from None


def reports_errors(func: F) -> F:
    """:func:`reported` as a decorator for a whole command."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with reported():
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def iso_date(value: Optional[str], option: str = "--date") -> Optional[dt.date]:
    """A command-line date in the form YYYY-MM-DD, or a DocgenError naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DocgenError(f"'{value}' is not a date in the form YYYY-MM-DD", field=option) from None
