"""Speed of the command line and of rendering, each beside a reference taken in the same run.

    python benchmarks/bench_render.py [--runs N] [--batch N] [--cohort N]
    python benchmarks/bench_render.py --only letters [--runs N] [--batch N]

Rows (the goals are those of the project's speed issue):
1. cold ``docgen render warning-letter`` (DOCX + PDF) as a fresh process, beside LibreOffice
   headless converting that same DOCX to PDF. Goal: at most 0.5 x LibreOffice.
2. ``docgen --help`` as a fresh process. Goal: at most 0.25 s.
3. warning letters (DOCX + PDF pairs, counted as one) per second in one process, each to a
   different subject at a different address under its own case id, beside a
   pipeline that makes Word files and has LibreOffice convert them: its rate is at most
   LibreOffice's own, measured converting 20 copies of the letter in one run (one
   start-up shared, the pipeline at its best). Goal: at least 6 x that pipeline.
4. the whole cohort: ``docgen render --all`` over N copies of the sample cases (each copy
   given its own case id), every allowed kind, on every core. Goal: 500 cases in under
   2 minutes on 2 cores; for another N the limit scales with N / 500, and on one core it
   doubles (more than 2 cores earns no smaller limit). Judged on the CPU seconds of every
   process shared over the cores used (what the wall time is on an idle machine); the wall
   time of this run is printed beside it.

Rows are judged on CPU time (user + system), so that other work on a shared machine does
not decide them. Without LibreOffice (``soffice``) the rows that
need it say "reference unavailable" instead of a verdict. Results are also written to
benchmarks/results/bench_render.json for ``benchmarks/table.py``. Exits 0 unless
something crashes. Timings on a shared machine are noisy: read the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CASE = SAMPLES / "cases" / "specimen-drugs.yaml"
EVENT = "EV-002"
DATE = "2027-02-03"  # the letter is dated on the day of the failure it reports
RESULTS = Path(__file__).resolve().parent / "results"

GOAL_COLD_VS_LO = 0.5
GOAL_HELP_S = 0.25
GOAL_RATE_VS_PIPELINE = 6.0
GOAL_COHORT_S = 120.0  # for 500 cases on 2 cores
GOAL_COHORT_CASES = 500
GOAL_COHORT_CORES = 2


def docgen_command() -> list[str]:
    """The installed console script beside this interpreter, as a user runs it."""
    script = Path(sys.executable).with_name("docgen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "docgen.cli"]


def timed(cmd: list[str]) -> float:
    """CPU seconds (user + system, the process and its children) of one run of ``cmd``.

    CPU time, not wall time, because a shared machine makes wall-clock times swing with
    other people's work; each command here is single-threaded, so on an idle machine the
    two are nearly the same.
    """
    with tempfile.TemporaryFile() as sink:
        process = subprocess.Popen(cmd, stdout=sink, stderr=sink)
        _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])} ... failed with status {os.waitstatus_to_exitcode(status)}")
    return usage.ru_utime + usage.ru_stime


def compile_package() -> None:
    """Byte-compile docgen as pip does when it installs a package.

    An editable install where PYTHONDONTWRITEBYTECODE is set (as in some CI images) never
    writes the .pyc files, so every run would compile docgen's source again: a cost an
    installed copy does not have, and not the one this benchmark is about.
    """
    import compileall

    import docgen

    compileall.compile_dir(str(Path(docgen.__file__).parent), quiet=1)


def cold_render(runs: int, work: Path) -> tuple[float, Path]:
    times = []
    out = work / "cli"
    cmd = [*docgen_command(), "render", "warning-letter", str(CASE), "--event", EVENT, "--date", DATE,
           "--out", str(out), "--force"]  # fmt: skip
    timed(cmd)  # the first run fills the per-user cache, as any earlier run on the machine would
    for _ in range(runs):
        times.append(timed(cmd))
    return statistics.median(times), next(out.glob("*.docx"))


def help_time(runs: int) -> float:
    cmd = [*docgen_command(), "--help"]
    timed(cmd)
    return statistics.median(timed(cmd) for _ in range(runs))


def libreoffice(runs: int, docx: Path, work: Path) -> float | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    profile = work / "lo-profile"
    cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
           "--outdir", str(work / "lo"), str(docx)]  # fmt: skip
    timed(cmd)  # the first run builds the profile; not counted
    return statistics.median(timed(cmd) for _ in range(runs))


def libreoffice_batch(docx: Path, work: Path, count: int = 20, folder: str = "lo-batch") -> float | None:
    """Letters per CPU second when LibreOffice converts ``count`` copies in one run: the
    PDF step of a template-then-LibreOffice pipeline at its best (one start-up shared)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    out = work / f"{folder}-out"
    folder = work / folder
    folder.mkdir()
    copies = []
    for number in range(count):
        copy = folder / f"letter-{number:03d}.docx"
        shutil.copyfile(docx, copy)
        copies.append(str(copy))
    profile = work / "lo-profile"
    seconds = timed([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                     "--outdir", str(out), *copies])  # fmt: skip
    return count / seconds


