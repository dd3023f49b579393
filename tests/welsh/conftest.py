"""The kit's own fixtures, as a force would get them from ``pytest_plugins``."""

from docgen.testing import (  # noqa: F401 - importing registers the fixtures here
    docgen_house_style,
    docgen_render,
    docgen_templates,
    docx_snapshot,
    model_snapshot,
    pdf_snapshot,
)
