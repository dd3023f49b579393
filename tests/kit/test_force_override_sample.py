"""The sample force folder: its own tests run in our suite, as the force would run them."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from docgen.pipeline import load_inputs, render
from docgen.render import Options
from docgen.templatecheck import check
from tests.conftest import SAMPLES

FORCE = SAMPLES / "force-override"


# The plugins of docgen's other test tools, which the sample's suite does not use: loading
# them (Hypothesis imports itself whole at the end of a session) was over a third of this
# session's CPU. tests/kit/test_docs_walkthrough.py runs a force's suite with every plugin
# of `docgen[test]` loaded, as a reader's would be.
UNUSED_PLUGINS = ("hypothesispytest", "anyio", "xdist", "xdist.looponfail")


@pytest.mark.slow  # a whole second test session
def test_the_sample_force_suite_passes():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    unused = [arg for name in UNUSED_PLUGINS for arg in ("-p", f"no:{name}")]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *unused],
        cwd=FORCE,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_the_sample_layout_replaces_the_shipped_letterhead():
    case, house = load_inputs(SAMPLES / "cases" / "specimen-drugs.yaml")
    letter = render(case, house, "warning-letter", event_id="EV-002", templates=FORCE / "templates", formats=("pdf",),
                    options=Options(date=dt.date(2027, 2, 3)))  # fmt: skip
    first = letter.document.blocks[1]
    assert "We welcome correspondence in Welsh and in English" in first.text


def test_the_sample_folder_has_no_template_errors():
    assert [str(f) for f in check(FORCE / "templates") if f.severity == "error"] == []
