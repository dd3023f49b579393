"""Errors a user can act on.

Every problem the tool reports names the file, the field (where there is one) and what is
wrong. The CLI prints these without a traceback and exits with status 2.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.message}"


class DocgenError(Exception):
    """An error caused by the user's input or environment, never by a bug.

    Carries one or more :class:`Problem` records so that validation can report every
    problem at once instead of stopping at the first.
    """

    def __init__(self, problems: list[Problem] | Problem | str, *, file: str | Path = "", field: str = ""):
        if isinstance(problems, str):
            problems = [Problem(str(file), field, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class FieldProblems(ValueError):
    """Problems a model's own check finds, each with its field path below the model.

    Raised inside a pydantic validator so that every problem keeps its own field: the
    loader (``yamlio.pydantic_problems``) turns each into a :class:`Problem` under the
    model's place in the file, instead of one message to be split apart again.
    """

    def __init__(self, problems: Iterable[tuple[str, str]]):
        self.problems: tuple[tuple[str, str], ...] = tuple(problems)
        super().__init__("\n".join(f"{field}: {message}" if field else message for field, message in self.problems))


class OutputExistsError(DocgenError):
    """Raised when writing would replace a file that already exists."""
