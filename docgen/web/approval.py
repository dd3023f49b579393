"""The application's approval: drafted, reviewed by a supervisor, sent to the CPS, then
authorised or returned with comments.

Each step is one line in the register's log (action ``approval-<step>``, the user, the
time and the comments as the reason), written through the register's public ``note``; the
approval's state is read back from those lines, so the register is the only record and
``docgen register log`` shows every step. The workbench issues the final application
(``scpo-application``) only once the approval is authorised.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..register import LogEntry, Register

GATED_KINDS = ("scpo-application",)  # issued only once the approval is authorised
PREFIX = "approval-"


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
    return Approval(_state(entries), tuple(e for e in entries if e.action.startswith(PREFIX)))


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
        current = _state(reg.log(case_id))
        if current not in step.after:
            raise StepRefused(f"the application is {current}; '{step.label}' follows only {' or '.join(step.after)}")
        comment = comment.strip()
        if step.needs_comment and not comment:
            raise StepRefused("say what the CPS asked to change: returning needs comments")
        reg.note(user=user, action=PREFIX + step.name, case_id=case_id, reason=comment or step.done)
    return approval_of(register, case_id)


def _state(entries: list[LogEntry]) -> str:
    state = "drafted"
    for entry in entries:
        step = STEPS.get(entry.action[len(PREFIX):]) if entry.action.startswith(PREFIX) else None
        if step is not None:
            state = step.done
    return state
