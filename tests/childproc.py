"""Run ``docgen`` in a separate process that does not pay for starting Python and importing docgen.

For tests whose point is a separate process, not a fresh interpreter: a crash that kills
the process part-way through a write, processes racing on one SQLite register, a FIFO that
would block a reader, a library's own messages on the real standard error. Each child is
forked from a fork server (multiprocessing's "forkserver") that imported docgen's modules
once: a clean, single-threaded interpreter that has run nothing else, so the child has its
own memory, file handles and exit status and can be killed, as a process from
``subprocess`` can, without the half second of start-up and imports each of those costs.
The pytest worker itself is never forked (it has threads and the test's state).

The child gets the environment and working folder the test gives it (by default this
process's, as ``subprocess`` would), its standard input from /dev/null, its standard
output and error captured at the file descriptors, and runs the exit steps a process
runs (atexit handlers, flushing its streams) before it ends with the status Python would
give. Tests about a fresh interpreter (a cold start, the console script, the per-user cache
read by a new process, hash seeds) start one with ``subprocess`` instead.
"""

from __future__ import annotations

import atexit
import importlib
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Mapping
from pathlib import Path

# What the fork server imports before it forks anyone: the command line and the modules its
# commands in these tests load (rendering and both writers, issuing and the register's
# recovery, bundles). Nothing here reads the environment, the working folder or the
# per-user cache when imported, so a child sees only what its test gives it.
PRELOAD = [
    "docgen.cli",
    "docgen.launch",
    "docgen.pipeline",
    "docgen.issuing",
    "docgen.writers.docx",
    "docgen.writers.pdf",
    "docgen.register.faults",
    "docgen.register.recover",
    "docgen.bundle.builder",
    "docgen.bundle.verify",
]

ENTRY = "docgen.cli:main"

_context: multiprocessing.context.ForkServerContext | None = None


def _server() -> multiprocessing.context.ForkServerContext:
    """The fork-server context, its server started on first use (once per test process)."""
    global _context
    if _context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        _context = context
        atexit.register(_stop_server)
    return _context


def _stop_server() -> None:
    """Stop the fork server and wait for it, so it is not left behind (and its CPU is counted)."""
    from multiprocessing import forkserver

    stop = getattr(forkserver._forkserver, "_stop", None)
    if stop is not None:
        stop()


def _status(code: object) -> int:
    """The exit status Python gives ``sys.exit(code)``."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _child(entry: str, argv: list[str], env: dict[str, str], cwd: str, out: str, err: str) -> None:
    """In the child: take the test's environment, folder and streams, run docgen, exit."""
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    sys.stdout.flush()
    sys.stderr.flush()
    for fd, path, flags in ((0, os.devnull, os.O_RDONLY), (1, out, os.O_WRONLY), (2, err, os.O_WRONLY)):
        opened = os.open(path, flags)
        os.dup2(opened, fd)
        os.close(opened)
    sys.stdin = open(0, closefd=False)  # noqa: SIM115 - the process's own standard input
    sys.argv = ["docgen", *argv]
    status = 0
    try:
        module, function = entry.split(":")
        getattr(importlib.import_module(module), function)()
    except SystemExit as exc:
        status = _status(exc.code)
    except BaseException:  # an uncaught exception: its traceback on stderr, status 1
        traceback.print_exc()
        status = 1
    try:
        atexit._run_exitfuncs()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(status)


class Child:
    """A running ``docgen`` child process, like ``subprocess.Popen`` with captured text output."""

    def __init__(
        self, args: tuple[object, ...], cwd: Path | str | None, env: Mapping[str, str] | None, entry: str
    ) -> None:
        self.args = ["docgen", *map(str, args)]
        self._folder = tempfile.mkdtemp(prefix="docgen-child-")
        self._out, self._err = (os.path.join(self._folder, name) for name in ("stdout", "stderr"))
        for path in (self._out, self._err):
            Path(path).touch()
        full_env = dict(os.environ if env is None else env)
        folder = os.fspath(cwd) if cwd is not None else os.getcwd()
        self._process = _server().Process(
            target=_child, args=(entry, self.args[1:], full_env, os.path.abspath(folder), self._out, self._err)
        )
        self._process.start()
        self.pid = self._process.pid

    def kill(self) -> None:
        self._process.kill()

    def wait(self, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
        """Wait for the child and return its status and output; on a timeout, kill it and
        raise ``subprocess.TimeoutExpired``, as ``subprocess.run`` does."""
        try:
            self._process.join(timeout)
            if self._process.exitcode is None:
                self._process.kill()
                self._process.join()
                raise subprocess.TimeoutExpired(self.args, timeout or 0, *self._read())
            return subprocess.CompletedProcess(self.args, self._process.exitcode, *self._read())
        finally:
            if self._process.exitcode is not None:
                self._process.close()
            shutil.rmtree(self._folder, ignore_errors=True)

    def _read(self) -> tuple[str, str]:
        texts = []
        for path in (self._out, self._err):
            data = Path(path).read_bytes().decode("utf-8")
            texts.append(data.replace("\r\n", "\n").replace("\r", "\n"))  # as text=True reads it
        return texts[0], texts[1]


def start_docgen(
    *args: object, cwd: Path | str | None = None, env: Mapping[str, str] | None = None, entry: str = ENTRY
) -> Child:
    """Start ``docgen ARGS`` in a child process; ``env`` is its whole environment (default:
    ours); ``entry`` the function run, ``docgen.cli:main`` as ``python -m docgen.cli`` runs."""
    return Child(args, cwd, env, entry)


def run_docgen(
    *args: object,
    cwd: Path | str | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float | None = None,
    entry: str = ENTRY,
) -> subprocess.CompletedProcess[str]:
    """``docgen ARGS`` in a child process, waited for: like ``subprocess.run([python, "-m",
    "docgen.cli", ...], capture_output=True, text=True, stdin=DEVNULL)``."""
    return start_docgen(*args, cwd=cwd, env=env, entry=entry).wait(timeout)
