"""Splitting a bundle into volumes that each fit under a size limit.

Courts and the secure e-mail systems they use cap attachments (36 MB is a common one).
A volume always ends at a document boundary and carries its own front sheet, index and
manifest. Sizes are estimated from the inputs, checked on the real output, and the split
is redone with corrected estimates if a volume comes out too big.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..errors import DocgenError
from .assemble import Built, Progress, assemble
from .fonts import Fonts
from .plan import Group
from .profiles import Profile
from .sources import Source
from .spec import BundleSpec

PAGE_OVERHEAD = 900  # bytes each copied page gains: page dictionary, stamp form, wrappers
VOLUME_OVERHEAD = 60_000  # front sheet, index, manifest and the embedded font subset
ATTEMPTS = 6

Item = tuple[int, str, str, int, Source]  # section position, letter, title, document number, source


def volume_paths(out: Path, count: int) -> list[Path]:
    """``out`` itself for a single volume, else ``<stem>-vol1<suffix>`` and so on."""
    if count == 1:
        return [out]
    width = len(str(count))
    return [out.with_name(f"{out.stem}-vol{n:0{width}d}{out.suffix}") for n in range(1, count + 1)]


def _estimate(source: Source) -> int:
    return source.size + PAGE_OVERHEAD * source.pages


def _split(items: list[Item], costs: Mapping[int, float], budget: float) -> list[list[Item]]:
    volumes: list[list[Item]] = [[]]
    used = 0.0
    for item in items:
        cost = costs[item[3]]
        if volumes[-1] and used + cost > budget:
            volumes.append([])
            used = 0.0
        volumes[-1].append(item)
        used += cost
    return volumes


def _groups(items: list[Item], started: set[int]) -> list[Group]:
    groups: list[Group] = []
    for position, letter, title, number, source in items:
        if not groups or groups[-1][0] != letter:
            shown = f"{title} (continued)" if position in started else title
            groups.append((letter, shown, []))
            started.add(position)
        groups[-1][2].append((number, source))
    return groups


def build_volumes(
    spec: BundleSpec,
    groups: list[Group],
    *,
    profile: Profile,
    fonts: Fonts,
    max_bytes: int,
    progress: Progress | None = None,
) -> list[Built]:
    """Assemble as many volumes as it takes for each to fit in ``max_bytes``.

    A single document bigger than the limit gets a volume of its own (the caller warns).
    """
    items: list[Item] = [
        (position, letter, title, number, source)
        for position, (letter, title, members) in enumerate(groups)
        for number, source in members
    ]
    costs = {number: float(_estimate(source)) for _, _, _, number, source in items}
    budget = max_bytes - VOLUME_OVERHEAD
    for _ in range(ATTEMPTS):
        split = _split(items, costs, budget)
        built: list[Built] = []
        carry: dict[str, int] | None = None
        started: set[int] = set()
        for number, members in enumerate(split, start=1):
            volume = assemble(spec, _groups(members, started), profile=profile, fonts=fonts,
                              volume=(number, len(split)), carry=carry, progress=progress)  # fmt: skip
            built.append(volume)
            carry = volume.plan.next_numbers if profile.volumes == "continue" else None
        over = [(b, m) for b, m in zip(built, split) if len(b.data) > max_bytes and len(m) > 1]
        if not over:
            return built
        for volume, members in over:
            factor = len(volume.data) / (sum(costs[m[3]] for m in members) + VOLUME_OVERHEAD) * 1.05
            for member in members:
                costs[member[3]] *= factor
    raise DocgenError(
        f"could not split the bundle into volumes under {max_bytes / 1048576:g} MB after {ATTEMPTS} attempts",
        file=spec.title,
    )
