"""The workbench's routes and the app: a thin shell over the same library calls the CLI makes.

Every rule (validation, the order's state, lint, the state and timeline checks on a
document, issuing and its register record) is the library's; the page modules only read
forms, check who is asking, call the library and show the answer. A user sees only the
cases of their teams; a case they may not see answers exactly as a case that does not
exist. Each view of a case and each document shown or downloaded is logged in the
register through its public ``note``; the server's own log never carries case data.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from . import security
from .auth import login, login_form, logout
from .base import Config, Refused, SignIn, State, assets, log, page
from .caseload import CaseFolder
from .documents import build_pack, bundle, bundle_form, download, download_pack, issue, issue_form, preview
from .forms import approval_step, edit, edit_form, new_case, new_case_form, remove_term
from .pages import calendar, case_page, clause, clauses, home, register_log, stylesheet
from .users import ROLES

ROUTES = [
    Route("/", home),
    Route("/login", login_form, methods=["GET"]),
    Route("/login", login, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/log", register_log),
    Route("/new", new_case_form, methods=["GET"]),
    Route("/new", new_case, methods=["POST"]),
    Route("/static/app.css", stylesheet),
    Route("/calendar.ics", calendar),
    Route("/clauses", clauses),
    Route("/clauses/{code}", clause),
    Route("/cases/{case_id}/calendar.ics", calendar),
    Route("/cases/{case_id}/approval", approval_step, methods=["POST"]),
    Route("/cases/{case_id}/pack", build_pack, methods=["POST"]),
    Route("/cases/{case_id}/pack", download_pack, methods=["GET"]),
    Route("/cases/{case_id}/bundle", bundle_form, methods=["GET"]),
    Route("/cases/{case_id}/bundle", bundle, methods=["POST"]),
    Route("/cases/{case_id}", case_page),
    Route("/cases/{case_id}/preview", preview),
    Route("/cases/{case_id}/issue", issue_form, methods=["GET"]),
    Route("/cases/{case_id}/issue", issue, methods=["POST"]),
    Route("/cases/{case_id}/download", download),
    Route("/cases/{case_id}/edit/terms/{number}", edit_form, methods=["GET"]),
    Route("/cases/{case_id}/edit/terms/{number}", edit, methods=["POST"]),
    Route("/cases/{case_id}/terms/{number}/remove", remove_term, methods=["POST"]),
    Route("/cases/{case_id}/edit/history/{event}", edit_form, methods=["GET"]),
    Route("/cases/{case_id}/edit/history/{event}", edit, methods=["POST"]),
    Route("/cases/{case_id}/edit/convictions/{conviction}", edit_form, methods=["GET"]),
    Route("/cases/{case_id}/edit/convictions/{conviction}", edit, methods=["POST"]),
    Route("/cases/{case_id}/edit/{section}", edit_form, methods=["GET"]),
    Route("/cases/{case_id}/edit/{section}", edit, methods=["POST"]),
]


async def _headers(request: Request, call_next):  # noqa: ANN001, ANN202
    """Security headers on every response; a bug answers with a plain page, logged by type only."""
    try:
        response = await call_next(request)
    except Exception as exc:  # never case data in the server log
        log.error("internal error on %s %s: %s", request.method, request.url.path, type(exc).__name__)
        response = page(request, "refused.html", 500, title="Something went wrong",
                         messages=["The workbench hit an internal error. Nothing was saved or issued by this request."])
    for name, value in security.HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def create_app(config: Config) -> Starlette:
    """The workbench over one case folder and register."""
    async def sign_in(request: Request, exc: Exception) -> Response:
        return RedirectResponse("/login", status_code=303)

    async def refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refused)
        return page(request, "refused.html", exc.status, title=exc.title, messages=exc.messages)

    app = Starlette(
        routes=[*ROUTES, assets()],
        exception_handlers={SignIn: sign_in, Refused: refused},
        middleware=[Middleware(BaseHTTPMiddleware, dispatch=_headers)],
    )
    app.state.workbench = State(config, CaseFolder(config.cases), security.Sessions(config.sessions_file),
                                limiter=security.RateLimit(config.login_limit))
    return app


__all__ = ["Config", "ROLES", "create_app"]
