"""The workbench's user accounts: a name, a role, the teams whose cases they may see.

Accounts live in one JSON file (``users.json`` beside the register unless named), written
atomically and readable only by its owner. Passwords are kept as argon2id hashes, never
in clear. A team is a managing force code (``WYP``, ``MPS``): a user sees the cases
their teams manage and no others.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..errors import DocgenError
from ..output import write_atomic

ROLES = ("officer", "supervisor", "admin")
USERS_FILE = "users.json"
MIN_PASSWORD = 12
_NAME = re.compile(r"^[a-z][a-z0-9._-]{1,39}$")
_TEAM = re.compile(r"^[A-Z]{2,6}$")

_hasher = PasswordHasher()
# Checked against when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-password-of-anyone")


@dataclass(frozen=True)
class User:
    name: str
    role: str
    teams: tuple[str, ...]
    password_hash: str

    def may_see(self, force: str) -> bool:
        return force in self.teams

    @property
    def is_supervisor(self) -> bool:
        return self.role in ("supervisor", "admin")


def users_path(explicit: Path | None, register: Path) -> Path:
    """The users file: the one named, else ``users.json`` beside the register."""
    return Path(explicit) if explicit is not None else Path(register).parent / USERS_FILE


def load_users(path: Path) -> dict[str, User]:
    """Every account in the file, by name; an absent file has none."""
    path = Path(path)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {
            u["name"]: User(u["name"], u["role"], tuple(u["teams"]), u["password_hash"])
            for u in data["users"]
        }
    except (ValueError, KeyError, TypeError) as exc:
        raise DocgenError(f"not a users file docgen wrote ({exc})", file=path) from None


def _save(path: Path, users: dict[str, User]) -> None:
    rows = []
    for name in sorted(users):
        row = asdict(users[name])
        row["teams"] = list(row["teams"])
        rows.append(row)
    data = (json.dumps({"users": rows}, indent=2, sort_keys=True) + "\n").encode()
    written = write_atomic(Path(path), data, force=True)
    os.chmod(written, 0o600)


def check_account(name: str, role: str, teams: list[str], password: str) -> list[tuple[str, str]]:
    """What is wrong with a new account, as (field, message) pairs."""
    wrong = []
    if not _NAME.match(name):
        wrong.append(("NAME", "a user name is 2-40 lower-case letters, digits, '.', '_' or '-', starting with a letter"))
    if role not in ROLES:
        wrong.append(("--role", f"'{role}' is not a role; use one of {', '.join(ROLES)}"))
    if not teams:
        wrong.append(("--team", "name at least one team (a force code such as WYP)"))
    for team in teams:
        if not _TEAM.match(team):
            wrong.append(("--team", f"'{team}' is not a force code (2-6 capital letters)"))
    if len(password) < MIN_PASSWORD:
        wrong.append(("password", f"a password needs at least {MIN_PASSWORD} characters"))
    return wrong


def add_user(path: Path, name: str, role: str, teams: list[str], password: str, *, replace: bool = False) -> User:
    """Add (or with ``replace``, reset) one account; refuses bad values and duplicates."""
    wrong = check_account(name, role, teams, password)
    if wrong:
        raise DocgenError([_problem(path, f, m) for f, m in wrong])
    users = load_users(path)
    if name in users and not replace:
        raise DocgenError(f"user '{name}' already exists; pass --replace to reset the account", file=path, field="NAME")
    user = User(name, role, tuple(sorted(set(teams))), _hasher.hash(password))
    users[name] = user
    _save(path, users)
    return user


def _problem(path: Path, field: str, message: str):  # noqa: ANN202
    from ..errors import Problem

    return Problem(str(path), field, message)


def authenticate(users: dict[str, User], name: str, password: str) -> User | None:
    """The account when name and password match, else None (in constant work either way)."""
    user = users.get(name)
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    return user
