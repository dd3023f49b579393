"""The application's approval, and the one rule that gates issuing it.

An SCPO application goes: drafted, reviewed by a supervisor, sent to the CPS, then
authorised or returned with comments (the prosecutor, not the police, applies to the
court: Serious Crime Act 2007, s.8). Each step is one line in the register's log (action
``approval-<step>``, who took it, when, the comments as the reason); the approval's state
is read back from those lines, so the register is the only record and ``docgen register
log`` shows every step.

:func:`refuse_unless_authorised` is the rule both ``docgen render --issue`` and the
workbench go through (it is called by the issuing step itself): the final application is
issued only once the register records the CPS's authority.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DocgenError
from .store import LogEntry, Register

GATED_KINDS = ("scpo-application",)  # issued only once the approval is authorised
PREFIX = "approval-"
PATH = "drafted -> reviewed by a supervisor -> sent to the CPS -> authorised"


@dataclass(frozen=True)
class Step:
    name: str  # as logged: approval-<name>
    label: str  # the button's words
    done: str  # the state it leads to
    after: tuple[str, ...]  # the states it may follow
    roles: tuple[str, ...]  # who may take it
    needs_comment: bool = False


STEPS = {
    s.name: s
    for s in (
        Step("review", "Mark as reviewed", "reviewed", ("drafted", "returned"), ("supervisor", "admin")),
        Step("send", "Record as sent to the CPS", "sent to the CPS", ("reviewed",), ("officer", "supervisor", "admin")),
        Step("authorise", "Record the CPS's authority", "authorised", ("sent to the CPS",), ("supervisor", "admin")),
        Step("return", "Record as returned with comments", "returned", ("sent to the CPS", "reviewed"),
             ("supervisor", "admin"), needs_comment=True),
    )
}

# What is still to happen from each state, in words for a refusal.
NEXT = {
    "drafted": "a supervisor has not yet reviewed it",
    "reviewed": "it is reviewed but not yet recorded as sent to the CPS",
    "sent to the CPS": "it is with the CPS and their authority is not yet recorded",
    "returned": "the CPS returned it with comments; a supervisor must review it again",
}


@dataclass(frozen=True)
class Approval:
    state: str
    history: tuple[LogEntry, ...]

    def next_steps(self, role: str) -> list[Step]:
        return [s for s in STEPS.values() if self.state in s.after and role in s.roles]


def approval_of(register: Path, case_id: str) -> Approval:
    """The approval's state from the register's log (``drafted`` before any step)."""
    if not Path(register).is_file():
        return Approval("drafted", ())
    with Register.open(register) as reg:
        entries = reg.log(case_id)
    return Approval(state_of(entries), tuple(e for e in entries if e.action.startswith(PREFIX)))


class StepRefused(Exception):
    """A step the approval's state or the user's role does not allow, in words."""


def take_step(register: Path, case_id: str, step_name: str, *, user: str, role: str, comment: str) -> Approval:
    """Record one step, after checking it follows the current state and the role allows it."""
    step = STEPS.get(step_name)
    if step is None:
        raise StepRefused(f"'{step_name}' is not an approval step")
    if role not in step.roles:
        raise StepRefused(f"only a {' or '.join(step.roles)} may {step.label.lower()}")
    with Register.open(register, create=True) as reg, reg.writing():  # one transaction: no two steps race
        current = state_of(reg.log(case_id))
        if current not in step.after:
            raise StepRefused(f"the application is {current}; '{step.label}' follows only {' or '.join(step.after)}")
        comment = comment.strip()
        if step.needs_comment and not comment:
            raise StepRefused("say what the CPS asked to change: returning needs comments")
        reg.note(user=user, action=PREFIX + step.name, case_id=case_id, reason=comment or step.done)
    return approval_of(register, case_id)


def refuse_unless_authorised(reg: Register, case_id: str, kind: str, case_file: str | Path = "") -> None:
    """Refuse to issue a gated kind until the register records the approval as authorised."""
    if kind not in GATED_KINDS:
        return
    state = state_of(reg.log(case_id))
    if state == "authorised":
        return
    raise DocgenError(
        f"case {case_id}: the SCPO application is {state} ({NEXT.get(state, state)}); it can be issued only "
        f"once the CPS's authority is recorded in its approval ({PATH}). Take the remaining steps in the "
        "workbench (docgen serve) or with `docgen register approval CASE STEP`; `docgen register approval CASE` "
        "shows those taken so far",
        file=case_file,
        field="approval",
    )


def state_of(entries: list[LogEntry]) -> str:
    """The state the approval steps in ``entries`` (one case's log, oldest first) lead to."""
    state = "drafted"
    for entry in entries:
        step = STEPS.get(entry.action[len(PREFIX):]) if entry.action.startswith(PREFIX) else None
        if step is not None:
            state = step.done
    return state
