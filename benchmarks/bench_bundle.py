"""How fast the bundle builder is next to a bare qpdf merge of the same files.

    python benchmarks/bench_bundle.py

Makes its own fictional source PDFs in a temporary folder, then, in the same run:
- merges the first 1,000 and all 2,000 pages with ``qpdf --empty --pages ... -- out.pdf``;
- builds full bundles of the same files (index, links, bookmarks, stamps, labels,
  manifest) with docgen, each in a fresh process so its peak memory can be measured.

It also measures what OCR (``--ocr``) costs per scanned page: a bundle of scans (text
drawn, then rasterised, by samples/bundles/make_scan.py) built with and without OCR. That
row has no target; it is skipped when OCRmyPDF is not installed.

Targets (ratios, so the figures mean the same on any machine):
- the 1,000-page bundle takes at most 4 times qpdf's bare merge of the same files;
- the 2,000-page bundle takes at most 2.2 times the 1,000-page bundle;
- building the 2,000-page bundle peaks at no more than 200 MiB;
- ``bundle verify`` of the 1,000-page bundle takes at most 2 times building it (also
  timed with every page's text read by pypdf instead of PDFium, without a target, to
  show what each reader costs on the same file).

Each time is the median of several runs. Targets are judged on CPU time (user + system)
because a shared machine makes wall-clock times swing with other people's work; both
processes are single-threaded and read files already in the page cache, so on an idle
machine the two are nearly the same. Wall-clock times are printed beside them.
The script prints a table and PASS or FAIL for each target, and exits 0 whatever the
result (non-zero only if something crashes).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FILES = 200
PAGES_PER_FILE = 10
SMALL = 100  # files in the 1,000-page bundle
REPEATS = 3
TARGET_VS_QPDF = 4.0
TARGET_SCALING = 2.2
TARGET_MIB = 200.0
TARGET_VERIFY = 2.0
LINES = 42


def make_sources(folder: Path) -> list[Path]:
    """Witness-statement-like PDFs: text pages, some in an embedded font, some landscape."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from docgen.bundle.fonts import REGULAR_FILE, find_font

    regular = find_font(REGULAR_FILE)
    if regular is not None:
        pdfmetrics.registerFont(TTFont("BenchSans", str(regular)))
    paths = []
    for number in range(FILES):
        path = folder / f"statement-{number:04d}.pdf"
        canvas = Canvas(str(path), pagesize=A4, invariant=1)
        font = "BenchSans" if regular is not None and number % 2 else "Helvetica"
        for page in range(PAGES_PER_FILE):
            size = landscape(A4) if number % 10 == 0 and page == 0 else A4
            canvas.setPageSize(size)
            if page == 0 and number % 5 == 0:
                canvas.bookmarkPage(f"start{number}")
                canvas.addOutlineEntry(f"Statement {number}", f"start{number}", level=0)
            canvas.setFont(font, 10)
            for line in range(LINES if size == A4 else 28):
                canvas.drawString(60, size[1] - 60 - line * 17,
                                  f"Fictional statement {number}, page {page + 1}, line {line + 1}: "
                                  "the officer saw the subject leave the example address.")  # fmt: skip
            canvas.showPage()
        canvas.save()
        paths.append(path)
    return paths


def write_spec(folder: Path, name: str, sources: list[Path]) -> Path:
    lines = ["title: Benchmark bundle", "case: R v Fictional BENCHMARK", "court: Crown Court at Exampleton",
             "hearing_date: 2025-03-14", "sections:"]  # fmt: skip
    per_section = 25
    for start in range(0, len(sources), per_section):
        lines.append(f"  - title: Statements {start + 1} to {start + per_section}")
        lines.append("    documents:")
        for path in sources[start : start + per_section]:
            lines.append(f"      - {{file: {path.name}, title: Statement {path.stem}, date: 2025-01-15,"
                         " description: Fictional witness statement}")  # fmt: skip
    spec = folder / f"{name}.yaml"
    spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return spec


