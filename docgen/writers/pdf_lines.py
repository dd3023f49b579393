"""Breaking and drawing the PDF writer's paragraph lines, exactly as ReportLab does.

ReportLab's ``Paragraph.breakLines`` was a quarter of a letter's PDF time: it measures
every word afresh, compares every word's style with the one before (``sameFrag``) and,
for a paragraph of several styles, takes a general path built for hyphenation and
images, looking a font's space width, ascent and descent up again for every word. This
module breaks the writer's paragraphs along the same steps, in the same order and with
the same arithmetic (shrinking spaces included), while remembering word widths, font
facts and style comparisons. It returns the structure ReportLab
returns (``ParaLines`` of ``FragLine``s, or the simple kind), and leaves the paragraph
as ReportLab leaves it, so ReportLab's splitting and drawing are unchanged. Anything it
does not handle (hyphenation, soft hyphens, images, bidi, shaping, bullets, a word too
long for its line, fragments already broken once) returns None: the caller then lets
ReportLab break the lines.

Drawing a line, ReportLab looks up each character's code in the font's subsets one at a
time in Python (``TTFont.splitString``); :class:`TextObject` reads a line whose
characters all have their codes already from a translation table kept per document and
font, and leaves every other line, and every new character, to ReportLab.
"""

from __future__ import annotations

from itertools import islice
from string import whitespace
from weakref import WeakKeyDictionary

from reportlab.lib.rl_accel import fp_str, sameFrag
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont
from reportlab.pdfbase.ttfonts import ShapedStr
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.paragraph import (
    _FK_BREAK,
    _FK_TEXT,
    FragLine,
    ParaLines,
    _HSFrag,
    _processed_frags,
    _shy,
    lstrip,
    split,
    strip,
)

# word widths per font and size, and the font they were measured in: a font registered
# again under the same name starts a new table
_WIDTHS: dict[tuple[str, float], tuple[object, dict[str, float]]] = {}
_MOST_WORDS = 50_000


def _widths(font_name: str, font_size: float) -> dict[str, float]:
    """The table of word widths for a font and size (ReportLab's own measurements)."""
    font = getFont(font_name)
    known = _WIDTHS.get((font_name, font_size))
    if known is None or known[0] is not font or len(known[1]) > _MOST_WORDS:
        known = (font, {})
        _WIDTHS[(font_name, font_size)] = known
    return known[1]


def _width(word: str, font_name: str, font_size: float) -> float:
    table = _widths(font_name, font_size)
    width = table.get(word)
    if width is None:
        width = table[word] = getFont(font_name).stringWidth(word, font_size, "utf8")
    return width


def _plain_style(style: object) -> bool:
    """Whether the style asks for nothing this module leaves to ReportLab."""
    return not (
        style.wordWrap
        or style.shaping
        or getattr(style, "hyphenationLang", "")
        or style.uriWasteReduce
        or style.embeddedHyphenation
    )


def break_lines(para: object, widths: list[float]) -> object | None:
    """What ``para.breakLines(widths)`` returns, with the same effects on ``para``; None
    where the paragraph needs something only ReportLab's breaker does."""
    style = para.style
    frags = para.frags
    if (
        not frags
        or para.bulletText
        or getattr(para, "encoding", "utf8") != "utf8"
        or not _plain_style(style)
        or _processed_frags(frags)
    ):
        return None
    for frag in frags:
        if "cbDefn" in frag.__dict__ or not isinstance(getattr(frag, "text", None), str) or _shy in frag.text:
            return None
    frag = frags[0]
    if len(frags) == 1 and not (style.endDots or hasattr(frag, "backColor")):
        return _one_style(para, frag, widths)
    return _several_styles(para, frags, widths)


def _start(para: object) -> None:
    para._width_max = 0
    para.height = 0
    para._splitLongWordCount = para._hyphenations = 0


