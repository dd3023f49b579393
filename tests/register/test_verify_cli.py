"""``register verify`` prints a head to write down, signs it with a key, and checks an old one."""

from __future__ import annotations

import datetime as dt

from typer.testing import CliRunner

from docgen.cli_register import app
from docgen.issuing import issue as issue_document
from docgen.register.chain import sign
from docgen.render import Options

DATES = {"EV-002": dt.date(2027, 2, 3), "EV-004": dt.date(2027, 3, 10)}


def issue(case, kind, *, event_id, **kw):
    return issue_document(case, kind, event_id=event_id, options=Options(date=DATES[event_id]), **kw)


def run(*args, env=None):
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def head_of(output: str) -> str:
    [line] = [line for line in output.splitlines() if line.startswith("head: ")]
    return line.split(": ", 1)[1]


def test_verify_prints_the_head_and_with_a_key_its_signature(drugs, tmp_path):
    issue(drugs, "warning-letter", event_id="EV-002", reason="advisory", out_dir=drugs.parent / "out", formats=("pdf",))
    db = drugs.parent / "docgen.db"
    key = tmp_path / "force.key"
    key.write_text("a fictional force key, long enough\n")
    plain = run("verify", "--register", db)
    assert plain.exit_code == 0 and "hash chain, triggers and schema intact" in plain.output
    assert "HMAC" not in plain.output
    head = head_of(plain.output)
    signed = run("verify", "--register", db, "--key", key)
    by_env = run("verify", "--register", db, env={"DOCGEN_REGISTER_KEY": str(key)})
    line = f"head HMAC-SHA256: {sign(head, b'a fictional force key, long enough')}"
    assert line in signed.output and line in by_env.output


def test_an_older_head_still_verifies_after_appends_and_a_wrong_one_fails(drugs):
    out = drugs.parent / "out"
    issue(drugs, "warning-letter", event_id="EV-002", reason="advisory", out_dir=out, formats=("pdf",))
    db = drugs.parent / "docgen.db"
    head = head_of(run("verify", "--register", db).output)
    issue(drugs, "warning-letter", event_id="EV-004", reason="first warning", out_dir=out, formats=("pdf",))
    assert run("verify", "--register", db, "--since", head).exit_code == 0
    forged = head[:-1] + ("0" if head[-1] != "0" else "1")
    bad = run("verify", "--register", db, "--since", forged)
    assert bad.exit_code == 1 and "BROKEN: head: the first 1 documents and 1 log entries are not the ones" in bad.output
    nonsense = run("verify", "--register", db, "--since", "yesterday")
    assert nonsense.exit_code == 2 and "--since" in nonsense.output


def test_a_missing_or_short_key_file_is_a_clear_error(drugs, tmp_path):
    issue(drugs, "warning-letter", event_id="EV-002", reason="advisory", out_dir=drugs.parent / "out", formats=("pdf",))
    db = drugs.parent / "docgen.db"
    missing = run("verify", "--register", db, "--key", tmp_path / "absent.key")
    assert missing.exit_code == 2 and "--key: cannot read the key file" in missing.output
