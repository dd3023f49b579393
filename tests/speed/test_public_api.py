"""The package's public API: every declared name resolves, and the documented example runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import docgen

ROOT = Path(__file__).resolve().parents[2]


def test_every_public_name_resolves() -> None:
    for name in docgen.__all__:
        assert getattr(docgen, name) is not None
    assert callable(docgen.render_document) and callable(docgen.issue) and callable(docgen.build_bundle)


@pytest.mark.slow  # a fresh interpreter is the point
def test_importing_the_package_loads_none_of_it() -> None:
    code = "import sys, docgen; print(sorted(m for m in sys.modules if m.startswith('docgen')))"
    loaded = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert loaded.strip() == "['docgen']"


@pytest.mark.slow  # a fresh interpreter, as a reader of the docs would run it
def test_the_example_in_the_docs_runs(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    text = (ROOT / "docs" / "library.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```python\n(.*?)```", text, re.S)
    monkeypatch.chdir(tmp_path)
    printed = subprocess.run([sys.executable, "-c", example], check=True, capture_output=True, text=True).stdout
    assert (tmp_path / "out" / "WYP-SCPO-0001-warning-letter-EV-002.pdf").is_file()
    assert re.search(r"^\d+ documents; 0 refused$", printed, re.M)
    assert re.search(r"^\d+ pages; compliant$", printed, re.M)
    assert "schema_version" in printed or "case_id" in printed
