"""Helpers shared by every test folder: sample paths, text extraction, external tools."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from docgen.model import Document
    from docgen.pipeline import Rendered

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SAMPLE_CASES = sorted((SAMPLES / "cases").glob("*.yaml"))


def load_yaml(text: str) -> Any:
    """YAML test data as ``yaml.safe_load`` gives it, parsed by libyaml where PyYAML has it: the
    suite reads and edits the sample cases thousands of times, and the pure-Python parser was a
    large share of its CPU."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def dump_yaml(data: Any, **options: Any) -> str:
    """``yaml.safe_dump`` through libyaml's emitter where PyYAML has it (the same data back)."""
    import yaml

    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), **options)


def docx_text(data: bytes) -> str:
    """What a reader sees in a Word file: headers, body paragraphs with styles, tables, footers."""
    from docx import Document

    word = Document(io.BytesIO(data))
    lines: list[str] = []
    section = word.sections[0]
    lines += [f"[header] {p.text}" for p in section.header.paragraphs if p.text]
    body = word.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            from docx.text.paragraph import Paragraph

            p = Paragraph(child, word)
            if p.text:
                lines.append(f"[{p.style.name}] {p.text}")
        elif tag == "tbl":
            from docx.table import Table

            for row in Table(child, word).rows:
                lines.append("| " + " | ".join(c.text for c in row.cells))
    lines += [f"[footer] {p.text}" for p in section.footer.paragraphs if p.text]
    return "\n".join(lines) + "\n"


def pdf_text(data: bytes, until: Callable[[str], bool] | None = None) -> str:
    """Text of each page of a PDF, as a text-extracting reader would get it; with ``until``,
    only the pages up to the first page break after which ``until`` holds of the text so far
    (see ``tests.external_readers.pdf_text_until``)."""
    from pypdf import PdfReader

    # each font's character map read once per file, not once per page (docgen's own verify does the same)
    from docgen.bundle.pdftext import shared_fonts

    reader = PdfReader(io.BytesIO(data))
    pages = []
    with shared_fonts():
        for number, page in enumerate(reader.pages, start=1):
            pages.append(f"--- page {number} ---\n{page.extract_text().strip()}")
            if until is not None and number < len(reader.pages) and until("\n".join(pages) + "\n"):
                break
    return "\n".join(pages) + "\n"


def model_units(document: Document) -> list[tuple[list[str], bool]]:
    """The words of a document model in reading order, one list per paragraph, heading,
    list item, table-cell paragraph or signature line, each marked whether it sits in a table."""
    from docgen.model import Heading, ListBlock, Paragraph, Signature, Table

    units: list[tuple[list[str], bool]] = []

    def emit(blocks, in_table: bool) -> None:
        for block in blocks:
            if isinstance(block, (Heading, Paragraph)):
                text = "".join(" " if run.is_break else run.text for run in block.runs)
                units.append((text.split(), in_table))
            elif isinstance(block, ListBlock):
                for item in block.items:
                    emit(item, in_table)
            elif isinstance(block, Table):
                units.append(([], True))  # where a table starts: its cells may split over pages
                for row in block.rows:
                    for cell in row.cells:
                        emit(cell.blocks, True)
                units.append(([], False))
            elif isinstance(block, Signature):
                units.extend((f"{label}:".split(), in_table) for label in block.labels)

    emit(document.blocks, False)
    return units


def assert_same_wording(document: Document, text: str, what: str, *, furniture: int = 80) -> None:
    """Every word of the model is in ``text`` (a Word or PDF text dump), in the model's order.

    Outside tables the words of a paragraph follow one another, with at most ``furniture``
    words between two of them (a page's header and footer, a Word style name). A table's
    cells may split over pages and interleave, so each cell keeps its own order, and what
    follows the table comes after all of it. And no word is printed fewer times than the
    model has it. One snapshot of the model then stands for all three forms."""
    from collections import Counter

    def clean(word: str) -> str:
        return word.strip("_")  # a signature line's rule is as long as the writer makes it

    printed = [w for w in map(clean, text.split()) if w]
    position, table_start, table_end = 0, None, 0
    for words, in_table in model_units(document):
        words = [w for w in map(clean, words) if w]
        if not words:  # a table's start or end
            if in_table:
                table_start, table_end = position, position
            else:
                position, table_start = max(position, table_end), None
            continue
        at = table_start if table_start is not None else position
        for n, word in enumerate(words):
            start = at
            while at < len(printed) and printed[at] != word:
                at += 1
            gap_ok = table_start is not None or n == 0 or at - start <= furniture
            assert at < len(printed) and gap_ok, (
                f"{what}: after {' '.join(words[:n])!r} the model has {word!r}, "
                f"but the text goes on {' '.join(printed[start:start + 12])!r}"
            )
            at += 1
        if table_start is not None:
            table_end = max(table_end, at)
        else:
            position = at
    wanted = Counter(w for words, _ in model_units(document) for w in map(clean, words) if w)
    missing = wanted - Counter(printed)
    assert not missing, f"{what} prints fewer of these words than the model has: {dict(missing)}"


