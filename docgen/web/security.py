"""Sessions, CSRF tokens, the login rate limit and the security headers.

Sessions are kept on the server in a SQLite file beside the register (the cookie carries
only a random id, the file only its hash), so they survive a restart and are ended by
signing out or by expiry. Every state-changing request carries the session's CSRF
token in a form field; the cookie is HttpOnly and SameSite=Strict as a second guard.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..register.db import transaction as write_transaction

SESSION_COOKIE = "docgen_session"
IDLE_SECONDS = 30 * 60
MAX_SECONDS = 10 * 60 * 60
MAX_SESSIONS = 10_000  # past this, expired sessions are swept, then the oldest signed-out ones

# No inline script anywhere: the pages carry none, and the policy would refuse it.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# A PDF is shown inside the case's own preview frame, so only it may frame one.
PDF_HEADERS = {
    **{k: v for k, v in HEADERS.items() if k not in ("Content-Security-Policy", "X-Frame-Options")},
    "Content-Security-Policy": "frame-ancestors 'self'",
    "X-Frame-Options": "SAMEORIGIN",
}


@dataclass
class Session:
    csrf: str
    user: str | None = None
    created: float = field(default_factory=time.time)
    seen: float = field(default_factory=time.time)


SEEN_EVERY = 60  # seconds: the last-seen time is rewritten at most this often, not on every request


def _hashed(sid: str) -> str:
    """How a session id is stored: its SHA-256, so the file never holds a usable cookie."""
    return hashlib.sha256(sid.encode("utf-8")).hexdigest()


class Sessions:
    """Server-side sessions in a SQLite file of their own (beside the register), so they
    outlive one process and several workers share them.

    The cookie carries a random id; the file holds only the id's SHA-256, the CSRF token,
    the user and two times. An expired session is deleted when next looked up and whenever
    a new one is made; signing out deletes it at once.
    """

    def __init__(self, path: Path, clock=time.time):  # noqa: ANN001
        self.path = Path(path)
        self._clock = clock
        if not self.path.exists():  # only its owner may read it
            self.path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
        finally:
            conn.close()
        with self._connect() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS sessions (id_sha256 TEXT PRIMARY KEY, csrf TEXT NOT NULL, "
                "user TEXT, created REAL NOT NULL, seen REAL NOT NULL)"
            )

    @contextmanager
    def _connect(self, transaction: bool = True) -> Iterator[sqlite3.Connection]:
        """A connection; with ``transaction`` its statements are one write transaction, else
        each statement stands alone (a lookup on every request takes no write lock)."""
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous=NORMAL")
            if not transaction:
                yield conn
                return
            with write_transaction(conn):
                yield conn
        finally:
            conn.close()

    def _expired(self, conn: sqlite3.Connection, now: float) -> None:
        conn.execute("DELETE FROM sessions WHERE seen < ? OR created < ?", (now - IDLE_SECONDS, now - MAX_SECONDS))

    def new(self, user: str | None = None) -> tuple[str, Session]:
        sid = secrets.token_urlsafe(32)
        now = self._clock()
        session = Session(csrf=secrets.token_urlsafe(32), user=user, created=now, seen=now)
        with self._connect() as conn:
            self._expired(conn, now)
            # bounded however many sign-in pages are fetched: the oldest never signed in go first
            extra = conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] - MAX_SESSIONS + 1
            if extra > 0:
                conn.execute(
                    "DELETE FROM sessions WHERE id_sha256 IN (SELECT id_sha256 FROM sessions WHERE user IS NULL "
                    "ORDER BY created LIMIT ?)", (extra,),
                )
            conn.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, ?)", (_hashed(sid), session.csrf, user, now, now))
        return sid, session

    def __len__(self) -> int:
        with self._connect(transaction=False) as conn:
            return conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]

    def get(self, sid: str | None) -> Session | None:
        if not sid:
            return None
        now = self._clock()
        key = _hashed(sid)
        with self._connect(transaction=False) as conn:
            row = conn.execute("SELECT csrf, user, created, seen FROM sessions WHERE id_sha256=?", (key,)).fetchone()
            if row is None:
                return None
            session = Session(*row)
            if now - session.seen > IDLE_SECONDS or now - session.created > MAX_SECONDS:
                conn.execute("DELETE FROM sessions WHERE id_sha256=?", (key,))
                return None
            if now - session.seen >= SEEN_EVERY:
                conn.execute("UPDATE sessions SET seen=? WHERE id_sha256=?", (now, key))
                session.seen = now
            return session

    def end(self, sid: str | None) -> None:
        if not sid:
            return
        with self._connect(transaction=False) as conn:
            conn.execute("DELETE FROM sessions WHERE id_sha256=?", (_hashed(sid),))


def csrf_ok(session: Session | None, token: object) -> bool:
    """Whether a posted token is this session's (compared in constant time)."""
    return session is not None and isinstance(token, str) and hmac.compare_digest(session.csrf, token)


class RateLimit:
    """At most ``limit`` failed logins per key (a user name, a client address) per window."""

    def __init__(self, limit: int = 5, window: float = 15 * 60, clock=time.monotonic):  # noqa: ANN001
        self.limit, self.window, self._clock = limit, window, clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str) -> deque[float]:
        now = self._clock()
        queue = self._failures.setdefault(key, deque())
        while queue and now - queue[0] > self.window:
            queue.popleft()
        return queue

    def blocked(self, *keys: str) -> bool:
        with self._lock:
            return any(len(self._recent(k)) >= self.limit for k in keys)

    def failed(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._recent(key).append(self._clock())

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)
