"""Running the command line as a user would, and checking it failed cleanly.

``run`` calls the real entry point (``docgen.cli.main``), so what is checked is exactly
what a user sees: the exit status and the lines on standard error.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from docgen.cli import main
from tests.conftest import SAMPLES, dump_yaml, load_yaml

DRUGS = SAMPLES / "cases" / "specimen-drugs.yaml"


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> Result:
    """``docgen ARGS`` in this process, through the console entry point."""
    capsys.readouterr()
    saved = sys.argv
    sys.argv = ["docgen", *map(str, args)]
    code = 0
    try:
        main()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    finally:
        sys.argv = saved
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def workspace(root: Path) -> Path:
    """A case folder laid out as the samples are: cases/ and house-style/ side by side."""
    (root / "cases").mkdir(parents=True)
    shutil.copytree(SAMPLES / "house-style", root / "house-style")
    shutil.copy(DRUGS, root / "cases" / "case.yaml")
    return root


def case_data() -> dict:
    return load_yaml(DRUGS.read_text(encoding="utf-8"))


def write_case(path: Path, data: dict) -> Path:
    path.write_text(dump_yaml(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` with its SHA-256 (folders and special files by kind)."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            found[str(path)] = "link"
        elif path.is_file():
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif not path.is_dir():
            found[str(path)] = "special"
    return found


def assert_refused(result: Result, *, file: str, field: str) -> None:
    """Exit 2, one or more ``error: file: field: reason`` lines naming both, no traceback."""
    assert result.code == 2, (result.code, result.out, result.err)
    text = result.out + result.err
    assert "internal error" not in text and "Traceback" not in text, text
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert lines, "nothing on standard error"
    named = [line for line in lines if file in line and field in line]
    assert named, f"no error line names both {file!r} and {field!r}:\n{result.err}"
    for line in named:
        reason = line.rsplit(f"{field}: ", 1)[-1] if f"{field}: " in line else line
        assert len(reason) > 10, f"no reason given: {line}"
