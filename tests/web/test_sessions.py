"""Sessions expire, and fetching the sign-in page without end cannot grow them without end."""

from __future__ import annotations

from docgen.web import security


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_session_ends_after_30_idle_minutes():
    clock = Clock()
    sessions = security.Sessions(clock)
    sid, _ = sessions.new("olive")
    clock.now += 29 * 60
    assert sessions.get(sid) is not None
    clock.now += 31 * 60
    assert sessions.get(sid) is None


def test_a_session_ends_after_ten_hours_however_busy():
    clock = Clock()
    sessions = security.Sessions(clock)
    sid, _ = sessions.new("olive")
    for _ in range(41):
        clock.now += 15 * 60
        sessions.get(sid)
    assert sessions.get(sid) is None


def test_signed_out_sessions_are_dropped_oldest_first_past_the_cap(monkeypatch):
    monkeypatch.setattr(security, "MAX_SESSIONS", 5)
    clock = Clock()
    sessions = security.Sessions(clock)
    signed_in, _ = sessions.new("olive")
    first_anonymous, _ = sessions.new()
    for _ in range(20):
        clock.now += 1
        sessions.new()
    assert len(sessions) <= 5
    assert sessions.get(signed_in) is not None
    assert sessions.get(first_anonymous) is None


def test_the_rate_limit_forgets_failures_after_its_window():
    clock = Clock()
    limit = security.RateLimit(limit=2, window=60, clock=clock)
    limit.failed("user:olive")
    limit.failed("user:olive")
    assert limit.blocked("user:olive")
    clock.now += 61
    assert not limit.blocked("user:olive")
