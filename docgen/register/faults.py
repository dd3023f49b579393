"""Named points in issuing where a test stops the process, as a power cut would.

Setting ``DOCGEN_STOP_AT`` to one of :data:`ISSUE_POINTS` makes issuing end the process at
once (``os._exit``: no clean-up, no ``finally``) when it reaches that point. It exists so
that the crash-safety of issuing can be shown step by step, deterministically.
"""

from __future__ import annotations

import os

STOP_ENV = "DOCGEN_STOP_AT"
STOP_EXIT = 86

# In the order issuing reaches them.
ISSUE_POINTS = (
    "numbered",  # the reference is chosen, under the register's write lock
    "rendered",  # the document is rendered in memory
    "first-file-written",  # one temporary file is on disk
    "files-written",  # every temporary file is on disk
    "recorded",  # the row is written, not yet committed
    "committed",  # the row is committed; no file has its real name yet
    "first-file-named",  # one file has its real name
    "files-named",  # every file has its real name
)


def reached(point: str) -> None:
    """Stop here if asked to; otherwise do nothing."""
    if os.environ.get(STOP_ENV) == point:
        os._exit(STOP_EXIT)
