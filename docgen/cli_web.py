"""``docgen serve`` and ``docgen users``: the officers' workbench from the command line.

The web parts are an optional extra (``pip install 'docgen[web]'``); without it these
commands say how to install it instead of failing with an import error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli_support import reported
from .errors import DocgenError

users_app = typer.Typer(
    name="users",
    help="Workbench accounts: who may sign in, with which role, for which teams.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

RegisterOpt = Annotated[
    Optional[Path], typer.Option("--register", help="Register file (default: $DOCGEN_REGISTER, then docgen.db beside the cases).")
]
UsersOpt = Annotated[Optional[Path], typer.Option("--users", help="Users file (default: users.json beside the register).")]


def _needs_web() -> None:
    try:
        import argon2  # noqa: F401
        import starlette  # noqa: F401
    except ImportError:
        raise DocgenError("the workbench needs its extra packages: pip install 'docgen[web]'", field="serve") from None


def _paths(cases: Path, register: Optional[Path], users: Optional[Path]) -> tuple[Path, Path]:
    from .register.where import register_path
    from .web.users import users_path

    reg = register_path(register, [cases / "case.yaml"])
    return reg, users_path(users, reg)


@users_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="User name (lower case), as typed at sign-in.", show_default=False)],
    role: Annotated[str, typer.Option("--role", help="officer, supervisor or admin.")] = "officer",
    team: Annotated[Optional[list[str]], typer.Option("--team", help="A force code whose cases the user sees (repeatable).")] = None,
    cases: Annotated[Path, typer.Option("--cases", help="The case folder (places the default register).")] = Path("."),
    register: RegisterOpt = None,
    users: UsersOpt = None,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from standard input.")] = False,
    replace: Annotated[bool, typer.Option("--replace", help="Reset an existing account.")] = False,
) -> None:
    """Add a workbench account; the password is asked for twice and stored as an argon2 hash."""
    with reported():
        _needs_web()
        from .web.users import add_user

        _, path = _paths(cases, register, users)
        if password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        user = add_user(path, name, role, list(team or []), password, replace=replace)
    typer.echo(f"{path}: {user.name} ({user.role}; teams {', '.join(user.teams)})")


@users_app.command("list")
def list_users(
    cases: Annotated[Path, typer.Option("--cases", help="The case folder (places the default register).")] = Path("."),
    register: RegisterOpt = None,
    users: UsersOpt = None,
) -> None:
    """The accounts: name, role and teams (never the hashes)."""
    with reported():
        _needs_web()
        from .web.users import load_users

        _, path = _paths(cases, register, users)
        for user in load_users(path).values():
            typer.echo(f"{user.name}  {user.role}  {', '.join(user.teams)}")


def serve_command(
    cases: Annotated[Path, typer.Option("--cases", help="The case folder the workbench shows.")] = Path("."),
    register: RegisterOpt = None,
    users: UsersOpt = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Where issued documents are written (default: issued/ beside the register).")] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; keep 127.0.0.1 and put a TLS proxy in front (docs/deploying.md).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    secure_cookies: Annotated[bool, typer.Option("--secure-cookies", help="Mark the session cookie Secure (when served over TLS).")] = False,
) -> None:
    """Start the officers' workbench: the caseload, cases, previews and issuing in a browser."""
    with reported():
        _needs_web()
        if not cases.is_dir():
            raise DocgenError("not a folder of case files", file=cases, field="--cases")
        reg, users_file = _paths(cases, register, users)
        if not users_file.is_file():
            raise DocgenError("no accounts yet: add one with `docgen users add NAME --role admin --team FORCE`", file=users_file, field="--users")
        import uvicorn

        from .web import Config, create_app

        app = create_app(Config(cases=cases, register=reg, users=users_file, out=out or reg.parent / "issued", secure_cookies=secure_cookies))
    typer.echo(f"workbench on http://{host}:{port}/ (cases {cases}, register {reg}); Ctrl+C stops it")
    # the access log is off: paths name cases, and the register already logs who saw what
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning", server_header=False)
