"""Sessions, CSRF tokens, the login rate limit and the security headers.

Sessions are kept on the server (the cookie carries only a random id), so logging out or
restarting the server ends them. Every state-changing request carries the session's CSRF
token in a form field; the cookie is HttpOnly and SameSite=Strict as a second guard.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field

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
    created: float = field(default_factory=time.monotonic)
    seen: float = field(default_factory=time.monotonic)


class Sessions:
    """Server-side sessions by random id; expired ones are dropped when next looked up."""

    def __init__(self, clock=time.monotonic):  # noqa: ANN001
        self._by_id: dict[str, Session] = {}
        self._lock = threading.Lock()
        self._clock = clock

    def new(self, user: str | None = None) -> tuple[str, Session]:
        sid = secrets.token_urlsafe(32)
        now = self._clock()
        session = Session(csrf=secrets.token_urlsafe(32), user=user, created=now, seen=now)
        with self._lock:
            if len(self._by_id) >= MAX_SESSIONS:
                self._sweep(now)
            self._by_id[sid] = session
        return sid, session

    def _sweep(self, now: float) -> None:
        """Bounded memory however many sign-in pages are fetched: expired sessions go first,
        then the oldest that never signed in."""
        for sid, s in list(self._by_id.items()):
            if now - s.seen > IDLE_SECONDS or now - s.created > MAX_SECONDS:
                del self._by_id[sid]
        anonymous = sorted((s.created, sid) for sid, s in self._by_id.items() if s.user is None)
        for _, sid in anonymous[: max(0, len(self._by_id) - MAX_SESSIONS + 1)]:
            del self._by_id[sid]

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, sid: str | None) -> Session | None:
        if not sid:
            return None
        now = self._clock()
        with self._lock:
            session = self._by_id.get(sid)
            if session is None:
                return None
            if now - session.seen > IDLE_SECONDS or now - session.created > MAX_SECONDS:
                del self._by_id[sid]
                return None
            session.seen = now
            return session

    def end(self, sid: str | None) -> None:
        with self._lock:
            self._by_id.pop(sid or "", None)


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