def _one_style(para: object, frag: object, max_widths: list[float]) -> object | None:
    """ReportLab's path for a paragraph in one style (``kind=0``)."""
    font_size = frag.fontSize
    font_name = frag.fontName
    ascent, descent = getAscentDescent(font_name, font_size)
    text = strip(frag.text)
    if not text:
        _start(para)
        return frag.clone(kind=0, lines=[], ascent=ascent, descent=descent, fontSize=font_size)
    table = _widths(font_name, font_size)
    font = getFont(font_name)
    split_long = para.style.splitLongWords
    last = len(max_widths) - 1
    lineno = 0
    max_width = max_widths[0]
    space = table.get(" ")
    if space is None:
        space = table[" "] = font.stringWidth(" ", font_size, "utf8")
    shrink = para.style.spaceShrinkage * space
    widest = 0
    lines: list = []
    line: list[str] = []
    current = -space
    for word in split(text):
        width = table.get(word)
        if width is None:
            width = table[word] = font.stringWidth(word, font_size, "utf8")
        new = current + space + width
        limit = max_width + shrink * len(line)
        if new > limit and split_long and width > max_width:
            return None  # ReportLab cuts a word too long for its line
        if new <= limit or not line:
            if word:
                line.append(word)
            current = new
        else:
            if current > widest:
                widest = current
            lines.append((max_width - current, line))
            line = [word]
            current = width
            lineno += 1
            max_width = max_widths[min(last, lineno)]
    if line != []:
        if current > widest:
            widest = current
        lines.append((max_width - current, line))
    _start(para)
    para._width_max = widest
    return frag.clone(kind=0, lines=lines, ascent=ascent, descent=descent, fontSize=font_size)


def _frag_words(frags: list) -> list:
    """ReportLab's ``_getFragWords`` for fragments of plain text and line breaks:
    ``[width, (frag, text), ...]`` per word, ``_HSFrag`` where a space follows."""
    words: list = []
    word: list = []
    n = 0
    hanging_space = False
    hanging_strip = True
    for f in frags:
        text = f.text
        if text != "":
            f._fkind = _FK_TEXT
            if hanging_strip:
                text = lstrip(text)
                if not text:
                    continue
                hanging_strip = False
            table = _widths(f.fontName, f.fontSize)
            pieces = split(text)
            if text[0] in whitespace or not pieces:
                if word:
                    word.insert(0, n)
                    words.append(word)
                    after_space = hanging_space
                    word = []
                    hanging_space = False
                    n = 0
                else:
                    after_space = words and isinstance(words[-1], _HSFrag)
                if not after_space:
                    pieces.insert(0, "")
                elif not pieces:
                    continue
            for piece in pieces[:-1]:
                word.append((f, piece))
                width = table.get(piece)
                if width is None:
                    width = _width(piece, f.fontName, f.fontSize)
                n += width
                word.insert(0, n)
                words.append(_HSFrag(word))
                word = []
                n = 0
            hanging_space = False
            piece = pieces[-1]
            word.append((f, piece))
            width = table.get(piece)
            if width is None:
                width = _width(piece, f.fontName, f.fontSize)
            n += width
            if text and text[-1] in whitespace:
                word.insert(0, n)
                words.append(_HSFrag(word))
                word = []
                n = 0
        elif hasattr(f, "lineBreak"):
            if word:
                word.insert(0, n)
                words.append(word)
                word = []
                n = 0
                hanging_space = False
            f._fkind = _FK_BREAK
            words.append([0, (f, "")])
            hanging_strip = True
    if word:
        word.insert(0, n)
        words.append(word)
    if not words and frags:
        f = frags[0]
        f._fkind = _FK_TEXT
        words = [[0, (f, "")]]
    return words


