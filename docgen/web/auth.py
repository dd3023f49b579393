"""Signing in and out: argon2 passwords, the rate limit, a fresh session id at sign-in."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from . import security
from .base import page, posted_form, signed_in, state_of
from .users import authenticate, load_users


async def login_form(request: Request) -> Response:
    st = state_of(request)
    session = st.sessions.get(request.cookies.get(security.SESSION_COOKIE))
    if session is not None and session.user is not None:
        return RedirectResponse("/", status_code=303)
    fresh = session is None
    if fresh:
        sid, session = st.sessions.new()
    request.state.session = session
    response = page(request, "login.html", errors=[], name="")
    if fresh:
        _set_cookie(request, response, sid)
    return response


async def login(request: Request) -> Response:
    st = state_of(request)
    session = st.sessions.get(request.cookies.get(security.SESSION_COOKIE))
    request.state.session = session
    form = await posted_form(request)
    name = form.get("name", "").strip().lower()
    client = f"ip:{request.client.host if request.client else '-'}"
    if st.limiter.blocked(f"user:{name}", client):
        return page(request, "login.html", 429, name=name,
                     errors=["Too many failed sign-in attempts. Wait 15 minutes and try again, or ask an administrator to reset your password."])
    user = authenticate(load_users(st.config.users), name, form.get("password", ""))
    if user is None:
        st.limiter.failed(f"user:{name}", client)
        return page(request, "login.html", 401, name=name, errors=["The user name or password is not right."])
    st.limiter.succeeded(f"user:{name}")
    st.sessions.end(request.cookies.get(security.SESSION_COOKIE))  # a new id at sign-in: no fixation
    sid, _ = st.sessions.new(user.name)
    response = RedirectResponse("/", status_code=303)
    _set_cookie(request, response, sid)
    return response


async def logout(request: Request) -> Response:
    signed_in(request)
    await posted_form(request)
    state_of(request).sessions.end(request.cookies.get(security.SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(security.SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response


def _set_cookie(request: Request, response: Response, sid: str) -> None:
    response.set_cookie(
        security.SESSION_COOKIE, sid, path="/", httponly=True, samesite="strict",
        secure=state_of(request).config.secure_cookies,
    )