def child(spec: str, out: str) -> None:
    """Run in a fresh process: build one bundle and report the seconds it took."""
    from docgen.bundle import build_bundle, load_spec

    loaded = load_spec(spec)
    wall, cpu = time.perf_counter(), time.process_time()
    report = build_bundle(loaded, out, force=True)
    print(json.dumps({"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall, "pages": report.pages}))


def verify_child(path: str, reader: str = "pdfium") -> None:
    """Run in a fresh process: verify one bundle and report the seconds it took.

    ``reader="pypdf"`` reads every page's text with pypdf, as verify did before it read
    with PDFium, to show what PDFium gains on the same bundle in the same run.
    """
    from docgen.bundle import verify as verify_module
    from docgen.bundle import verify_bundle

    if reader == "pypdf":
        verify_module.open_pages = lambda data: None  # type: ignore[assignment]

    wall, cpu = time.perf_counter(), time.process_time()
    report = verify_bundle(Path(path), max_size_mb=10_000)
    print(json.dumps({"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall, "pages": report.pages}))


def run_verify(bundle: Path, reader: str = "pdfium") -> tuple[float, float]:
    """(cpu, wall) seconds of ``verify_bundle`` on a built bundle, in a fresh process."""
    command = [sys.executable, __file__, "--verify-child", str(bundle), reader]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    data = json.loads(result.stdout)
    return data["cpu"], data["wall"]


def run_bundle(spec: Path, out: Path) -> tuple[tuple[float, float], float, int]:
    """((cpu, wall) seconds, peak MiB, pages) for one build in a fresh process.

    Only the build is timed (not starting Python and importing the package); the peak
    memory is the whole process's, imports included.
    """
    with tempfile.TemporaryFile(mode="w+") as captured:
        process = subprocess.Popen([sys.executable, __file__, "--child", str(spec), str(out)], stdout=captured)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise RuntimeError(f"bundle build failed with status {process.returncode}")
        captured.seek(0)
        result = json.loads(captured.read())
    peak_mib = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 1048576
    return (result["cpu"], result["wall"]), peak_mib, result["pages"]


def run_qpdf(qpdf: str, sources: list[Path], out: Path) -> tuple[float, float]:
    """(cpu, wall) seconds of one qpdf merge, process start included."""
    started = time.perf_counter()
    process = subprocess.Popen([qpdf, "--empty", "--pages", *map(str, sources), "--", str(out)])
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"qpdf failed with status {process.returncode}")
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - started


SCANS = 4


def ocr_cost(folder: Path) -> dict[str, float] | None:
    """Seconds of OCR per scanned page (CPU of this process and its children, and wall), or None."""
    import resource

    from docgen.bundle import BundleSpec, DocumentSpec, SectionSpec, build_bundle

    if shutil.which("ocrmypdf") is None or shutil.which("tesseract") is None:
        return None
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from samples.bundles.make_scan import scan_png

    scans = []
    for number in range(SCANS):
        path = folder / f"scan-{number}.png"
        path.write_bytes(scan_png(signature=False))
        scans.append(DocumentSpec(file=path, title=f"Scanned notice {number + 1}"))
    spec = BundleSpec(title="OCR benchmark", case="R v Fictional BENCHMARK", sections=[SectionSpec(title="Scans", documents=scans)])

    def timed(ocr: bool) -> tuple[float, float]:
        def cpu() -> float:
            own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
            return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

        before, wall = cpu(), time.perf_counter()
        build_bundle(spec, folder / f"ocr-{ocr}.pdf", force=True, ocr=ocr)
        return cpu() - before, time.perf_counter() - wall

    plain, ocred = timed(False), timed(True)
    return {"cpu": (ocred[0] - plain[0]) / SCANS, "wall": (ocred[1] - plain[1]) / SCANS}


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> int:
    import pypdf

    qpdf = shutil.which("qpdf")
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        sources = make_sources(folder)
        print(f"made {len(sources)} source PDFs ({len(sources) * PAGES_PER_FILE} pages) "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
        small, large = sources[:SMALL], sources
        spec_small = write_spec(folder, "small", small)
        spec_large = write_spec(folder, "large", large)

        times: dict[str, list[tuple[float, float]]] = {
            "qpdf_small": [], "qpdf_large": [], "bundle_small": [], "bundle_large": [], "verify_small": [],
            "verify_small_pypdf": [],
        }  # fmt: skip
        peaks: list[float] = []
        pages = {}
        for _ in range(REPEATS):
            if qpdf:
                times["qpdf_small"].append(run_qpdf(qpdf, small, folder / "q-small.pdf"))
                times["qpdf_large"].append(run_qpdf(qpdf, large, folder / "q-large.pdf"))
            seconds, peak, pages["small"] = run_bundle(spec_small, folder / "b-small.pdf")
            times["bundle_small"].append(seconds)
            times["verify_small"].append(run_verify(folder / "b-small.pdf"))
            times["verify_small_pypdf"].append(run_verify(folder / "b-small.pdf", "pypdf"))
            seconds, peak, pages["large"] = run_bundle(spec_large, folder / "b-large.pdf")
            times["bundle_large"].append(seconds)
            peaks.append(peak)
        ocr = ocr_cost(folder)

    figures = {k: median([cpu for cpu, _ in v]) for k, v in times.items() if v}
    walls = {k: median([wall for _, wall in v]) for k, v in times.items() if v}
    peak_mib = max(peaks)
    print()
    print(f"docgen bundle benchmark: pypdf {pypdf.__version__}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, median of {REPEATS} runs")  # fmt: skip
    print(f"{'':42}{'CPU s':>10}{'wall s':>10}")
    named = [("qpdf_small", f"qpdf bare merge, {SMALL * PAGES_PER_FILE} pages"),
             ("qpdf_large", f"qpdf bare merge, {FILES * PAGES_PER_FILE} pages"),
             ("bundle_small", f"docgen bundle, {pages['small']} pages"),
             ("bundle_large", f"docgen bundle, {pages['large']} pages"),
             ("verify_small", f"docgen bundle verify, {pages['small']} pages"),
             ("verify_small_pypdf", "  the same, text read with pypdf")]  # fmt: skip
    for key, name in named:
        if key in figures:
            print(f"{name:42}{figures[key]:>10.2f}{walls[key]:>10.2f}")
    if ocr is not None:
        print(f"{'OCR, per scanned page (eng+cym)':42}{ocr['cpu']:>10.2f}{ocr['wall']:>10.2f}")
    else:
        print(f"{'OCR, per scanned page (eng+cym)':42}{'SKIPPED (OCRmyPDF or Tesseract not installed)':>20}")
    print()
    print(f"{'target':42}{'measured':>10}{'limit':>10}  result")
    rows = []
    if qpdf:
        rows.append(("1,000-page bundle / qpdf merge", figures["bundle_small"] / figures["qpdf_small"],
                     TARGET_VS_QPDF, "x"))  # fmt: skip
    else:
        print(f"{'1,000-page bundle / qpdf merge':42}{'n/a':>10}{TARGET_VS_QPDF:>9.2f}x  SKIPPED (qpdf not installed)")
    rows.append(("2,000-page bundle / 1,000-page bundle", figures["bundle_large"] / figures["bundle_small"],
                 TARGET_SCALING, "x"))  # fmt: skip
    rows.append(("peak memory, 2,000-page bundle (MiB)", peak_mib, TARGET_MIB, ""))
    rows.append((f"verify / build, {pages['small']}-page bundle", figures["verify_small"] / figures["bundle_small"],
                 TARGET_VERIFY, "x"))  # fmt: skip
    results = {}
    for name, measured, limit, unit in rows:
        verdict = "PASS" if measured <= limit else "FAIL"
        results[name] = {"measured": round(measured, 3), "limit": limit, "result": verdict}
        print(f"{name:42}{measured:>9.2f}{unit or ' '}{limit:>9.2f}{unit or ' '}  {verdict}")

    out_dir = Path(__file__).resolve().parent / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "bench_bundle.json").write_text(
        json.dumps({"cpu_seconds": figures, "wall_seconds": walls, "peak_mib": peak_mib, "pages": pages,
                    "targets": results, "ocr_seconds_per_scanned_page": ocr}, indent=2)
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    elif len(sys.argv) in (3, 4) and sys.argv[1] == "--verify-child":
        verify_child(*sys.argv[2:])
    else:
        sys.exit(main())