def _several_styles(para: object, frags: list, max_widths: list[float]) -> object | None:
    """ReportLab's general path (``kind=1``) without hyphenation or images.

    Each step is ReportLab's, in its order; what it looked up for every word (a font's
    space width, ascent and descent, whether two fragments share a style) is looked up
    once per fragment here.
    """
    style = para.style
    split_long = style.splitLongWords
    shrinkage = style.spaceShrinkage
    keep_break = not style.justifyBreaks
    last = len(max_widths) - 1
    fragwords = _frag_words(frags)
    lines: list = []
    done: list = []
    same: dict[tuple[int, int], object] = {}
    # per fragment: (its space width, ascent, descent, whether it is text)
    facts: dict[int, tuple[float, float, float, bool]] = {}
    spaces: dict[tuple[str, float], float] = {}

    def learn(f: object) -> tuple[float, float, float, bool]:
        name, size = f.fontName, f.fontSize
        width = spaces.get((name, size))
        if width is None:
            width = spaces[(name, size)] = _width(" ", name, size)
        ascent, descent = getAscentDescent(name, size)
        found = facts[id(f)] = (width, ascent, descent, f._fkind == _FK_TEXT)
        return found

    def space_after(name: str, size: float) -> float:
        width = spaces.get((name, size))
        if width is None:
            width = spaces[(name, size)] = _width(" ", name, size)
        return width

    def take_parts(w: list) -> bool:
        """Add the pieces after the first of a word set in more than one style, as
        ReportLab does; True when one of them has text."""
        nonlocal g, source, max_size, max_ascent, min_descent
        real = False
        for part in w[2:]:
            source = part[0]
            g = source.clone()
            g.text = part[1]
            if g.text:
                real = True
            words.append(g)
            known = facts.get(id(source)) or learn(source)
            word_spaces.append(known[0] if known[3] else None)
            if g.fontSize > max_size:
                max_size = g.fontSize
            if known[1] > max_ascent:
                max_ascent = known[1]
            if known[2] < min_descent:
                min_descent = known[2]
        return real

    lineno = 0
    max_width = max_widths[0]
    words: list = []
    # for each of ``words``, the space width of its font where it is text, else None
    word_spaces: list = []
    g = source = None
    first = 0
    widest = 0
    n = space = current = 0
    max_size = max_ascent = min_descent = 0
    for w in fragwords:
        done.append(w)
        f = w[-1][0]
        font_name = f.fontName
        font_size = f.fontSize
        if not words:
            n = space = current = 0
            max_size = font_size
            known = facts.get(id(f)) or learn(f)
            max_ascent, min_descent = known[1], known[2]
        word_width = w[0]
        f = w[1][0]
        new = current + space + word_width if word_width > 0 else current
        line_break = f._fkind == _FK_BREAK
        limit = max_width
        if shrinkage:
            # the spaces of the line may shrink a little: summed in ReportLab's order
            shrink = space
            for wi, wi_space in zip(words, word_spaces):
                if wi_space is not None:
                    count = wi.text.count(" ")
                    if count:
                        shrink += count * wi_space
            shrink *= shrinkage
            limit += shrink
        if not line_break and new > limit and split_long and word_width > max_width:
            return None  # ReportLab cuts a word too long for its line
        more = len(w) > 2
        if not ((new > limit and n > 0) or line_break):
            text = w[1][1]
            if text:
                n += 1
            font_size = f.fontSize
            known = facts.get(id(f)) or learn(f)
            if font_size > max_size:
                max_size = font_size
            if known[1] > max_ascent:
                max_ascent = known[1]
            if known[2] < min_descent:
                min_descent = known[2]
            if not words:
                g = f.clone()
                words = [g]
                word_spaces = [known[0] if known[3] else None]
                g.text = text
                source = f
            else:
                # g is a copy of source but for its text, which sameFrag does not compare
                key = (id(source), id(f))
                alike = same.get(key)
                if alike is None:
                    alike = same[key] = sameFrag(source, f)
                if not alike:
                    if space:
                        i = len(words) - 1
                        while i >= 0:
                            wi = words[i]
                            i -= 1
                            if wi._fkind == _FK_TEXT:
                                if not wi.text.endswith(" "):
                                    wi.text += " "
                                break
                    g = f.clone()
                    words.append(g)
                    word_spaces.append(known[0] if known[3] else None)
                    g.text = text
                    source = f
                elif space:
                    if not g.text.endswith(" "):
                        g.text += " " + text
                    else:
                        g.text += text
                else:
                    g.text += text
            space = space_after(font_name, font_size) if isinstance(w, _HSFrag) else 0
            real = more and take_parts(w)
            if not text and real:
                n += 1
            current = new
        else:
            if line_break:
                words.append(f.clone())
                ends_with_break = keep_break
            else:
                ends_with_break = False
            if current > widest:
                widest = current
            lines.append(FragLine(
                extraSpace=max_width - current, wordCount=n, lineBreak=ends_with_break, words=words,
                fontSize=max_size, ascent=max_ascent, descent=min_descent, maxWidth=max_width, sFW=first,
            ))  # fmt: skip
            first = len(done) - 1
            lineno += 1
            max_width = max_widths[min(last, lineno)]
            if line_break:
                words = []
                word_spaces = []
                continue
            space = space_after(font_name, font_size) if isinstance(w, _HSFrag) else 0
            current = word_width
            n = 1
            source = f
            g = f.clone()
            max_size = g.fontSize
            known = facts.get(id(f)) or learn(f)
            max_ascent, min_descent = known[1], known[2]
            words = [g]
            word_spaces = [known[0] if known[3] else None]
            g.text = w[1][1]
            if more:
                take_parts(w)
    if words:
        if current > widest:
            widest = current
        lines.append(FragLine(
            extraSpace=max_width - current, wordCount=n, lineBreak=False, words=words,
            fontSize=max_size, ascent=max_ascent, descent=min_descent, maxWidth=max_width, sFW=first,
        ))  # fmt: skip
    _start(para)
    para._width_max = widest
    para.frags = done
    return ParaLines(kind=1, lines=lines)


