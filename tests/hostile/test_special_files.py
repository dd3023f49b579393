"""Inputs that are not ordinary files, and damaged PDFs: refused at once, by name, quietly.

The FIFO probes run in a child process with a time limit, so that if a FIFO were ever
read again the test fails instead of hanging the suite. The children are forked from a
server that has imported docgen (tests/childproc.py): a separate process that can be
killed, without the start-up of a new interpreter.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.childproc import run_docgen
from tests.conftest import SAMPLES

from .probe_kit import tree, workspace

PDF = SAMPLES / "bundles" / "evidence" / "scpo-application.pdf"


def _docgen(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_docgen(*args, cwd=cwd, timeout=120)  # standard input from /dev/null


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "cases/fifo.yaml"],
        ["render", "closure-checklist", "cases/fifo.yaml", "--out", "out"],
        ["render", "closure-checklist", "cases/case.yaml", "--house-style", "cases/fifo.yaml", "--out", "out"],
        ["bundle", "build", "cases/fifo.yaml", "--out", "b.pdf"],
    ],
    ids=["validate", "render", "house style", "bundle spec"],
)
def test_a_fifo_is_refused_without_waiting_for_a_writer(args, tmp_path):
    ws = workspace(tmp_path / "ws")
    os.mkfifo(ws / "cases" / "fifo.yaml")
    before = tree(ws)
    result = _docgen(*args, cwd=ws)
    assert result.returncode == 2, result.stderr
    assert "fifo.yaml" in result.stderr and "not a regular file (a FIFO)" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert tree(ws) == before


def _without_eof(path: Path) -> Path:
    data = PDF.read_bytes()
    path.write_bytes(data[: data.rindex(b"%%EOF")])
    return path


def _truncated(path: Path) -> Path:
    path.write_bytes(PDF.read_bytes()[:3000])
    return path


# pypdf's warnings go through the logging module, which pytest captures in-process, so
# these run the command in a child process (whose logging pytest never set up) and read
# its real standard error.


@pytest.mark.parametrize("damage", [_without_eof, _truncated], ids=["no EOF marker", "truncated"])
def test_bundle_verify_names_a_damaged_pdf_without_pypdf_noise(damage, tmp_path):
    damage(tmp_path / "damaged.pdf")
    result = _docgen("bundle", "verify", "damaged.pdf", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("error: damaged.pdf: "), result.stderr
    assert "EOF marker" not in result.stderr and "CAUTION" not in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_a_damaged_pdf_in_a_spec_is_named_without_pypdf_noise(tmp_path):
    _without_eof(tmp_path / "damaged.pdf")
    (tmp_path / "spec.yaml").write_text(
        "title: T\ncase: R v X\nreference: X1\nsections:\n  - title: S\n    documents:\n"
        "      - file: damaged.pdf\n        title: Damaged\n",
        encoding="utf-8",
    )
    result = _docgen("bundle", "build", "spec.yaml", "--out", "b.pdf", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "damaged.pdf: sections[0].documents[0]: " in result.stderr
    assert "EOF marker" not in result.stderr and "CAUTION" not in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "b.pdf").exists()
