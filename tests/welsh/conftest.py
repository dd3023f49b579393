"""The kit's own fixtures, as a force would get them from ``pytest_plugins``."""

from docgen.testing import (  # noqa: F401 - importing registers the fixtures here
    docgen_house_style,
    docgen_render,
    docgen_templates,
    docx_snapshot,
    model_snapshot,
    pdf_snapshot,
)

import dataclasses
from pathlib import Path

WELSH_CASE = Path(__file__).resolve().parents[2] / "samples" / "cases" / "ffug-wales.yaml"


def words(node) -> list[str]:
    """Every string inside a document model (blocks, runs, cells), in order."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, (list, tuple)):
        return [w for n in node for w in words(n)]
    if dataclasses.is_dataclass(node):
        return [w for f in dataclasses.fields(node) if f.name != "meta" for w in words(getattr(node, f.name))]
    return []
