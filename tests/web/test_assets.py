"""The GOV.UK Frontend stylesheet: built by `npm ci`, served by the workbench, and a clear
refusal at start when it has not been built."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from docgen.cli import app
from docgen.errors import DocgenError
from docgen.web import base, create_app
from docgen.web.users import add_user
from tests.web.conftest import PASSWORD, sign_in


def test_the_govuk_stylesheet_is_served_cacheable_with_the_security_headers(client):
    response = client.get("/static/govuk/workbench.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
    css = response.text
    assert ".govuk-error-summary" in css and ".govuk-summary-list" in css and '--govuk-frontend-version: "' in css
    assert response.headers["cache-control"] == "max-age=3600"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_the_stylesheet_uses_arial_and_asks_for_no_font_file(client):
    """GDS Transport is licensed for GOV.UK services only: it is compiled out, not merely unused."""
    css = client.get("/static/govuk/workbench.css").text
    assert "GDS Transport" not in css and "@font-face" not in css and "/assets/fonts/" not in css
    assert "font-family:arial,sans-serif" in css


def test_every_page_links_the_govuk_stylesheet_before_its_own(client):
    sign_in(client, "olive")
    html = client.get("/").text
    assert html.index('href="/static/govuk/workbench.css"') < html.index('href="/static/app.css"')
    assert '<a href="#main-content" class="govuk-skip-link">' in html and 'id="main-content"' in html


def test_the_app_refuses_to_start_when_the_stylesheet_is_not_built(config, tmp_path, monkeypatch):
    monkeypatch.setattr(base, "STYLESHEET", tmp_path / "build" / "workbench.css")
    with pytest.raises(DocgenError, match=r"stylesheet is not built: run `npm ci`"):
        create_app(config)


def test_docgen_serve_names_the_npm_command_when_the_stylesheet_is_missing(tmp_path, monkeypatch):
    import uvicorn

    (tmp_path / "cases").mkdir()
    add_user(tmp_path / "users.json", "olive", "officer", ["WYP"], PASSWORD)
    monkeypatch.setattr(base, "STYLESHEET", tmp_path / "build" / "workbench.css")
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: pytest.fail("started without its stylesheet"))
    result = CliRunner().invoke(app, ["serve", "--cases", str(tmp_path / "cases"), "--users", str(tmp_path / "users.json")])
    assert result.exit_code == 2
    assert "npm ci" in result.output and "Traceback" not in result.output
