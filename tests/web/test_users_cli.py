"""``docgen users add`` and ``docgen serve``'s refusals, through the command line."""

from __future__ import annotations

import json
import stat

from argon2 import PasswordHasher
from typer.testing import CliRunner

from docgen.cli import app
from docgen.web.users import authenticate, load_users

runner = CliRunner()


def _add(tmp_path, *args, password="a long enough secret"):
    return runner.invoke(app, ["users", "add", *args, "--users", str(tmp_path / "users.json"), "--password-stdin"], input=password + "\n")


def test_users_add_stores_an_argon2_hash_readable_only_by_its_owner(tmp_path):
    result = _add(tmp_path, "olive", "--role", "supervisor", "--team", "WYP", "--team", "MPS")
    assert result.exit_code == 0, result.output
    path = tmp_path / "users.json"
    raw = path.read_text()
    assert "a long enough secret" not in raw and "$argon2id$" in raw
    default = PasswordHasher()  # the library's recommended cost, not the tests' cheap accounts
    assert f"m={default.memory_cost},t={default.time_cost},p={default.parallelism}$" in raw
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    [row] = json.loads(raw)["users"]
    assert (row["name"], row["role"], row["teams"]) == ("olive", "supervisor", ["MPS", "WYP"])
    assert authenticate(load_users(path), "olive", "a long enough secret").role == "supervisor"
    assert authenticate(load_users(path), "olive", "a long enough secreT") is None


def test_users_add_refuses_a_bad_role_a_short_password_and_no_team(tmp_path):
    result = _add(tmp_path, "olive", "--role", "chief", password="short")
    assert result.exit_code == 2
    assert "'chief' is not a role" in result.output
    assert "at least 12 characters" in result.output
    assert "name at least one team" in result.output
    assert not (tmp_path / "users.json").exists()


def test_users_add_refuses_a_duplicate_without_replace(tmp_path):
    _add(tmp_path, "olive", "--team", "WYP")
    again = _add(tmp_path, "olive", "--team", "WYP")
    assert again.exit_code == 2 and "already exists" in again.output
    assert _add(tmp_path, "olive", "--team", "MPS", "--replace").exit_code == 0
    assert load_users(tmp_path / "users.json")["olive"].teams == ("MPS",)


def test_users_list_never_prints_hashes(tmp_path):
    _add(tmp_path, "olive", "--team", "WYP")
    result = runner.invoke(app, ["users", "list", "--users", str(tmp_path / "users.json")])
    assert result.output.strip() == "olive  officer  WYP"


def test_serve_refuses_to_start_without_accounts(tmp_path):
    (tmp_path / "cases").mkdir()
    result = runner.invoke(app, ["serve", "--cases", str(tmp_path / "cases")])
    assert result.exit_code == 2 and "no accounts yet" in result.output


def test_serve_listens_on_localhost_only_unless_told_and_keeps_no_access_log(tmp_path, monkeypatch):
    import uvicorn

    (tmp_path / "cases").mkdir()
    _add(tmp_path / "cases", "olive", "--team", "WYP")
    (tmp_path / "cases" / "users.json").rename(tmp_path / "users.json")
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    result = runner.invoke(app, ["serve", "--cases", str(tmp_path / "cases"), "--users", str(tmp_path / "users.json")])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8000 and seen["access_log"] is False