# Characters a font's subsets have codes for, per document: to a marked character (its
# code plus _MARK, so that one not yet coded is told apart) and to its byte in subset 0.
_MARK = 0xF0000
_FIRST_MARK = chr(_MARK)
_PAST_SUBSET_0 = chr(_MARK + 256)


class _Codes:
    """The codes a font's subsets have given characters in one document (the subsets
    only ever grow, and a code once given never changes)."""

    def __init__(self) -> None:
        self.known = 0
        self.marks: dict[int, str] = {}
        self.bytes: dict[int, str] = {}
        self.ascii = False

    def follow(self, assignments: dict[int, int]) -> None:
        for code, n in islice(assignments.items(), self.known, None):
            self.marks[code] = chr(_MARK + n)
            self.bytes[code] = chr(n & 0xFF)
            if code == 32:  # ReportLab draws a no-break space as a space
                self.marks[0xA0] = self.marks[32]
                self.bytes[0xA0] = self.bytes[32]
        self.known = len(assignments)
        if not self.ascii:  # once every printable ASCII character is its own code, it stays so
            self.ascii = all(assignments.get(code) == code for code in range(32, 127))


_CODES: WeakKeyDictionary = WeakKeyDictionary()


def split_string(font: object, text: str, doc: object) -> list[tuple[int, bytes]] | None:
    """``font.splitString(text, doc)`` for a text all in subset 0 whose characters all
    have their codes; None otherwise (ReportLab then gives the codes)."""
    states = getattr(font, "state", None)
    state = states.get(doc) if states is not None else None
    if state is None or not text or not isinstance(text, str):
        return None
    codes = _CODES.get(state)
    if codes is None:
        codes = _CODES[state] = _Codes()
    if codes.known != len(state.assignments):
        codes.follow(state.assignments)
    if codes.ascii and text.isascii() and text.isprintable():
        return [(0, text.encode("ascii"))]
    if max(text) >= _FIRST_MARK:
        return None
    marked = text.translate(codes.marks)
    if min(marked) < _FIRST_MARK or max(marked) >= _PAST_SUBSET_0:
        return None
    return [(0, text.translate(codes.bytes).encode("latin-1"))]


class TextObject(PDFTextObject):
    """ReportLab's text object, finding a line's subset codes from a table (above)."""

    def _formatText(self, text: str) -> str:  # noqa: N802 - ReportLab's name
        font = getFont(self._fontname)
        if not font._dynamicFont or (font.shapable and isinstance(text, ShapedStr)):
            return super()._formatText(text)
        canvas = self._canvas
        doc = canvas._doc
        pieces = split_string(font, text, doc)
        if pieces is None:
            pieces = font.splitString(text, doc)
        out = []
        settings = None
        for subset, data in pieces:
            if subset != self._curSubset:
                if not settings:
                    settings = f"{fp_str(self._fontsize)} Tf {fp_str(self._leading)} TL"
                out.append(f"{font.getSubsetInternalName(subset, doc)} {settings}")
                self._curSubset = subset
            out.append(f"({canvas._escape(data)}) Tj")
        return " ".join(out)
