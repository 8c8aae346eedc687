"""Documents on paper, page by page, as an official reader turns them: the first page filled, no
page holding only a heading or ending with one, no total row alone at a page's top, and a
contents list whose page numbers are the pages of its headings.

The PDF's pages are measured in WeasyPrint's own layout (the one `--format pdf` writes) and read
back with pdftotext; the DOCX's first page as LibreOffice lays it out. Each document is laid out
once per session (WeasyPrint takes seconds per strategy)."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, HRDPLAN, ROOT
from office import SOFFICE, libreoffice_pdf

from hrdplan.render import pdf

PDFTOTEXT = shutil.which("pdftotext")

# Thirty countries for a large portfolio, each a copy of the Ghana example.
THIRTY = [
    "CI", "CU", "TN", "IS", "EG", "US", "ZA", "KR", "UA", "TR", "VN", "XK", "KE", "SA", "MA",
    "AE", "GN", "GW", "GQ", "JO", "IN", "NP", "PE", "PH", "SN", "TH", "UY", "ZW", "BO", "AL",
]  # fmt: skip

# (name, command line): every kind of document, the examples in both languages, the portfolio of
# the examples and of thirty countries. The progress reports: the first and the fullest year.
DOCUMENTS = {
    "gh-2021-2025": ["render", "examples/gh-2021-2025.yaml"],
    "co-2022-2026": ["render", "examples/co-2022-2026.yaml"],
    "tn-2021-2025": ["render", "examples/tn-2021-2025.yaml"],
    "gh-2021-2025-nl": ["render", "examples/gh-2021-2025.yaml", "--lang", "nl"],
    "co-2022-2026-2025-progress": ["render", "examples/progress/co-2022-2026/2025.yaml"],
    "gh-2021-2025-2021-progress-nl": [
        "render", "examples/progress/gh-2021-2025/2021.yaml", "--lang", "nl",
    ],
    "report": ["report", "examples"],
    "report-thirty": ["report", "{thirty}"],
}  # fmt: skip

# A first page at least this full, unless the whole document fits on it.
FIRST_PAGE_FILLED = 0.8

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption"})
# The rows that total a table (the portfolio's "Total" and "Countries covering").
TOTAL_ROWS = frozenset({"line", "countries"})


def _weasyprint_usable() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


needs_weasyprint = pytest.mark.skipif(
    not _weasyprint_usable(),
    reason="WeasyPrint or Pango not installed (pip install '.[pdf]'; apt install libpango-1.0-0)",
)
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None, reason="pdftotext not installed (Debian's poppler-utils)"
)
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice not installed (Debian's libreoffice-writer-nogui)"
)


# -- a page as WeasyPrint lays it out -----------------------------------------------------------


@dataclass
class Line:
    """A piece of text on a page, with what it is part of."""

    text: str
    top: float
    bottom: float
    heading: bool  # inside h1-h6, a caption or a figure's caption
    row: frozenset[str] | None  # the classes of the table row it is in (None: not in a table)
    head: bool  # in a table's header rows (repeated on every page)


@dataclass
class Page:
    number: int
    fill: float  # how far down the page's content area its lowest box reaches, 0-1
    lines: list[Line] = field(default_factory=list)


def pages_of(document: Any) -> list[Page]:
    """Each page's text boxes in document order, and how full the page is."""
    found = []
    for number, page in enumerate(document.pages, 1):
        box = page._page_box
        top = box.content_box_y()
        result = Page(number, 0.0)
        lowest = max([top, *(_walk(child, result.lines) for child in box.children)])
        result.fill = min(1.0, (lowest - top) / box.height)
        found.append(result)
    return found


