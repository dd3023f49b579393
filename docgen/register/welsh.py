"""Reviews of Welsh wording, kept in the register beside the documents they allow to issue.

A Welsh speaker checks a string (a catalog message, or one field of a clause's Welsh)
against its English and records it with ``docgen welsh review``. The register keeps who,
when and which version of the Welsh (its SHA-256), and logs the review; ``--issue`` then
accepts the string as reviewed for as long as the Welsh is unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .store import Register, stamp, utc_now


@dataclass(frozen=True)
class Review:
    """One recorded review of one Welsh string."""

    key: str
    welsh_sha256: str
    reviewed_by: str
    reviewed_at: str
    note: str


def record_reviews(
    reg: Register, reviewed: dict[str, str], *, by: str, note: str = "", now: dt.datetime | None = None
) -> list[Review]:
    """Record that ``by`` reviewed each key (key -> SHA-256 of its Welsh), and log it."""
    now = now or utc_now()
    rows = [Review(key, sha, by, stamp(now), note) for key, sha in sorted(reviewed.items())]
    with reg.writing():
        reg.conn.executemany(
            "INSERT INTO welsh_reviews (key, welsh_sha256, reviewed_by, reviewed_at, note) VALUES (?,?,?,?,?)",
            [(r.key, r.welsh_sha256, r.reviewed_by, r.reviewed_at, r.note) for r in rows],
        )
        listed = "; ".join(r.key for r in rows)
        reason = f"reviewed {len(rows)} Welsh string(s): {listed}" + (f" ({note})" if note else "")
        reg.note(user=by, action="welsh-review", case_id=None, reason=reason, now=now)
    return rows


def reviews(reg: Register) -> list[Review]:
    """Every recorded review, oldest first."""
    rows = reg.conn.execute("SELECT * FROM welsh_reviews ORDER BY id").fetchall()
    return [Review(r["key"], r["welsh_sha256"], r["reviewed_by"], r["reviewed_at"], r["note"]) for r in rows]


def reviewed_versions(reg: Register) -> dict[str, frozenset[str]]:
    """key -> the SHA-256 of each version of its Welsh that someone reviewed."""
    found: dict[str, set[str]] = {}
    for review in reviews(reg):
        found.setdefault(review.key, set()).add(review.welsh_sha256)
    return {key: frozenset(shas) for key, shas in sorted(found.items())}
