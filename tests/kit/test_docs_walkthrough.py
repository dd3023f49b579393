"""docs/testing-templates.md, followed word for word in an empty folder outside the repository:
override the letter layout, add its Welsh, check, and snapshot-test it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOC = ROOT / "docs" / "testing-templates.md"
_FILE = re.compile(r"^`(?P<path>[^`]+)`:\n\n```\w*\n(?P<body>.*?)^```\n", re.S | re.M)
_SHELL = re.compile(r"^```sh\n(?P<body>.*?)^```\n", re.S | re.M)


def walkthrough_steps() -> list[tuple[str, str, str]]:
    """("file", path, text) and ("sh", "", script) in the order the section gives them."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## 0."):text.index("## 1.")]
    steps = [(m.start(), ("file", m.group("path"), m.group("body"))) for m in _FILE.finditer(section)]
    steps += [(m.start(), ("sh", "", m.group("body"))) for m in _SHELL.finditer(section)]
    return [step for _, step in sorted(steps)]


def test_the_walkthrough_has_every_step():
    kinds = [kind for kind, _, _ in walkthrough_steps()]
    assert kinds.count("file") == 4 and kinds.count("sh") == 4


@pytest.mark.slow  # shell steps and a nested test session
def test_following_the_testing_guide_in_a_force_folder_works(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    for kind, path, body in walkthrough_steps():
        if kind == "file":
            target = tmp_path / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
            continue
        result = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", body], cwd=tmp_path, env=env,
            capture_output=True, text=True, timeout=600,
        )
        assert result.returncode == 0, f"$ {body}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    snapshots = sorted(p.name for p in (tmp_path / "tests" / "__snapshots__").rglob("*.txt"))
    assert snapshots == [
        "test_warning_letter_in_welsh_and_english.docx.txt",
        "test_warning_letter_in_welsh_and_english.pdf.txt",
    ]
    welsh = (tmp_path / "tests" / "__snapshots__" / "test_letters" / "test_warning_letter_in_welsh_and_english.docx.txt").read_text()
    assert "Gallwch ysgrifennu atom yn Gymraeg" in welsh and "You may write to us in Welsh" in welsh
