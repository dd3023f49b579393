"""Speed of rendering, measured as ratios against references taken in the same run.

1. Cold CLI: the median wall time of `docgen render warning-letter ...` (DOCX + PDF) as a
   fresh process, beside the median time LibreOffice headless takes to convert that same
   DOCX to PDF. Target: the CLI takes at most half of LibreOffice's time.
2. Batch: warning letters (DOCX + PDF pairs, counted as one) rendered per second in one
   process over 200 letters. Target: at least 40 per second.

Run: python benchmarks/bench_render.py [--runs N]. Prints a table; exits 0 unless
something crashes. Timings on shared machines are noisy: read the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "samples" / "cases" / "specimen-drugs.yaml"
EVENT = "EV-002"
DATE = "2027-02-03"  # the letter is dated on the day of the failure it reports


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - start


def cold_cli(runs: int, work: Path) -> tuple[float, Path]:
    times = []
    for _ in range(runs):
        out = work / "cli"
        times.append(
            timed([sys.executable, "-m", "docgen.cli", "render", "warning-letter", str(CASE),
                   "--event", EVENT, "--date", DATE, "--out", str(out), "--force"])
        )
    return statistics.median(times), next(out.glob("*.docx"))


def libreoffice(runs: int, docx: Path, work: Path) -> float | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    profile = work / "lo-profile"
    cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
           "--outdir", str(work / "lo"), str(docx)]
    timed(cmd)  # the first run builds the profile; not counted
    return statistics.median(timed(cmd) for _ in range(runs))


def batch(count: int) -> float:
    import datetime as dt

    from docgen.pipeline import load_inputs, render
    from docgen.render import Options

    case, house = load_inputs(CASE)
    options = Options(date=dt.date.fromisoformat(DATE))
    render(case, house, "warning-letter", event_id=EVENT, options=options)  # warm caches (fonts, templates)
    start = time.perf_counter()
    for _ in range(count):
        render(case, house, "warning-letter", event_id=EVENT, options=options)
    return count / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cli, docx = cold_cli(args.runs, work)
        lo = libreoffice(args.runs, docx, work)
    rate = batch(args.batch)
    rows = [("cold CLI render, DOCX + PDF (median)", f"{cli:.2f} s")]
    if lo is None:
        rows.append(("LibreOffice DOCX -> PDF (median)", "not installed: ratio not measured"))
    else:
        ratio = cli / lo
        rows.append(("LibreOffice DOCX -> PDF (median)", f"{lo:.2f} s"))
        rows.append(("ratio CLI / LibreOffice (target <= 0.50)", f"{ratio:.2f}  {'PASS' if ratio <= 0.5 else 'FAIL'}"))
    rows.append((f"batch of {args.batch} letters (target >= 40/s)", f"{rate:.1f}/s  {'PASS' if rate >= 40 else 'FAIL'}"))
    width = max(len(r[0]) for r in rows)
    for label, value in rows:
        print(f"{label.ljust(width)}  {value}")


if __name__ == "__main__":
    main()
