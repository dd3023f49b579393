"""A workbench over a copy of the sample cases, with one account per role and team."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("argon2")

from starlette.testclient import TestClient  # noqa: E402

from docgen.web import Config, create_app  # noqa: E402
from docgen.web.users import add_user  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
PASSWORD = "correct horse battery"
TODAY = dt.date(2027, 8, 9)


@pytest.fixture(scope="session")
def _users_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Hashing is slow by design: the accounts are made once and copied, and hashed at
    argon2id's lowest cost, which a hash carries with it, so each of the suite's hundred-odd
    sign-ins is verified in a millisecond instead of a tenth of a second. Accounts made by
    ``docgen users add`` keep the library's default cost (tests/web/test_users_cli.py)."""
    from argon2 import PasswordHasher

    from docgen.web import users

    path = tmp_path_factory.mktemp("users") / "users.json"
    default, users._hasher = users._hasher, PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    try:
        add_user(path, "olive", "officer", ["WYP"], PASSWORD)
        add_user(path, "sam", "supervisor", ["WYP"], PASSWORD)
        add_user(path, "mo", "officer", ["MPS"], PASSWORD)
        add_user(path, "max", "supervisor", ["MPS"], PASSWORD)
    finally:
        users._hasher = default
    assert "$argon2id$v=19$m=8,t=1,p=1$" in path.read_text()
    return path


@pytest.fixture
def workspace(tmp_path: Path, _users_file: Path) -> Path:
    for folder in ("cases", "house-style", "evidence"):
        shutil.copytree(SAMPLES / folder, tmp_path / folder)
    shutil.copy(_users_file, tmp_path / "users.json")
    return tmp_path


@pytest.fixture
def config(workspace: Path) -> Config:
    return Config(
        cases=workspace / "cases", register=workspace / "docgen.db", users=workspace / "users.json",
        out=workspace / "issued", today=lambda: TODAY,
    )


@pytest.fixture
def client(config: Config) -> TestClient:
    return TestClient(create_app(config), follow_redirects=False)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> TestClient:
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"name": name, "password": password, "csrf": token})
    assert response.status_code == 303, response.text
    return client


def text_of(html: str) -> str:
    """What a reader sees: the tags dropped, the spaces collapsed."""
    import html as html_lib

    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def token(client: TestClient, path: str = "/") -> str:
    return csrf_of(client.get(path).text)


@contextmanager
def serving(config: Config) -> Iterator[str]:
    """The workbench served by uvicorn on a free local port, for a real browser; its address."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    instance = uvicorn.Server(uvicorn.Config(create_app(config), host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    for _ in range(200):
        if instance.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(timeout=5)


@pytest.fixture
def live_server(config: Config):
    with serving(config) as url:
        yield url


# --------------------------------------------------------------------------- a real browser

# Debian's headless shell where installed (`apt-get install chromium-headless-shell`, as
# .ci/run does): the same Blink and V8 as `chromium`, without the desktop browser around them,
# so about half the CPU for the same pages (Playwright's own headless mode is this shell).
CHROMIUM = shutil.which("chromium-headless-shell") or shutil.which("chromium") or "/usr/bin/chromium"
# Headless, and without the background calls a closed network refuses.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
#: ``pytestmark`` of every test module that drives Debian's chromium.
BROWSER_TESTS = [
    pytest.mark.slow,  # a browser and a server: seconds, not milliseconds
    pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                       reason="needs Debian's chromium (apt-get install chromium)"),
]


@pytest.fixture(scope="session")
def chromium():
    """One chromium for the whole run (each test opens its own context: no shared cookies)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    playwright = sync_api.sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()
    playwright.stop()