def _walk(
    box: Any,
    lines: list[Line],
    heading: bool = False,
    row: frozenset[str] | None = None,
    head: bool = False,
) -> float:
    """Adds the box's text to lines; the bottom of its lowest visible box."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.MarginBox):  # the marking and page number in the margins
        return 0.0
    heading = heading or getattr(box, "element_tag", None) in HEADINGS
    if isinstance(box, boxes.TableRowBox):
        row = frozenset((box.element.get("class") or "").split())
    if isinstance(box, boxes.TableRowGroupBox) and box.is_header:
        head = True
    if isinstance(box, boxes.TextBox) and box.text.strip():
        bottom = box.position_y + box.height
        lines.append(Line(box.text, box.position_y, bottom, heading, row, head))
    children = getattr(box, "children", None)
    if not children:  # text, a bar, a drawing: what the reader sees
        return float(box.position_y + box.margin_height()) if box.height else 0.0
    return max(_walk(child, lines, heading, row, head) for child in children)


def heading_alone(page: Page) -> bool:
    return bool(page.lines) and all(line.heading for line in page.lines)


def ends_with_heading(page: Page) -> bool:
    """Whether what stands lowest on the page is a heading (with nothing beside it)."""
    lowest = max(page.lines, key=lambda line: line.bottom)
    return all(line.heading for line in page.lines if line.bottom > lowest.top)


def starts_with_total(page: Page) -> bool:
    """Whether the first thing below a repeated table header is a total row."""
    body = [line for line in page.lines if not line.head]
    return bool(body) and body[0].row is not None and bool(body[0].row & TOTAL_ROWS)


# -- the documents, once per session ------------------------------------------------------------


@dataclass
class Laid:
    html: Path
    pages: list[Page]
    pdf: Path


@pytest.fixture(scope="module")
def laid(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Laid]:
    """Every document of DOCUMENTS rendered to HTML through the CLI, laid out by WeasyPrint as
    `--format pdf` lays it out, and written as that PDF."""
    if not _weasyprint_usable():
        pytest.skip("WeasyPrint or Pango not installed")
    out = tmp_path_factory.mktemp("print")
    thirty = out / "thirty" / "strategies"
    thirty.mkdir(parents=True)
    text = (EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8")
    assert "\ncountry: GH\n" in text
    for code in THIRTY:
        (thirty / f"{code.lower()}-2021-2025.yaml").write_text(
            text.replace("\ncountry: GH\n", f"\ncountry: {code}\n"), encoding="utf-8"
        )
    found = {}
    for name, args in DOCUMENTS.items():
        html = out / f"{name}.html"
        command = [str(HRDPLAN), *(a.format(thirty=thirty) for a in args), "--format", "html"]
        proc = subprocess.run(
            [*command, "--out", str(html if args[0] == "report" else out / name)],
            capture_output=True, text=True, timeout=300, cwd=ROOT,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        if args[0] == "render":  # one document in a folder of its own
            (made,) = (out / name).glob("*.html")
            made.rename(html)
        document = pdf.layout(html.read_text(encoding="utf-8"))
        written = out / f"{name}.pdf"
        written.write_bytes(pdf.written_pdf(document))
        found[name] = Laid(html, pages_of(document), written)
    return found


NAMES = list(DOCUMENTS)


# -- the PDF's pages ----------------------------------------------------------------------------


@pytest.mark.pdf
@needs_weasyprint
@pytest.mark.parametrize("name", NAMES)
def test_first_page_is_filled(laid: dict[str, Laid], name: str) -> None:
    pages = laid[name].pages
    if len(pages) > 1:
        assert pages[0].fill >= FIRST_PAGE_FILLED, (name, round(pages[0].fill, 2))


@pytest.mark.pdf
@needs_weasyprint
@pytest.mark.parametrize("name", NAMES)
def test_no_page_holds_only_a_heading_or_ends_with_one(laid: dict[str, Laid], name: str) -> None:
    pages = laid[name].pages
    for page in pages:
        assert page.lines, (name, page.number, "an empty page")
        assert not heading_alone(page), (name, page.number, page.lines[0].text)
    for page in pages[:-1]:
        lowest = max(page.lines, key=lambda line: line.bottom)
        assert not ends_with_heading(page), (name, page.number, lowest.text)


@pytest.mark.pdf
@needs_weasyprint
@pytest.mark.parametrize("name", NAMES)
def test_no_page_starts_with_a_total_row(laid: dict[str, Laid], name: str) -> None:
    for page in laid[name].pages[1:]:
        assert not starts_with_total(page), (name, page.number, page.lines[:3])


@pytest.mark.pdf
@needs_weasyprint
def test_the_portfolios_total_rows_are_in_their_tables(laid: dict[str, Laid]) -> None:
    """The checks above see total rows: they are in the layout, under the classes tested."""
    for name in ("report", "report-thirty"):
        rows = {cls for page in laid[name].pages for line in page.lines for cls in line.row or ()}
        assert rows >= TOTAL_ROWS, name


def test_the_checks_find_what_they_look_for() -> None:
    """The page checks on made-up pages, so that they can fail."""
    heading = Line("2 Priorities", 700, 720, True, None, False)
    text = Line("The first line of a paragraph", 100, 112, False, None, False)
    head = Line("Country", 50, 60, False, frozenset(), True)
    total = Line("Total", 62, 72, False, frozenset({"line"}), False)
    row = Line("Ghana", 62, 72, False, frozenset(), False)
    assert heading_alone(Page(3, 0.1, [heading]))
    assert not heading_alone(Page(3, 0.9, [text, heading]))
    assert ends_with_heading(Page(3, 0.9, [text, heading]))
    assert not ends_with_heading(Page(3, 0.9, [heading, Line("x", 722, 734, False, None, False)]))
    assert starts_with_total(Page(3, 0.2, [head, total]))
    assert not starts_with_total(Page(3, 0.2, [head, row, total]))


# -- the contents list in print -----------------------------------------------------------------


def text_pages(path: Path) -> list[str]:
    assert PDFTOTEXT is not None
    text = subprocess.run(
        [PDFTOTEXT, str(path), "-"], check=True, capture_output=True, timeout=120
    ).stdout.decode()
    return text.split("\f")[:-1]


def flat(text: str) -> str:
    return " ".join(text.split())


def bare(text: str) -> str:
    """Text without spaces and hyphens: pdftotext joins a heading wrapped at a hyphen
    ("conflict-" / "affected") without it."""
    return re.sub(r"[\s\-\u2010\u00ad]", "", text)


# An entry: its number and title, a dotted leader, its page; a long title wraps before it.
_NUMBERED = re.compile(r"^\d+(?:\.\d+)*\.? \S")
_ENTRY = re.compile(r"^(\d+(?:\.\d+)*\.?) (\S.*?) ?\.{4,} ?(\d+)$")


def contents_entries(page: str) -> list[tuple[str, str, str]]:
    """(number, title, page) of each contents entry on a page of pdftotext's text."""
    entries = []
    pending = ""
    for line in page.splitlines():
        line = flat(line)
        if "....." not in line:
            pending = line if _NUMBERED.match(line) else ""
            continue
        if pending and not _NUMBERED.match(line):
            line = f"{pending} {line}"
        pending = ""
        if found := _ENTRY.match(line):
            entries.append((found[1], found[2], found[3]))
    return entries


