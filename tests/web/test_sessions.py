"""Sessions live in a file of their own, outlive the process, hold only hashed ids, expire,
and fetching the sign-in page without end cannot grow them without end."""

from __future__ import annotations

import sqlite3

from starlette.testclient import TestClient

from docgen.web import create_app, security
from tests.web.conftest import sign_in, token


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_session_ends_after_30_idle_minutes(tmp_path):
    clock = Clock()
    sessions = security.Sessions(tmp_path / "sessions.db", clock)
    sid, _ = sessions.new("olive")
    clock.now += 29 * 60
    assert sessions.get(sid) is not None
    clock.now += 31 * 60
    assert sessions.get(sid) is None


def test_a_session_ends_after_ten_hours_however_busy(tmp_path):
    clock = Clock()
    sessions = security.Sessions(tmp_path / "sessions.db", clock)
    sid, _ = sessions.new("olive")
    for _ in range(41):
        clock.now += 15 * 60
        sessions.get(sid)
    assert sessions.get(sid) is None


def test_signed_out_sessions_are_dropped_oldest_first_past_the_cap(monkeypatch, tmp_path):
    monkeypatch.setattr(security, "MAX_SESSIONS", 5)
    clock = Clock()
    sessions = security.Sessions(tmp_path / "sessions.db", clock)
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


def test_an_expired_session_leaves_the_file(tmp_path):
    clock = Clock()
    sessions = security.Sessions(tmp_path / "sessions.db", clock)
    old, _ = sessions.new("olive")
    clock.now += 31 * 60
    sessions.new("sam")  # making a session sweeps the expired ones
    assert len(sessions) == 1
    assert sessions.get(old) is None


def test_the_file_holds_only_the_ids_hash_and_only_its_owner_may_read_it(tmp_path):
    sessions = security.Sessions(tmp_path / "sessions.db")
    sid, session = sessions.new("olive")
    with sqlite3.connect(tmp_path / "sessions.db") as conn:
        rows = conn.execute("SELECT * FROM sessions").fetchall()
    assert len(rows) == 1 and sid not in rows[0] and session.csrf in rows[0]
    assert (tmp_path / "sessions.db").stat().st_mode & 0o077 == 0
    assert sid.encode() not in (tmp_path / "sessions.db").read_bytes()


def test_a_session_outlives_the_server_and_signing_out_ends_it_everywhere(config):
    first = sign_in(TestClient(create_app(config), follow_redirects=False), "olive")
    cookie = first.cookies[security.SESSION_COOKIE]
    restarted = TestClient(create_app(config), follow_redirects=False)  # a new process over the same files
    restarted.cookies.set(security.SESSION_COOKIE, cookie)
    assert restarted.get("/").status_code == 200
    assert restarted.post("/logout", data={"csrf": token(restarted)}).status_code == 303
    assert first.get("/").status_code == 303  # signed out in the other instance too
    assert len(security.Sessions(config.sessions_file)) == 0
    assert config.sessions_file.parent == config.register.parent
