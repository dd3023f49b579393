"""The speed goals as one table, from the results the two benchmarks just wrote.

    python benchmarks/table.py

Reads benchmarks/results/bench_render.json and bench_bundle.json (written by
bench_render.py and bench_bundle.py in the same ``make bench``) and the duration of the
last full ``make test`` (benchmarks/results/make_test.json, written by ``make test``).
"""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
GOAL_TEST_S = 120.0


def _load(name: str) -> dict | None:  # type: ignore[type-arg]
    path = RESULTS / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def main() -> None:
    rows: list[tuple[str, str, str, str, str]] = []
    render = _load("bench_render.json")
    for row in render["rows"] if render else []:
        rows.append((row["measure"], row["docgen"], row["reference"], row["goal"], row["result"]))
    bundle = _load("bench_bundle.json")
    if bundle and "verify_small" in bundle.get("cpu_seconds", {}):
        cpu = bundle["cpu_seconds"]
        pages = bundle.get("pages", {}).get("small", "1,000-odd")
        ratio = cpu["verify_small"] / cpu["bundle_small"]
        with_pypdf = f"; verify reading text with pypdf: {cpu['verify_small_pypdf']:.2f} s" if "verify_small_pypdf" in cpu else ""
        rows.append((f"`bundle verify`, {pages} pages", f"{cpu['verify_small']:.2f} s CPU",
                     f"building it: {cpu['bundle_small']:.2f} s CPU{with_pypdf}", "verify <= 2x build",
                     f"{'PASS' if ratio <= 2.0 else 'FAIL'} ({ratio:.2f}x)"))  # fmt: skip
    tested = _load("make_test.json")
    if tested:
        seconds = tested["seconds"]
        rows.append(("`make test` (last run)", f"{seconds / 60:.1f} min", f"exit status {tested['status']}",
                     "<= 2 min", "PASS" if seconds <= GOAL_TEST_S else "FAIL"))  # fmt: skip
    else:
        rows.append(("`make test`", "not run yet", "run `make test` to time it", "<= 2 min", "n/a"))
    header = ("measure", "docgen now", "reference", "goal", "result")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(5)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |"
    print(line)
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |")


if __name__ == "__main__":
    main()
