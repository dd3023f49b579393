"""Run the ``docgen`` command line in this process, as a user would meet it in a shell.

A stand-in for ``subprocess.run([python, "-m", "docgen.cli", ...])`` where a separate
process is not what the test is about: the same entry point (``docgen.cli.main``, which
turns bad input into exit status 2 and messages), the same exit status, standard output
and standard error, without a second of interpreter start-up per call. Tests about what
only a separate process shows (a crash part-way, signals, file locks) use
``tests/childproc.py``; those about a fresh interpreter (a cold start, the console script,
hash seeds) start one with ``subprocess``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from typer.testing import CliRunner


def run_docgen(
    *args: object, cwd: Path | str | None = None, env: Mapping[str, str | None] | None = None
) -> subprocess.CompletedProcess[str]:
    """``docgen ARGS`` with ``env`` laid over the environment (None removes a variable)."""
    from docgen import cli

    argv = [str(a) for a in args]
    runner = CliRunner()
    old_cwd, old_argv, old_debug = os.getcwd(), sys.argv, dict(cli._state)
    code: int = 0
    with runner.isolation(env=dict(env or {})) as streams:
        sys.argv = ["docgen", *argv]
        try:
            if cwd is not None:
                os.chdir(cwd)
            cli.main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            os.chdir(old_cwd)
            sys.argv = old_argv
            cli._state.update(old_debug)
        out, err = streams[0].getvalue(), streams[1].getvalue()
    return subprocess.CompletedProcess(["docgen", *argv], code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))