GIVEN = ["Ada Testcase", "Bryn Example", "Cara Specimen", "Dev Placeholder", "Eli Mockname", "Fay Sampleton",
         "Gus Fictitious", "Hal Inventedname", "Ivy Madeup", "Jo Notreal"]  # fmt: skip
FAMILY = ["SPECIMEN", "EXAMPLE", "TESTCASE", "DUMMY", "FICTION"]


def letter_cases(case: object, count: int) -> list[object]:
    """``count`` copies of the case, each a different (fictional) subject at a different
    address under its own case id: a cohort's letters share their wording but not their
    names, addresses or references, so nothing can be reused whole from the letter before."""
    copies = []
    for number in range(count):
        subject = case.subject.model_copy(update={  # type: ignore[attr-defined]
            "given_names": GIVEN[number % len(GIVEN)],
            "family_name": FAMILY[number // len(GIVEN) % len(FAMILY)],
            "address": case.subject.address.model_copy(update={"lines": [f"{number + 1} Nowhere Row", "Exampletown"]}),  # type: ignore[attr-defined]
        })  # fmt: skip
        copies.append(case.model_copy(update={"case_id": f"WYP-SCPO-{9000 + number:04d}", "subject": subject}))  # type: ignore[attr-defined]
    return copies


def batch(count: int) -> float:
    """Warning letters per CPU second, each to a different subject (see letter_cases)."""
    import datetime as dt

    from docgen.pipeline import load_inputs, render
    from docgen.render import Options

    case, house = load_inputs(CASE)
    options = Options(date=dt.date.fromisoformat(DATE))
    cases = letter_cases(case, 50)
    render(case, house, "warning-letter", event_id=EVENT, options=options)  # warm caches (fonts, templates)
    start = time.process_time()
    for number in range(count):
        render(cases[number % len(cases)], house, "warning-letter", event_id=EVENT, options=options)
    return count / (time.process_time() - start)


def letters_only(runs: int, count: int) -> int:
    """Row 3 alone, ``runs`` times, each beside a fresh measure of its reference: the row to
    watch while working on the writers, without the minutes the other rows take."""
    import datetime as dt

    from docgen.pipeline import load_inputs, render
    from docgen.render import Options

    case, house = load_inputs(CASE)
    letter = render(case, house, "warning-letter", event_id=EVENT, options=Options(date=dt.date.fromisoformat(DATE)))
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        work = Path(tmp)
        docx = work / "letter.docx"
        docx.write_bytes(letter.files["docx"])
        if libreoffice(1, docx, work) is None:
            print("reference unavailable (no soffice)")
        for run in range(runs):
            pipeline = libreoffice_batch(docx, work, folder=f"lo-batch-{run}")
            rate = batch(count)
            ratio = f"  {rate / pipeline:.2f}x (goal >= {GOAL_RATE_VS_PIPELINE:g}x)" if pipeline else ""
            print(f"letters {rate:.1f}/s CPU" + (f"  pipeline {pipeline:.1f}/s CPU" if pipeline else "") + ratio)
    return 0


def make_cohort(folder: Path, size: int) -> list[Path]:
    """``size`` case files: the samples in turn, each copy with its own case id."""
    cases = folder / "cases"
    cases.mkdir(parents=True)
    shutil.copytree(SAMPLES / "house-style", folder / "house-style")
    sources = sorted((SAMPLES / "cases").glob("*.yaml"))
    paths = []
    for number in range(size):
        source = sources[number % len(sources)]
        text = source.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^case_id: ([A-Z0-9-]+?)(-\d+)?$", lambda m: f"case_id: {m.group(1)[:22]}-C{number:04d}", text, count=1)
        path = cases / f"{number:04d}-{source.name}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def cohort(size: int, work: Path) -> tuple[float | None, float, int, str]:
    """(wall seconds, CPU seconds of all processes, files written, summary line) for
    ``docgen render --all`` over the cohort."""
    paths = make_cohort(work / "cohort", size)
    out = work / "cohort-out"
    cmd = [*docgen_command(), "render", "--all", *map(str, paths), "--out", str(out), "--force"]
    start = time.perf_counter()
    with tempfile.TemporaryFile(mode="w+") as err:
        process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        err.seek(0)
        stderr = err.read()
    code = os.waitstatus_to_exitcode(status)
    if "no such option" in stderr.lower():
        return None, 0.0, 0, "no command"
    if code not in (0, 1):
        raise RuntimeError(f"render --all failed ({code}): {stderr[-2000:]}")
    files = sum(1 for _ in out.rglob("*") if _.is_file())
    return seconds, usage.ru_utime + usage.ru_stime, files, stderr.strip().splitlines()[-1] if stderr.strip() else ""


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--cohort", type=int, default=GOAL_COHORT_CASES)
    parser.add_argument("--only", choices=["letters"], help="measure one row, --runs times, and write no results")
    args = parser.parse_args()
    if args.only == "letters":
        return letters_only(args.runs, args.batch)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        work = Path(tmp)
        compile_package()
        cold, docx = cold_render(args.runs, work)
        lo = libreoffice(args.runs, docx, work)
        pipeline = libreoffice_batch(docx, work)
        helped = help_time(args.runs)
        rate = batch(args.batch)
        cohort_s, cohort_cpu, cohort_files, cohort_note = cohort(args.cohort, work)

    rows: list[dict[str, object]] = []
    rows.append({"measure": "cold `docgen render warning-letter` (DOCX + PDF)", "docgen": f"{cold:.2f} s CPU",
                 "reference": f"LibreOffice DOCX -> PDF: {lo:.2f} s CPU" if lo else "reference unavailable (no soffice)",
                 "goal": f"<= {GOAL_COLD_VS_LO}x LibreOffice",
                 "result": verdict(cold <= GOAL_COLD_VS_LO * lo) + f" ({cold / lo:.2f}x)" if lo else "n/a"})  # fmt: skip
    rows.append({"measure": "`docgen --help`", "docgen": f"{helped:.2f} s CPU", "reference": "",
                 "goal": f"<= {GOAL_HELP_S} s", "result": verdict(helped <= GOAL_HELP_S)})  # fmt: skip
    rows.append({"measure": "letters per second, DOCX + PDF, one process", "docgen": f"{rate:.1f}/s CPU",
                 "reference": f"LibreOffice converting 20 letters in one run: {pipeline:.1f}/s CPU" if pipeline
                 else "reference unavailable (no soffice)",
                 "goal": f">= {GOAL_RATE_VS_PIPELINE:g}x that pipeline",
                 "result": verdict(rate >= GOAL_RATE_VS_PIPELINE * pipeline) + f" ({rate / pipeline:.1f}x)"
                 if pipeline else "n/a"})  # fmt: skip
    limit = GOAL_COHORT_S * args.cohort / GOAL_COHORT_CASES * max(1.0, GOAL_COHORT_CORES / cores)
    measure = f"whole-cohort render, {args.cohort} cases x every kind"
    goal = f"< {limit:.0f} s on {min(cores, GOAL_COHORT_CORES)} cores"
    if cohort_s is None:
        rows.append({"measure": measure, "docgen": "no command", "reference": "", "goal": goal, "result": "FAIL"})
    else:
        # Judged, like the rows above, on CPU time: here the CPU seconds of every process
        # shared over the cores used, which is the wall time on an otherwise idle machine.
        used = min(cores, GOAL_COHORT_CORES)
        rows.append({"measure": measure, "docgen": f"{cohort_cpu / used:.1f} s ({cohort_s:.1f} s wall)",
                     "reference": f"{cohort_files} files; {cohort_note}", "goal": goal,
                     "result": verdict(cohort_cpu / used < limit)})  # fmt: skip
    for row in rows:
        print(f"{row['measure']:52} {row['docgen']:>22}  {row['goal']:28} {row['result']}")
        if row["reference"]:
            print(f"{'':52}   reference: {row['reference']}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "bench_render.json").write_text(json.dumps({"cores": cores, "rows": rows}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
