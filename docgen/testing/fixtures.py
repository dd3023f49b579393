"""pytest fixtures for people who maintain templates.

``docgen_render`` renders a document kind for a case with chosen templates and house
style; ``docx_snapshot``, ``pdf_snapshot`` and ``model_snapshot`` compare the result with
readable snapshots. A force's own test suite sets its defaults by overriding the two small
fixtures ``docgen_templates`` and ``docgen_house_style`` in its ``conftest.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .snapshots import DocxSnapshotExtension, ModelSnapshotExtension, PdfSnapshotExtension


@pytest.fixture
def docgen_templates() -> Path | None:
    """The folder of the force's own templates (``None``: shipped templates only)."""
    return None


@pytest.fixture
def docgen_house_style() -> Path | None:
    """The house-style file to use (``None``: ``house-style/<FORCE>.yaml`` beside the case)."""
    return None


@pytest.fixture
def docgen_render(docgen_templates: Path | None, docgen_house_style: Path | None) -> Callable[..., Any]:
    """A function ``render(kind, case, **choices)`` returning a rendered document.

    ``case`` is a case file path. Choices: ``event``, ``lang`` (``en``, ``cy``,
    ``cy+en``), ``date`` (a date or ``YYYY-MM-DD``), ``draft``, ``reference``,
    ``templates`` and ``house_style`` (override the fixtures), ``formats``.
    """
    from ..i18n import check_language
    from ..pipeline import load_inputs, render
    from ..render import Options
    from ..writers import FORMATS

    def render_kind(
        kind: str,
        case: str | Path,
        *,
        event: str | None = None,
        lang: str | None = None,
        date: dt.date | str | None = None,
        draft: bool = False,
        reference: str | None = None,
        templates: Path | None = None,
        house_style: Path | None = None,
        formats: tuple[str, ...] = FORMATS,
    ) -> Any:
        loaded, house = load_inputs(Path(case), house_style or docgen_house_style)
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        options = Options(
            date=date,
            draft=draft,
            reference=reference,
            language=check_language(lang) if lang else None,
        )
        from ..render import template_dirs
        from .snapshots import remember_sources

        folder = templates or docgen_templates
        remember_sources(template_dirs(folder or house.templates))
        return render(
            loaded,
            house,
            kind,
            event_id=event,
            options=options,
            formats=formats,
            templates=folder,
        )

    return render_kind


@pytest.fixture
def docx_snapshot(snapshot: Any) -> Any:
    """``snapshot`` storing a Word file as readable text (``assert rendered == docx_snapshot``)."""
    return snapshot.use_extension(DocxSnapshotExtension)


@pytest.fixture
def pdf_snapshot(snapshot: Any) -> Any:
    """``snapshot`` storing a PDF as readable text, page by page."""
    return snapshot.use_extension(PdfSnapshotExtension)


@pytest.fixture
def model_snapshot(snapshot: Any) -> Any:
    """``snapshot`` storing the document model as text."""
    return snapshot.use_extension(ModelSnapshotExtension)
