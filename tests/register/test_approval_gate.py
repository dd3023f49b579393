"""``docgen render --issue`` of the SCPO application waits for its approval, as the workbench does."""

from __future__ import annotations

from docgen.register import Register
from docgen.register.approval import take_step
from tests.inprocess import run_docgen


def docgen(*args, cwd):
    return run_docgen(*args, cwd=cwd, env={"DOCGEN_USER": "Officer Example"})


def _issue(workspace):
    return docgen("render", "scpo-application", "cases/signwell-authorised.yaml", "--out", "out",
                  "--issue", "--reason", "application for the hearing", "--format", "pdf", cwd=workspace)


def test_the_application_is_refused_naming_the_case_and_its_step(workspace):
    result = _issue(workspace)
    assert result.returncode == 2
    assert "case MPS-SCPO-0007: the SCPO application is drafted (a supervisor has not yet reviewed it)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (workspace / "out").exists() or not list((workspace / "out").iterdir())
    with Register.open(workspace / "cases" / "docgen.db", create=True) as reg:
        assert reg.issued("MPS-SCPO-0007") == []


def test_each_step_short_of_authority_still_refuses_then_authority_lets_it_out(workspace):
    register = workspace / "cases" / "docgen.db"
    take_step(register, "MPS-SCPO-0007", "review", user="sup", role="supervisor", comment="")
    assert "is reviewed (it is reviewed but not yet recorded as sent to the CPS)" in _issue(workspace).stderr
    take_step(register, "MPS-SCPO-0007", "send", user="off", role="officer", comment="")
    assert "is sent to the CPS (it is with the CPS" in _issue(workspace).stderr
    take_step(register, "MPS-SCPO-0007", "return", user="sup", role="supervisor", comment="more evidence for term 2")
    assert "the CPS returned it with comments" in _issue(workspace).stderr
    take_step(register, "MPS-SCPO-0007", "review", user="sup", role="supervisor", comment="")
    take_step(register, "MPS-SCPO-0007", "send", user="off", role="officer", comment="")
    take_step(register, "MPS-SCPO-0007", "authorise", user="sup", role="supervisor", comment="authority given")
    result = _issue(workspace)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("issued MPS/")


def test_other_kinds_are_not_gated(workspace):
    result = docgen("render", "cps-covering-note", "cases/signwell-authorised.yaml", "--out", "out",
                    "--issue", "--reason", "covering note", "--format", "pdf", cwd=workspace)
    assert result.returncode == 0, result.stderr
