"""What every page of the workbench shares: its configuration, who is asking, the CSRF
check on a posted form, the case a user may see, the register note, the page template.

A case the user's teams do not manage answers exactly as a case that does not exist.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from ..errors import DocgenError
from ..register import Register
from . import security
from .caseload import CaseFolder, Entry
from .users import User, load_users

log = logging.getLogger("docgen.web")
HERE = Path(__file__).parent
# GOV.UK Frontend compiled by `npm ci` (package.json's build script); never kept in the repository
BUILT = HERE / "static" / "build"
STYLESHEET = BUILT / "workbench.css"


@dataclass
class Config:
    """Where the workbench reads and writes, and the day it treats as today."""

    cases: Path
    register: Path
    users: Path
    out: Path
    secure_cookies: bool = False  # set when served over TLS (see docs/deploying.md)
    today: Callable[[], dt.date] = dt.date.today
    login_limit: int = 5
    sessions: Path | None = None  # the session store; by default beside the register

    @property
    def sessions_file(self) -> Path:
        return self.sessions or Path(self.register).with_name(Path(self.register).stem + "-sessions.db")


@dataclass
class State:
    config: Config
    folder: CaseFolder
    sessions: security.Sessions
    # lint findings by the case file's SHA-256: the same file with the same library lints the same
    findings: dict[str, list[Any]] = field(default_factory=dict)
    limiter: security.RateLimit = field(default_factory=security.RateLimit)


_env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
    extensions=["jinja2.ext.loopcontrols"],
)


class Refused(Exception):
    """A request the workbench answers with a page that says why, in words."""

    def __init__(self, status: int, title: str, message: str | list[str]):
        super().__init__(title)
        self.status, self.title = status, title
        self.messages = [message] if isinstance(message, str) else list(message)


# ---------------------------------------------------------------------- plumbing


class _Assets(StaticFiles):
    """The built stylesheet, cacheable for an hour (pages themselves are never cached)."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "max-age=3600"
        return response


def assets() -> Mount:
    """The mount serving GOV.UK Frontend's compiled styles, refused at start when not built:
    the pages would be unstyled and, for keyboard users, without a visible focus."""
    if not STYLESHEET.is_file():
        raise DocgenError(
            "the workbench's stylesheet is not built: run `npm ci` in the docgen source folder "
            "(it installs GOV.UK Frontend from package-lock.json and compiles the stylesheet)",
            file=STYLESHEET, field="serve",
        )
    return Mount("/static/govuk", app=_Assets(directory=BUILT), name="govuk")


def state_of(request: Request) -> State:
    return request.app.state.workbench


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    session = getattr(request.state, "session", None)
    html = _env.get_template(template).render(
        user=getattr(request.state, "user", None), csrf=session.csrf if session else "",
        url_query=request.query_params, **context
    )
    return HTMLResponse(html, status_code=status)


def signed_in(request: Request) -> User:
    """The signed-in user; anyone else is sent to the sign-in page."""
    st = state_of(request)
    session = st.sessions.get(request.cookies.get(security.SESSION_COOKIE))
    request.state.session = session
    if session is None or session.user is None:
        raise SignIn()
    user = load_users(st.config.users).get(session.user)
    if user is None:  # the account was removed while signed in
        raise SignIn()
    request.state.user = user
    return user


class SignIn(Exception):
    pass


async def posted_form(request: Request) -> dict[str, str]:
    """The posted form, refused unless it carries this session's CSRF token."""
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    if not security.csrf_ok(getattr(request.state, "session", None), values.get("csrf")):
        raise Refused(403, "This form has expired", "The form was missing its security token or it did not match your session. Go back, reload the page and try again.")
    return values


def case_entry(request: Request, user: User) -> Entry:
    """The case named in the path, if this user's teams may see it; else not found."""
    case_id = request.path_params["case_id"]
    entry = state_of(request).folder.find(case_id)
    if entry is None or not user.may_see(entry.force):
        raise Refused(404, "Case not found", "There is no case with that id among your teams' cases.")
    return entry


def note(request: Request, user: User, action: str, case_id: str | None, reason: str, reference: str | None = None) -> None:
    """One line in the register's log (who, when, what, why): DPA 2018 s.62."""
    with Register.open(state_of(request).config.register, create=True) as reg:
        reg.note(user=user.name, action=action, case_id=case_id, reason=reason, reference=reference)


def issued_for(request: Request, case_id: str) -> list[Any]:
    path = state_of(request).config.register
    if not Path(path).is_file():
        return []
    with Register.open(path) as reg:
        return reg.issued(case_id)


def in_words(exc: DocgenError) -> list[str]:
    """A refusal in words, without this machine's paths."""
    return [f"{p.field}: {p.message}" if p.field else p.message for p in exc.problems]
