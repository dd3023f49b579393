"""``docgen register approval``: the application's approval steps from the command line,
with the workbench's order and roles, ending in an application ``render --issue`` lets out."""

from __future__ import annotations

from docgen.register.approval import approval_of
from tests.inprocess import run_docgen

CASE = "MPS-SCPO-0007"


def docgen(*args, cwd, user="Sergeant Example"):
    return run_docgen(*args, cwd=cwd, env={"DOCGEN_USER": user, "DOCGEN_REGISTER": str(cwd / "cases" / "docgen.db")})


def test_steps_follow_the_order_and_roles_and_each_is_logged(workspace):
    register = workspace / "cases" / "docgen.db"
    assert docgen("register", "sync", "cases/signwell-authorised.yaml", cwd=workspace).returncode == 0
    shown = docgen("register", "approval", CASE, cwd=workspace)
    assert shown.returncode == 0 and f"case {CASE}: the application is drafted" in shown.stdout

    early = docgen("register", "approval", CASE, "send", "--role", "officer", cwd=workspace)
    assert early.returncode == 2 and "the application is drafted; 'Record as sent to the CPS' follows only reviewed" in early.stderr
    no_role = docgen("register", "approval", CASE, "review", cwd=workspace)
    assert no_role.returncode == 2 and "--role: say which role you act in: 'review' may be taken by a supervisor or admin" in no_role.stderr
    wrong_role = docgen("register", "approval", CASE, "review", "--role", "officer", cwd=workspace)
    assert wrong_role.returncode == 2 and "only a supervisor or admin may mark as reviewed" in wrong_role.stderr
    assert "Traceback" not in early.stderr + no_role.stderr + wrong_role.stderr
    assert approval_of(register, CASE).state == "drafted"

    assert docgen("register", "approval", CASE, "review", "--role", "supervisor", cwd=workspace, user="Inspector Example").returncode == 0
    assert docgen("register", "approval", CASE, "send", "--role", "officer", cwd=workspace).returncode == 0
    bare = docgen("register", "approval", CASE, "return", "--role", "supervisor", cwd=workspace)
    assert bare.returncode == 2 and "returning needs comments" in bare.stderr
    done = docgen("register", "approval", CASE, "authorise", "--role", "supervisor", "--comment", "authority given", cwd=workspace)
    assert done.returncode == 0 and f"case {CASE}: the application is authorised" in done.stdout
    assert [(e.user, e.action) for e in approval_of(register, CASE).history] == [
        ("Inspector Example", "approval-review"), ("Sergeant Example", "approval-send"), ("Sergeant Example", "approval-authorise"),
    ]  # fmt: skip


def test_a_case_the_register_does_not_hold_is_refused(workspace):
    assert docgen("register", "sync", "cases/signwell-authorised.yaml", cwd=workspace).returncode == 0
    result = docgen("register", "approval", "NOT-A-CASE", "review", "--role", "supervisor", cwd=workspace)
    assert result.returncode == 2
    assert "case NOT-A-CASE is not in the register: `docgen register sync CASE_FILE` first" in result.stderr