@pytest.mark.pdf
@needs_weasyprint
@needs_pdftotext
@pytest.mark.parametrize("name", NAMES)
def test_contents_entries_give_the_page_of_their_heading(laid: dict[str, Laid], name: str) -> None:
    raw = text_pages(laid[name].pdf)
    entries = contents_entries(raw[0])
    pages = [flat(page) for page in raw]
    html = laid[name].html.read_text(encoding="utf-8")
    listed = html.split('<nav class="contents"')[1].split("</nav>")[0].count("<li>")
    assert len(entries) == listed >= 5, (name, entries)
    numbers = [int(page) for *_, page in entries]
    assert numbers == sorted(numbers)
    for number, title, page in entries:
        heading = bare(f"{number} {title}")
        # The first page that holds the heading (the contents page holds the entry too).
        seen = [bare(p).count(heading) - (1 if i == 0 else 0) for i, p in enumerate(pages)]
        first = next((i + 1 for i, count in enumerate(seen) if count > 0), None)
        assert first == int(page), (name, heading, page, first)


# -- the Word document --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def word(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A strategy, a progress report and the portfolio as DOCX, through the CLI."""
    out = tmp_path_factory.mktemp("word")
    for name in ("gh-2021-2025", "co-2022-2026-2025-progress", "report"):
        args = DOCUMENTS[name]
        target = out / f"{name}.docx" if args[0] == "report" else out / name
        proc = subprocess.run(
            [str(HRDPLAN), *args, "--format", "docx", "--out", str(target)],
            capture_output=True, text=True, timeout=300, cwd=ROOT,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        if args[0] == "render":
            (made,) = target.glob("*.docx")
            made.rename(out / f"{name}.docx")
    return out


def test_word_keeps_headings_captions_and_total_rows_with_what_follows(word: Path) -> None:
    import docx

    document = docx.Document(str(word / "report.docx"))
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        if style.startswith("Heading") or style == "Caption":
            kept = paragraph.paragraph_format.keep_with_next
            if kept is None and paragraph.style is not None:
                kept = paragraph.style.paragraph_format.keep_with_next
            assert kept, (style, paragraph.text)
    totals = 0
    for table in document.tables:
        rows = table.rows
        for before, row in itertools.pairwise(rows):
            if row.cells[0].text.strip() in ("Total", "Countries covering", "Overall"):
                totals += 1
                for cell in before.cells:
                    for paragraph in cell.paragraphs:
                        assert paragraph.paragraph_format.keep_with_next, row.cells[0].text
    assert totals >= 3


def _first_page_fill(pdf_file: Path) -> float:
    """How far down page 1's body its lowest line of text reaches, between the header (the
    marking) and the footer (the marking, the page number), from pdftotext's word boxes."""
    assert PDFTOTEXT is not None
    xml = subprocess.run(
        [PDFTOTEXT, "-bbox", "-f", "1", "-l", "1", str(pdf_file), "-"],
        check=True, capture_output=True, timeout=120,
    ).stdout.decode()  # fmt: skip
    lines = sorted(
        (float(y0), float(y1))
        for y0, y1 in re.findall(r'yMin="([\d.]+)"[^>]*yMax="([\d.]+)">[^<]*</word>', xml)
    )
    header = lines[0][1]  # the bottom of the first line, the marking
    lowest = lines[-1][0]
    footer = min(y0 for y0, _ in lines if y0 > lowest - 24)  # its last two lines at most
    body = [y1 for y0, y1 in lines if header < y0 and y1 < footer - 1]
    return (max(body) - header) / (footer - header)


@pytest.mark.office
@pytest.mark.pdf
@needs_soffice
@needs_pdftotext
def test_word_first_page_is_filled_in_libreoffice(word: Path, tmp_path: Path) -> None:
    libreoffice_pdf(sorted(word.glob("*.docx")), tmp_path)
    for made in sorted(word.glob("*.docx")):
        converted = tmp_path / f"{made.stem}.pdf"
        assert converted.exists(), made.name
        if len(text_pages(converted)) > 1:
            assert _first_page_fill(converted) >= FIRST_PAGE_FILLED, made.name


@pytest.mark.pdf
@needs_weasyprint
def test_fill_measures_how_far_down_the_page_content_reaches() -> None:
    page = "@page { size: A4; margin: 20mm }"  # a content area 257 mm high
    document = pdf.layout(
        f"<style>{page} body {{ margin: 0 }} div {{ height: 128.5mm; background: #000 }}</style>"
        "<p style='margin: 0'>Text</p><div></div>"
    )
    (only,) = pages_of(document)
    assert 0.5 < only.fill < 0.56