def assert_files_carry_the_model(rendered: Rendered) -> None:
    """The Word and PDF files say what the model says, with each format's own furniture:
    the model's snapshot is then the one snapshot of the document's wording."""
    meta = rendered.meta
    word = docx_text(rendered.files["docx"])
    assert_same_wording(rendered.document, word, "the Word text")
    lines = word.splitlines()
    for place in ("header", "footer"):  # the marking, in the document's language and in English
        assert any(line.startswith(f"[{place}] ") and meta.marking in line for line in lines), f"no marking in the Word {place}"
    assert f"[footer] {meta.footer_line()} · " in word
    if meta.banner:
        assert f"[header] {meta.banner}\n" in word
    from docgen.model import Heading

    for block in rendered.document.blocks:
        if isinstance(block, Heading):
            text = "".join(run.text for run in block.runs)
            assert f"[Heading {block.level}] {text}\n" in word, f"the Word text has no heading {text!r} at level {block.level}"
    pdf = pdf_text(rendered.files["pdf"])
    assert_same_wording(rendered.document, pdf, "the PDF text")
    pages = pdf.split("--- page ")[1:]
    assert pages
    for number, page in enumerate(pages, start=1):
        flat = " ".join(page.split())
        assert meta.marking in flat and (not meta.banner or meta.banner in flat)
        label = meta.page_label.format(page=number, pages=len(pages))
        assert f"{meta.footer_line()} · {label}" in flat, f"page {number} has no footer {label!r}"


def external_tool(name: str) -> str:
    """The path of an external checker; skip without it, but fail in CI where it must run."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{name} is required in CI but is not installed")
    pytest.skip(f"{name} is not installed")


# Folders whose files share documents rendered once per session (their conftest.py): under
# pytest-xdist they run on one worker, so the renders are made once, not once per worker.
SHARED_RENDERS = ("bundle", "bundle_case", "documents", "management")


def xdist_scope(nodeid: str) -> str:
    """What one xdist worker runs whole: a test file, or a folder in SHARED_RENDERS."""
    path = nodeid.split("::", 1)[0]
    parts = path.split("/")
    if len(parts) > 2 and parts[0] == "tests" and parts[1] in SHARED_RENDERS:
        return "/".join(parts[:2])
    return path


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that needs LibreOffice or qpdf is slow too: `-m "not slow"` skips them all.

    On an xdist worker, the files (and shared folders) with slow tests come first, then the
    rest from the largest down: the scheduler hands them out in this order, so the last
    ones are short and no worker is left running a long test alone at the end."""
    for item in items:
        if item.get_closest_marker("external") is not None:
            item.add_marker(pytest.mark.slow)
    if os.environ.get("PYTEST_XDIST_WORKER"):
        from collections import Counter

        scopes = {item.nodeid: xdist_scope(item.nodeid) for item in items}
        slow = {scopes[item.nodeid] for item in items if item.get_closest_marker("slow") is not None}
        size = Counter(scopes.values())
        items.sort(key=lambda item: (scopes[item.nodeid] not in slow, -size[scopes[item.nodeid]]))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """Under `-n`, each test file goes to one worker whole (its module fixtures are made
    once), and so does each folder in SHARED_RENDERS (its session's renders are made once),
    in the order the workers collected them (see pytest_collection_modifyitems)."""
    from xdist.scheduler import LoadScopeScheduling

    class FileOrSharedFolder(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return xdist_scope(nodeid)

    config.option.loadscopereorder = False
    return FileOrSharedFolder(config, log)


def build_each_command_once() -> None:
    """Typer makes a Click command from a Typer app's functions and type hints on every call,
    50 ms for docgen's command line, and the suite runs command lines in this process some
    250 times (``CliRunner.invoke`` and ``docgen.cli.main``). Each app's command is made once
    and used again while the app is unchanged: the same commands, groups and callback, the same
    help markup. Click starts a new context for each run, so no run sees another's options."""
    import typer.main
    import typer.testing

    build = typer.main.get_command
    built: dict[int, tuple[Any, tuple[Any, ...], Any]] = {}

    def shape(app: Any) -> tuple[Any, ...]:
        groups = tuple((id(g), shape(g.typer_instance) if g.typer_instance else None) for g in app.registered_groups)
        return id(app.registered_callback), tuple(map(id, app.registered_commands)), groups, app.rich_markup_mode

    def get_command(app: Any) -> Any:
        now = shape(app)
        known = built.get(id(app))
        if known is not None and known[0] is app and known[1] == now:
            return known[2]
        command = build(app)
        built[id(app)] = (app, now, command)  # the app is kept, so its id is never reused
        return command

    get_command.made_by = build  # type: ignore[attr-defined]
    typer.main.get_command = get_command  # what Typer.__call__ (docgen.cli.main) looks up
    typer.testing._get_command = get_command  # what CliRunner.invoke looks up


def pytest_configure(config: pytest.Config) -> None:
    """The suite keeps its own per-user cache (see docgen.cache), apart from the user's:
    shared by every test and every docgen process the tests start, and gone afterwards.
    Each Typer app's command is made once (build_each_command_once)."""
    build_each_command_once()
    if not os.environ.get("DOCGEN_CACHE_DIR"):
        import tempfile

        folder = tempfile.mkdtemp(prefix="docgen-test-cache-")
        os.environ["DOCGEN_CACHE_DIR"] = folder
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


def pytest_collection_finish(session: pytest.Session) -> None:
    """Keep the cyclic collector off the thousands of objects collection leaves alive (the
    imported code, the collected tests): a tenth of the suite's CPU went on walking them.
    The youngest generation is collected every 500,000 allocations (200,000 cost about 8%
    more CPU on the document tests, for some 50 MB less memory a worker)."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(500_000, 100, 100)
