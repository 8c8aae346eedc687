"""Word documents (DOCX) from the rendered HTML, with python-docx.

The HTML templates are the one layout of every document; this module maps their elements to
Word's own structures, as pandoc does from HTML: the title block to the Title style and a
table of facts, the marking to every page's header and footer (with page numbers), the
contents list to a TOC field, h2-h4 to Heading 1-3, lists, quotes, tables with repeating
header rows, and the charts to native tables.

python-docx has no API for fields (page numbers, TOC), bookmarks, internal hyperlinks,
repeating header rows or restarting a numbered list; they are written as the OOXML that Word
itself writes, as python-docx's users do (python-openxml/python-docx#31, #36, #74, #322,
#498, #25). Its package writer stamps the current time into the zip (#1042, #811): the
package is written again with fixed entry dates and order, so the same input gives the same
bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, replace
from datetime import UTC
from typing import TYPE_CHECKING, Any, Literal

from hrdplan.io.locale import is_rtl, with_region
from hrdplan.render.formats import break_long_words

if TYPE_CHECKING:
    from collections.abc import Iterator

# hrdplan's mark in the core properties (docProps/core.xml): who last modified the document
# and when. Word and LibreOffice rewrite both when someone saves the file, so a DOCX that a
# colleague has since edited (comments, tracked changes) is no longer "ours" and rendering
# again refuses to replace it without --force.
MARK = "hrdplan"
FIXED_DATE = (2000, 1, 1)
# The zip entries' date: the earliest a zip can hold, as Word itself writes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# A DOCX of ours is a few MB at most.
MAX_WRITTEN_BYTES = 256 * 1024 * 1024
_MAX_CORE_XML = 256 * 1024

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Characters XML 1.0 cannot hold (C0 controls but tab and newlines, lone surrogates, the two
# non-characters): shown as U+FFFD rather than breaking the document.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile(r"[ \t\n\r\f]+")
_WIDTH = re.compile(r"width:\s*([0-9]+(?:\.[0-9]+)?)%")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Elements that start a block of their own; any other element (a user's custom one included)
# runs inline, as a browser lays out an element it does not know.
_BLOCK = _words(
    "address article aside blockquote body caption center dd details dialog dir div "
    "dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr "
    "li main menu nav ol p pre search section summary table tbody td tfoot th thead "
    "tr ul legend"
)
_SKIP = frozenset(
    ["head", "script", "style", "template", "title", "meta", "link", "noscript", "iframe", "object"]
)
_HEADING_STYLES = {
    "h1": "Title",
    "h2": "Heading 1",
    "h3": "Heading 2",
    "h4": "Heading 3",
    "h5": "Heading 4",
    "h6": "Heading 5",
}
# Cell shading for the charts drawn as table cells: the timeline's periods, the heat maps.
_SHADES = {
    "span-plan": "D6E4F0",
    "span-strategy": "9DBCD8",
    "h1": "E3EEF7",
    "h2": "C3DAEC",
    "h3": "93BCDD",
    "h4": "5E97C6",
}
_MUTED = "4A5561"
# A redline: <del>/<ins> become Word's own tracked changes, by this author on a fixed date (so
# that the bytes stay the same), which Word and LibreOffice let a reviewer accept or reject.
# The legend and the summary show deleted and inserted text as plain formatting instead, in
# these colours (as the HTML's): accepting every change leaves them as they are.
REVISION_AUTHOR = "hrdplan"
_DELETED = "A3141C"
_INSERTED = "0B4F9C"
# What follows w:bidi in a paragraph's properties (CT_PPrBase's sequence).
_AFTER_BIDI = _words(
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
    "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
)
_HEADER_SHADE = "E8ECF0"
# Rows that total a table (the portfolio's "Total" and "Countries covering"): kept with the row
# before them.
_TOTAL_ROWS = frozenset({"line", "countries"})
_PORTRAIT_COLUMNS = 16
# The most text (characters) a table row kept on one page holds: about a page of a narrow
# column in a table's type.
_WHOLE_ROW = 1500
# The text's width (EMU) for a reference document without a page size: 16 cm.
_TEXT_WIDTH = 5760720


def clean(text: str) -> str:
    """Text that XML can hold: characters it cannot as U+FFFD (the templates already show
    control characters visibly; this is the last guard)."""
    return _NOT_XML.sub("\ufffd", text)


def word_lang(lang: str) -> str:
    """Word's tag for a language (`en` -> `en-GB`); a tag with a region as it is."""
    return with_region(clean(lang).strip())[:20]


@dataclass(frozen=True)
class Fmt:
    """How a run of text looks, inherited down the HTML tree."""

    bold: bool = False
    italic: bool = False
    code: bool = False
    small: bool = False
    muted: bool = False
    lang: str | None = None
    sup: bool = False
    sub: bool = False
    revision: Literal["ins", "del"] | None = None  # a tracked change (a redline's <ins>/<del>)
    shown: Literal["ins", "del"] | None = None  # formatted as one, not tracked (the legend)


@dataclass
class Text:
    text: str
    fmt: Fmt


@dataclass
class Break:
    pass


@dataclass
class Link:
    anchor: str | None  # a bookmark name (internal link)
    url: str | None  # an external address
    items: list[Text | Break]


Inline = Text | Break | Link


def from_html(html: str, *, reference: bytes | None = None) -> bytes:
    """The DOCX of a rendered HTML document; `reference`, an organisation's Word template
    (--reference-doc), gives the styles, page setup, headers and footers."""
    import lxml.html
    from lxml.etree import ParserError

    text = clean(html)
    try:
        root = lxml.html.document_fromstring(text)
    except ParserError:  # nothing but whitespace, or not markup at all: kept as text
        from html import escape

        root = lxml.html.document_fromstring(f"<html><body><p>{escape(text)}</p></body></html>")
    writer = _Writer(root, reference)
    writer.write()
    return normalized(writer.save())


def normalized(data: bytes) -> bytes:
    """The package written again with fixed entry dates, attributes and order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = source.namelist()
        first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in names]
        order = first + sorted(n for n in names if n not in first)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in order:
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 0
                info.external_attr = 0
                target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()


def written(data: bytes) -> bool:
    """Whether a DOCX file is one hrdplan wrote and nobody has saved since: its core
    properties last modified by hrdplan at hrdplan's fixed date."""
    if len(data) > MAX_WRITTEN_BYTES or not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            info = package.getinfo("docProps/core.xml")
            if info.file_size > _MAX_CORE_XML:
                return False
            with package.open(info) as handle:
                core = handle.read(_MAX_CORE_XML + 1)
    except Exception:
        return False
    stamp = "{:04d}-{:02d}-{:02d}T00:00:00Z".format(*FIXED_DATE).encode()
    return (
        re.search(rb"<cp:lastModifiedBy>" + MARK.encode() + rb"</cp:lastModifiedBy>", core)
        is not None
        and re.search(
            rb"<dcterms:modified[^>]*>" + re.escape(stamp) + rb"</dcterms:modified>", core
        )
        is not None
    )


def _classes(element: Any) -> set[str]:
    return set((element.get("class") or "").split())


def _text(element: Any) -> str:
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


class _Writer:
    """One document being written: the python-docx Document, the bookmarks, the numbering."""

    def __init__(self, root: Any, reference: bytes | None) -> None:
        import docx

        self.root = root
        self.doc = docx.Document(io.BytesIO(reference)) if reference else docx.Document()
        self.fresh = reference is None
        html = root if root.tag == "html" else root.getroottree().getroot()
        self.lang = clean(html.get("lang") or "").strip() or None
        self.ids = {clean(i) for i in root.xpath("//@id")}
        self.bookmarks: dict[str, str] = {}
        self.taken: set[str] = set()  # the bookmark names given
        self.pending: list[str] = []  # ids waiting for the next paragraph to carry them
        self.placed: set[str] = set()
        self.next_bookmark = 1
        # Tracked changes count apart from bookmarks: ids unique among annotations.
        self.next_revision = 100_000
        # Each looked up once: python-docx finds a style by name, and the default style that
        # a paragraph's style is compared with, by reading every style in the document, which
        # for every paragraph of a long document in a reference document of many styles is
        # the whole cost.
        self.styles: dict[str, Any] = {}
        self.default_ids: dict[Any, str | None] = {}
        # The last section's properties (the body's last sectPr, which python-docx keeps as
        # the sentinel when it adds a section): found once, not by a search of the body.
        self.section = self.doc.sections[-1]
        # The paragraphs made, in order: what a quote or a definition styles afterwards.
        self.made: list[Any] = []
        self.next_num: int | None = None
        self.abstract: dict[str, str | None] = {}

    # The document as a whole ---------------------------------------------------------------

    def write(self) -> None:
        if not self.fresh:
            self._empty_body()
        else:
            self._page_setup()
        self._settings()
        self._language()
        body = self.root.find("body")
        banner = self._banner(body)
        self._headers_footers(banner)
        # Where the body's content goes: before this empty paragraph, itself removed at the
        # end. python-docx adds a paragraph or a table to the body by searching its children
        # for the section properties that end it, which makes a long document quadratic.
        self.end = self.doc.add_paragraph()
        if body is not None:
            self.flow(body, self.doc, Fmt(lang=None))
        self.doc.element.body.remove(self.end._p)
        self._properties()

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def _empty_body(self) -> None:
        """The reference document's body emptied: its last section's page setup, headers
        and footers stay (sectPr, the body's last child)."""
        body = self.doc.element.body
        for child in list(body):
            if child.tag != f"{{{_W}}}sectPr":
                body.remove(child)

    def _page_setup(self) -> None:
        """A4 with 2.5 cm margins, as EU documents are printed (python-docx's own default is
        US Letter)."""
        from docx.shared import Cm

        section = self.section
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.5))

    def _settings(self) -> None:
        """Word updates the fields (the TOC's page numbers) when it opens the document."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        settings = self.doc.settings.element
        for old in settings.findall(qn("w:updateFields")):
            settings.remove(old)
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        # Its place in CT_Settings' sequence: before the first of these that is present.
        successors = _words(
            "hdrShapeDefaults footnotePr endnotePr compat docVars rsids attachedSchema "
            "themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats "
            "doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType "
            "schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator"
        )
        math = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
        for child in settings:
            if child.tag.rsplit("}", 1)[-1] in successors or child.tag.startswith(math):
                child.addprevious(update)
                return
        settings.append(update)

    def _language(self) -> None:
        """The document's language on the default run properties and the Normal style."""
        if not self.lang:
            return
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        styles = self.doc.styles.element
        targets = []
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is not None:
            rpr_default = defaults.find(qn("w:rPrDefault"))
            if rpr_default is None:
                rpr_default = OxmlElement("w:rPrDefault")
                defaults.insert(0, rpr_default)
            rpr = rpr_default.find(qn("w:rPr"))
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                rpr_default.append(rpr)
            targets.append(rpr)
        normal = self._style("Normal")
        if normal is not None:
            targets.append(normal.element.get_or_add_rPr())
        for rpr in targets:
            _set_lang(rpr, self.lang)

    def _properties(self) -> None:
        from datetime import datetime

        fixed = datetime(*FIXED_DATE, tzinfo=UTC)
        core = self.doc.core_properties
        title = self.root.find("head/title")
        core.title = clean(_text(title))[:255] if title is not None else ""
        core.language = word_lang(self.lang) if self.lang else ""
        core.author = MARK
        core.last_modified_by = MARK
        core.created = fixed
        core.modified = fixed
        core.last_printed = fixed
        core.revision = 1
        core.comments = ""
        core.keywords = ""
        core.category = ""
        core.subject = ""
        core.content_status = ""

    # Header and footer ----------------------------------------------------------------------

    def _banner(self, body: Any) -> str:
        if body is None:
            return ""
        for element in body.iter():
            if isinstance(element.tag, str) and "banner-top" in _classes(element):
                return clean(_text(element))
        return ""

    def _headers_footers(self, banner: str) -> None:
        """The marking at the top and bottom of every page, the footer with "page / pages"."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        section = self.section
        headers = [section.header]
        footers = [section.footer]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
            footers.append(section.first_page_footer)
        if self.doc.settings.odd_and_even_pages_header_footer:
            headers.append(section.even_page_header)
            footers.append(section.even_page_footer)
        for header in headers:
            header.is_linked_to_previous = False
            if banner:
                first = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
                paragraph = first if _blank(first) else first.insert_paragraph_before()
                self._marking(paragraph, banner)
        for footer in footers:
            footer.is_linked_to_previous = False
            fields = footer._element.xpath(".//@w:instr | .//w:instrText/text()")
            numbered = any("PAGE" in str(f) for f in fields)
            last = footer.paragraphs[-1] if footer.paragraphs else footer.add_paragraph()
            paragraph = last if _blank(last) else footer.add_paragraph()
            if banner:
                self._marking(paragraph, banner)
                paragraph = footer.add_paragraph()
            if not numbered:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                self._page_numbers(paragraph)

    def _marking(self, paragraph: Any, banner: str) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(banner)
        run.bold = True
        run.font.size = Pt(9)

    def _page_numbers(self, paragraph: Any) -> None:
        from docx.shared import Pt

        def field(instruction: str) -> None:
            from docx.oxml import OxmlElement
            from docx.oxml.ns import qn

            simple = OxmlElement("w:fldSimple")
            simple.set(qn("w:instr"), f" {instruction} ")
            run = paragraph.add_run("1")
            run.font.size = Pt(8)
            simple.append(run._r)  # the cached result, shown until the field is updated
            paragraph._p.append(simple)

        field("PAGE")
        paragraph.add_run(" / ").font.size = Pt(8)
        field("NUMPAGES")

    # Styles -----------------------------------------------------------------------------------

    def _style(self, name: str) -> Any:
        if name not in self.styles:
            try:
                self.styles[name] = self.doc.styles[name]
            except KeyError:
                self.styles[name] = None
        return self.styles[name]

    def _style_id(self, style: Any) -> str | None:
        """The id a paragraph, run or table names its style by: none for the default style
        of its kind, as python-docx's own setter leaves it."""
        kind = style.type
        if kind not in self.default_ids:
            default = self.doc.styles.default(kind)
            self.default_ids[kind] = default.style_id if default is not None else None
        identifier: str | None = style.style_id
        return None if identifier == self.default_ids[kind] else identifier

    def set_style(self, target: Any, style: Any) -> None:
        """A paragraph's, run's or table's style (python-docx's setter looks the default
        style up again each time)."""
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        identifier = self._style_id(style)
        if isinstance(target, Paragraph):
            target._p.style = identifier
        elif isinstance(target, Table):
            target._tbl.tblStyle_val = identifier
        else:
            target._r.style = identifier

    def style(self, name: str, *, character: bool = False) -> Any:
        """A style by name; one made on the fly when the reference document lacks it (a
        heading keeps its outline level, so the navigation pane and the TOC still work)."""
        found = self._style(name)
        if found is not None:
            return found
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Pt, RGBColor

        kind = WD_STYLE_TYPE.CHARACTER if character else WD_STYLE_TYPE.PARAGRAPH
        made = self.doc.styles.add_style(name, kind)
        self.styles[name] = made
        if character:
            if name == "Hyperlink":
                made.font.underline = True
                made.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
            elif name == "Verbatim Char":
                made.font.name = "Consolas"
            return made
        base = self._style("Normal")
        if base is not None:
            made.base_style = base
        level = {"Title": 0, "Heading 1": 0, "Heading 2": 1, "Heading 3": 2}.get(name)
        if name.startswith("Heading ") and name[8:].isdigit():
            level = int(name[8:]) - 1
        if name == "Title":
            made.font.size = Pt(24)
            level = None
        if level is not None:
            from docx.oxml import OxmlElement
            from docx.oxml.ns import qn

            made.font.bold = True
            made.font.size = Pt(max(16 - 2 * level, 11))
            made.paragraph_format.keep_with_next = True
            outline = OxmlElement("w:outlineLvl")
            outline.set(qn("w:val"), str(level))
            made.element.get_or_add_pPr().append(outline)
        if name.startswith("toc ") and name[4:].isdigit():
            from docx.shared import Cm

            made.paragraph_format.left_indent = Cm(0.6 * (int(name[4:]) - 1))
            made.paragraph_format.space_before = Pt(0)
            made.paragraph_format.space_after = Pt(2)
        if name in ("Quote", "Intense Quote"):
            from docx.shared import Cm

            made.font.italic = True
            made.paragraph_format.left_indent = Cm(1)
        if name in ("Caption", "TOC Heading", "Subtitle"):
            made.font.bold = name != "Subtitle"
        return made

    # Block content ----------------------------------------------------------------------------

    def flow(self, element: Any, container: Any, fmt: Fmt) -> None:
        """The children of a block element: block children as paragraphs, tables and lists;
        runs of inline content and loose text as paragraphs of their own."""
        fmt = self._fmt(element, fmt)
        self._note_id(element)
        loose: list[Inline] = []

        def flush() -> None:
            if _has_text(loose):
                self.paragraph(container, list(loose))
            loose.clear()

        if element.text:
            loose.append(Text(element.text, fmt))
        for child in element:
            if (
                isinstance(child.tag, str)
                and child.tag.lower() in _BLOCK
                and not self._skipped(child)
            ):
                flush()
                self.block(child, container, fmt)
            elif isinstance(child.tag, str) and not self._skipped(child):
                loose.extend(self.inline(child, fmt))
            if child.tail:
                loose.append(Text(child.tail, fmt))
        flush()

    def _skipped(self, element: Any) -> bool:
        tag = element.tag.lower()
        if tag in _SKIP or element.get("hidden") is not None:
            return True
        if element.get("aria-hidden") == "true":
            return True
        return "banner" in _classes(element)  # the marking is in the header and footer

    def block(self, element: Any, container: Any, fmt: Fmt) -> None:
        tag = element.tag.lower()
        classes = _classes(element)
        if tag == "header" and "title-block" in classes:
            self.title_block(element, container, fmt)
        elif tag == "nav" and "contents" in classes:
            self.contents(element, container, fmt)
        elif tag in _HEADING_STYLES:
            self.heading(element, container, fmt, _HEADING_STYLES[tag])
        elif tag == "p" or tag in ("dt", "address", "summary", "caption"):
            style = "Caption" if tag == "caption" else None
            made = self.paragraph(container, self.inline_children(element, fmt), style=style)
            if made is not None and style:
                made.paragraph_format.keep_with_next = True
        elif tag in ("ul", "ol"):
            self.listing(element, container, fmt, level=1)
        elif tag == "table":
            self.table(element, container, fmt)
        elif tag == "blockquote":
            self.quote(element, container, fmt)
        elif tag == "figure":
            self.figure(element, container, fmt)
        elif tag == "figcaption":
            made = self.paragraph(container, self.inline_children(element, fmt), style="Caption")
            if made is not None:  # a caption never ends a page: it goes on with its chart
                made.paragraph_format.keep_with_next = True
        elif tag == "dl":
            self.definitions(element, container, fmt)
        elif tag == "pre":
            self.pre(element, container, fmt)
        elif tag == "footer" and "colophon" in classes:
            self.paragraph(
                container,
                self.inline_children(element, replace(fmt, small=True, muted=True)),
            )
        elif tag == "hr":
            self._note_id(element)
        else:
            # section, article, main, div, header, footer, nav, dd, li outside a list, and any
            # element of a user's own template: its content, never dropped.
            self.flow(element, container, fmt)

    def title_block(self, element: Any, container: Any, fmt: Fmt) -> None:
        fmt = self._fmt(element, fmt)
        self._note_id(element)
        for child in element:
            if not isinstance(child.tag, str) or self._skipped(child):
                continue
            tag = child.tag.lower()
            if tag == "p" and "kicker" in _classes(child):
                self.paragraph(container, self.inline_children(child, fmt), style="Subtitle")
            elif tag == "h1":
                self.heading(child, container, fmt, "Title")
            elif tag == "dl" and "facts" in _classes(child):
                self.facts(child, container, fmt)
            else:
                self.block(child, container, fmt)

    def facts(self, element: Any, container: Any, fmt: Fmt) -> None:
        """A definition list as a two-column table: term | description."""
        fmt = self._fmt(element, fmt)
        pairs: list[tuple[Any, list[Any]]] = []
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "dt":
                pairs.append((child, []))
            elif child.tag == "dd":
                if not pairs:
                    pairs.append((None, []))
                pairs[-1][1].append(child)
        if not pairs:
            return
        table = self._new_table(container, len(pairs), 2)
        for row, (term, descriptions) in zip(table.rows, pairs, strict=True):
            self._cant_split(row)
            left, right = row.cells
            if term is not None:
                self.paragraph(
                    left,
                    self.inline_children(term, replace(fmt, bold=True)),
                    reuse=True,
                )
            first = True
            for description in descriptions:
                self.paragraph(right, self.inline_children(description, fmt), reuse=first)
                first = False
        self._fit(table, container)
        self._spacer(container)

    def heading(self, element: Any, container: Any, fmt: Fmt, style: str) -> None:
        paragraph = self.paragraph(container, self.inline_children(element, fmt), style=style)
        if paragraph is not None:
            paragraph.paragraph_format.keep_with_next = True

    def contents(self, element: Any, container: Any, fmt: Fmt) -> None:
        """The contents list as a TOC field: Word fills it in with page numbers when it
        updates the fields on opening; until then (and in LibreOffice) its cached result lists
        the entries, each a link to its section."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        fmt = self._fmt(element, fmt)
        self._note_id(element)
        label = clean(element.get("aria-label") or "").strip()
        heading = element.find(".//h2")
        if heading is not None:
            label = _text(heading) or label
        if label:
            self.paragraph(container, [Text(label, fmt)], style="TOC Heading")
        entries: list[tuple[int, Any]] = []

        def collect(listing: Any, depth: int) -> None:
            for item in listing:
                if not isinstance(item.tag, str) or item.tag != "li":
                    continue
                entries.append((depth, item))
                for sub in item:
                    if isinstance(sub.tag, str) and sub.tag in ("ol", "ul"):
                        collect(sub, depth + 1)

        for listing in element.iter("ol", "ul"):
            collect(listing, 1)
            break

        def char(kind: str) -> Any:
            run = OxmlElement("w:r")
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run.append(fld)
            return run

        def instruction() -> Any:
            run = OxmlElement("w:r")
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = ' TOC \\o "1-3" \\h \\z \\u '
            run.append(text)
            return run

        paragraphs = []
        for depth, item in entries:
            own = [c for c in item if not (isinstance(c.tag, str) and c.tag in ("ol", "ul"))]
            items: list[Inline] = [Text(item.text or "", fmt)]
            for child in own:
                if isinstance(child.tag, str) and not self._skipped(child):
                    items.extend(self.inline(child, fmt))
                if child.tail:
                    items.append(Text(child.tail, fmt))
            paragraph = self.paragraph(container, items, style=f"toc {min(depth, 9)}", force=True)
            paragraphs.append(paragraph)
        if not paragraphs:
            paragraphs.append(self.paragraph(container, [], style="toc 1", force=True))
        first, last = paragraphs[0]._p, paragraphs[-1]._p
        anchor = first.pPr if first.pPr is not None else None
        begin = [char("begin"), instruction(), char("separate")]
        for run in reversed(begin):
            if anchor is not None:
                anchor.addnext(run)
            else:
                first.insert(0, run)
        last.append(char("end"))

    def quote(self, element: Any, container: Any, fmt: Fmt) -> None:
        fmt = self._fmt(element, fmt)
        self._note_id(element)
        style = "Intense Quote" if "intense" in _classes(element) else "Quote"
        start = len(self.made)
        self.flow(element, container, fmt)
        for paragraph in self._made_in(container, start):
            self.set_style(paragraph, self.style(style))

    def figure(self, element: Any, container: Any, fmt: Fmt) -> None:
        """A chart: its caption, then its data as a native table (the bars: label | count |
        share of the widest; a legend: label | value), never an empty box."""
        fmt = self._fmt(element, fmt)
        self._note_id(element)
        for child in element:
            if not isinstance(child.tag, str) or self._skipped(child):
                continue
            classes = _classes(child)
            if child.tag in ("ul", "ol") and "bars" in classes:
                self.bars(child, container, fmt)
            elif child.tag in ("ul", "ol") and "legend" in classes:
                self.legend(child, container, fmt)
            elif child.tag not in _BLOCK:
                self.paragraph(container, self.inline(child, fmt))
            else:
                self.block(child, container, fmt)

    def bars(self, element: Any, container: Any, fmt: Fmt) -> None:
        rows = []
        for item in element.iter("li"):
            label = item.find_class("label")
            count = item.find_class("count")
            fill = item.find_class("fill")
            found = _WIDTH.search(fill[0].get("style") or "") if fill else None
            rows.append(
                (
                    self.inline_children(label[0], fmt)
                    if label
                    else self.inline_children(item, fmt),
                    _text(count[0]) if count else "",
                    float(found.group(1)) if found else None,
                )
            )
        if not rows:
            return
        table = self._new_table(container, len(rows), 3)
        for row, (label, count, width) in zip(table.rows, rows, strict=True):
            self._cant_split(row)
            cells = row.cells
            self.paragraph(cells[0], label, reuse=True)
            self.paragraph(cells[1], [Text(count, fmt)], reuse=True, align="right")
            self._bar(cells[2], width, fmt)
        self._fit(table, container)
        self._spacer(container)

    def _bar(self, cell: Any, width: float | None, fmt: Fmt) -> None:
        """A bar drawn in a cell, a block for each tenth, then its share in figures."""
        from docx.shared import RGBColor

        from hrdplan.io.locale import percent

        if width is None:
            return
        width = max(0.0, min(100.0, width))
        paragraph = cell.paragraphs[0]
        blocks = round(width / 10)
        if blocks:
            run = paragraph.add_run("\u2588" * blocks + " ")
            run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
        share = percent(width, (self.lang or "en").split("-")[0].lower())
        self._format(paragraph.add_run(share), fmt)

    def legend(self, element: Any, container: Any, fmt: Fmt) -> None:
        rows = []
        for item in element:
            if not isinstance(item.tag, str) or item.tag != "li":
                continue
            items = self.inline_children(item, fmt)
            text = "".join(i.text for i in items if isinstance(i, Text))
            label, _, value = _SPACE.sub(" ", text).strip().rpartition(": ")
            rows.append((label or value, value if label else ""))
        if not rows:
            return
        table = self._new_table(container, len(rows), 2)
        for row, (label, value) in zip(table.rows, rows, strict=True):
            self._cant_split(row)
            self.paragraph(row.cells[0], [Text(label, fmt)], reuse=True)
            self.paragraph(row.cells[1], [Text(value, fmt)], reuse=True, align="right")
        self._fit(table, container)
        self._spacer(container)

    def definitions(self, element: Any, container: Any, fmt: Fmt) -> None:
        from docx.shared import Cm

        fmt = self._fmt(element, fmt)
        self._note_id(element)
        for child in element:
            if not isinstance(child.tag, str) or self._skipped(child):
                continue
            if child.tag == "dt":
                self.paragraph(container, self.inline_children(child, replace(fmt, bold=True)))
            else:
                start = len(self.made)
                self.flow(child, container, fmt)
                for paragraph in self._made_in(container, start):
                    paragraph.paragraph_format.left_indent = Cm(1)

    def _made_in(self, container: Any, start: int) -> list[Any]:
        """The paragraphs made directly in the container since the count `start` (not those
        in a table's cells): found without listing the container's paragraphs again, which for
        the document's body is a walk through everything written so far."""
        element = self.doc.element.body if container is self.doc else container._element
        return [p for p in self.made[start:] if p._p.getparent() is element]

    def pre(self, element: Any, container: Any, fmt: Fmt) -> None:
        fmt = replace(self._fmt(element, fmt), code=True)
        self._note_id(element)
        lines = clean("".join(element.itertext())).split("\n")
        items: list[Inline] = []
        for index, line in enumerate(lines):
            if index:
                items.append(Break())
            items.append(Text(line.replace(" ", "\u00a0"), fmt))
        self.paragraph(container, items, force=True)

    def listing(self, element: Any, container: Any, fmt: Fmt, level: int) -> None:
        fmt = self._fmt(element, fmt)
        self._note_id(element)
        numbered = element.tag == "ol"
        base = "List Number" if numbered else "List Bullet"
        style = base if level == 1 else f"{base} {min(level, 3)}"
        num_id = self._restart(style) if numbered else None
        for item in element:
            if not isinstance(item.tag, str) or self._skipped(item):
                continue
            if item.tag != "li":
                self.block(item, container, fmt)
                continue
            item_fmt = self._fmt(item, fmt)
            self._note_id(item)
            items: list[Inline] = [Text(item.text or "", item_fmt)]
            nested: list[Any] = []
            for child in item:
                if isinstance(child.tag, str) and child.tag in ("ul", "ol"):
                    nested.append(child)
                elif (
                    isinstance(child.tag, str)
                    and child.tag.lower() in _BLOCK
                    and not self._skipped(child)
                ):
                    items.append(Break())
                    items.extend(self.inline_children(child, item_fmt))
                elif isinstance(child.tag, str) and not self._skipped(child):
                    items.extend(self.inline(child, item_fmt))
                if child.tail:
                    items.append(Text(child.tail, item_fmt))
            paragraph = self.paragraph(container, items, style=style, force=True)
            if num_id is not None:
                _set_num(paragraph, num_id)
            for sub in nested:
                self.listing(sub, container, item_fmt, level + 1)

    def _restart(self, style_name: str) -> str | None:
        """A numbering of its own for a numbered list, starting at 1: python-docx's List
        Number style continues one count through the whole document (python-docx#25)."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        style = self.style(style_name)
        ids = style.element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        if not ids:
            return None
        try:
            numbering = self.doc.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return None
        # The style's own numbering, looked up once: each list adds a numbering to search.
        if ids[0] not in self.abstract:
            found = numbering.xpath(f'./w:num[@w:numId="{ids[0]}"]/w:abstractNumId/@w:val')
            self.abstract[ids[0]] = str(found[0]) if found else None
        abstract = self.abstract[ids[0]]
        if abstract is None:
            return None
        if self.next_num is None:
            existing = [int(n) for n in numbering.xpath("./w:num/@w:numId") if n.isdigit()]
            self.next_num = max(existing, default=0) + 1
        new_id = str(self.next_num)
        self.next_num += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), new_id)
        abstract_id = OxmlElement("w:abstractNumId")
        abstract_id.set(qn("w:val"), abstract)
        num.append(abstract_id)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
        numbering.append(num)
        return new_id

    # Tables -------------------------------------------------------------------------------

    def _add_paragraph(self, container: Any) -> Any:
        if container is self.doc:
            return self.end.insert_paragraph_before()
        return container.add_paragraph()

    def _add_table(self, container: Any, rows: int, columns: int) -> Any:
        """A table at the end of the container; in the body, before the writing position
        (python-docx's own Document.add_table looks the section up again, as a search of the
        body, for the width it gives the columns)."""
        if container is not self.doc:
            return container.add_table(rows, columns)
        from docx.oxml.table import CT_Tbl
        from docx.shared import Emu
        from docx.table import Table

        section = self.section
        page = (section.page_width, section.left_margin, section.right_margin)
        width = page[0] - page[1] - page[2] if None not in page else _TEXT_WIDTH  # type: ignore[operator]
        tbl = CT_Tbl.new_tbl(rows, columns, Emu(width))
        self.end._p.addprevious(tbl)
        return Table(tbl, self.doc)

    def _new_table(self, container: Any, rows: int, columns: int) -> Any:
        table = self._add_table(container, rows, columns)
        style = self._style("Table Grid")
        self.set_style(table, style if style is not None else self._table_style_fallback())
        # Word lays the table out from its content (a timeline of 10 years, a heat map of 20
        # objectives): explicit even widths would crush the first column.
        table.autofit = True
        return table

    def _table_style_fallback(self) -> Any:
        """A table style with borders for a reference document that has no "Table Grid"."""
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml import parse_xml

        made = self.doc.styles.add_style("Table Grid", WD_STYLE_TYPE.TABLE)
        self.styles["Table Grid"] = made
        borders = "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        made.element.append(
            parse_xml(f'<w:tblPr xmlns:w="{_W}"><w:tblBorders>{borders}</w:tblBorders></w:tblPr>')
        )
        return made

    def table(self, element: Any, container: Any, fmt: Fmt) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        fmt = self._fmt(element, fmt)
        self._note_id(element)
        caption = element.find("caption")
        if caption is not None:
            made = self.paragraph(container, self.inline_children(caption, fmt), style="Caption")
            if made is not None:
                made.paragraph_format.keep_with_next = True
        rows: list[tuple[Any, bool]] = []
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "tr":
                rows.append((child, False))
            elif child.tag in ("thead", "tbody", "tfoot"):
                rows.extend(
                    (tr, child.tag == "thead")
                    for tr in child
                    if isinstance(tr.tag, str) and tr.tag == "tr"
                )
        grid: list[list[tuple[Any, int]]] = []
        for tr, _ in rows:
            cells = []
            for cell in tr:
                if isinstance(cell.tag, str) and cell.tag in ("td", "th"):
                    span = cell.get("colspan") or "1"
                    cells.append((cell, max(1, min(int(span) if span.isdigit() else 1, 63))))
            grid.append(cells)
        columns = max((sum(span for _, span in cells) for cells in grid), default=0)
        if not rows or columns == 0:
            return
        # A table too wide for a portrait page (the coverage matrix) gets a landscape page.
        wide = container is self.doc and columns > _PORTRAIT_COLUMNS
        if wide:
            self._orientation(landscape=True)
        table = self._new_table(container, len(rows), min(columns, 63))
        # Header rows repeat only when they are the table's first rows.
        leading = True
        for (tr, in_head), cells, row in zip(rows, grid, table.rows, strict=True):
            # A row is kept on one page unless its text could not fit on one: a row taller
            # than a page that may not split makes Word and LibreOffice lay the table out
            # again and again (minutes for one cell of 100,000 characters).
            if len(_text(tr)) <= _WHOLE_ROW:
                self._cant_split(row)
            leading = leading and in_head
            if leading:
                _repeat_header(row)
                for tc in row._tr.tc_lst:
                    _shade_tc(tc, _HEADER_SHADE)
            row_fmt = self._fmt(tr, fmt)
            if "line" in _classes(tr):
                row_fmt = replace(row_fmt, bold=True)
            self._note_id(tr)
            position = 0
            for cell, span in cells:
                if position >= columns:
                    break
                target = row.cells[position]
                end = min(position + span, columns) - 1
                if end > position:
                    target = target.merge(row.cells[end])
                cell_fmt = self._fmt(cell, row_fmt)
                if cell.tag == "th":
                    cell_fmt = replace(cell_fmt, bold=True)
                classes = _classes(cell)
                start = len(target.paragraphs)
                self.flow_cell(cell, target, cell_fmt)
                align = WD_ALIGN_PARAGRAPH.RIGHT if "num" in classes else None
                if align is not None:
                    for paragraph in target.paragraphs[start - 1 :]:
                        paragraph.alignment = align
                shade = next((_SHADES[c] for c in sorted(classes) if c in _SHADES), None)
                if shade:
                    _shade(target, shade)
                position = end + 1
        # A total row never alone at a page's top: the row before it keeps with it (Word
        # keeps a row with the next when every paragraph in it keeps with the next).
        for (tr, _), row in zip(rows[1:], table.rows[:-1], strict=True):
            if _classes(tr) & _TOTAL_ROWS:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True
        self._fit(table, container)
        self._spacer(container)
        if wide:
            self._orientation(landscape=False)

    def _break_before_heading(self, brk: Any) -> None:
        """The section break just made moved before the heading (and its introduction) that
        lead to the wide table, so that they open its page."""
        from docx.oxml.ns import qn

        candidate = brk.getprevious()
        for _ in range(3):
            if candidate is None or candidate.tag != qn("w:p"):
                return
            style = candidate.xpath("./w:pPr/w:pStyle/@w:val")
            if style and style[0].startswith("Heading"):
                candidate.addprevious(brk)
                return
            candidate = candidate.getprevious()

    def _orientation(self, *, landscape: bool) -> None:
        """A new section (on a new page) in this orientation; its headers and footers are the
        previous section's (python-docx's new section has none of its own, so Word links
        them)."""
        from docx.enum.section import WD_ORIENT, WD_SECTION

        previous = self.section
        width, height = previous.page_width, previous.page_height
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self.section = section
        # python-docx ends the body with the break (a paragraph carrying the section's
        # properties): the writing position goes on after it.
        brk = self.end._p.getnext()
        brk.addnext(self.end._p)
        if landscape:
            self._break_before_heading(brk)
        if width is None or height is None or (width > height) == landscape:
            return
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = height, width

    def flow_cell(self, element: Any, cell: Any, fmt: Fmt) -> None:
        """A cell's content into its first (empty) paragraph, further blocks after it."""
        before = len(cell.paragraphs)
        self.flow(element, cell, fmt)
        if len(cell.paragraphs) > before and not cell.paragraphs[0].text and before == 1:
            # python-docx makes every cell with an empty paragraph; the content follows it.
            first = cell.paragraphs[0]._p
            if len(first) <= (1 if first.pPr is not None else 0):
                first.getparent().remove(first)

    def _spacer(self, container: Any) -> None:
        """An empty paragraph after a table: two tables in a row would otherwise merge."""
        if container is self.doc:
            self.made.append(self._add_paragraph(container))

    def _fit(self, table: Any, container: Any) -> None:
        """Column widths from the content, as a browser lays a table out: each column at
        least as wide as its longest word, the rest shared by how much text it holds; the
        table as wide as the text. Smaller type in tables, smaller still in wide ones."""
        from docx.oxml.ns import qn
        from docx.shared import Emu, Pt

        grid = table._tbl.tblGrid.gridCol_lst
        columns = len(grid)
        if columns == 0:
            return
        longest_word = [1] * columns
        longest_text = [0] * columns
        for tr in table._tbl.tr_lst:
            position = 0
            for tc in tr.tc_lst:
                span = tc.grid_span
                if span == 1 and position < columns:
                    # Line breaks and paragraphs part words as spaces do.
                    parts = tc.xpath(".//w:t/text() | .//w:br | .//w:p")
                    text = "".join(x if isinstance(x, str) else " " for x in parts).strip()
                    words = [len(w) for w in text.split()] or [0]
                    longest_word[position] = max(longest_word[position], min(max(words), 18))
                    longest_text[position] = max(longest_text[position], len(text))
                position += span
        section = self.section
        page = (section.page_width, section.left_margin, section.right_margin)
        width = page[0] - page[1] - page[2] if None not in page else _TEXT_WIDTH  # type: ignore[operator]
        # The cell's padding (0.19 cm a side); an average character at the type size, which
        # is the largest at which every column's longest word fits on its line.
        padding = 137160
        for points in (9, 8.5, 8, 7.5, 7, 6.5, 6):
            size = Pt(points)
            char = int(size * 0.7)
            if sum(w * char + padding for w in longest_word) <= width:
                break
        if container is not self.doc:
            size = Pt(8)  # a table in a cell takes the cell's width
        for run in table._tbl.xpath(".//w:r"):
            r_pr = run.get_or_add_rPr()
            if r_pr.find(qn("w:sz")) is None:
                r_pr.sz_val = size
        if container is not self.doc:
            return
        least = [w * char + padding for w in longest_word]
        wanted = [max(t * char + padding, low) for t, low in zip(longest_text, least, strict=True)]
        spare = width - sum(least)
        if spare <= 0:
            widths = [int(width * low / sum(least)) for low in least]
        elif sum(wanted) <= width:
            widths = [int(want + (width - sum(wanted)) * want / sum(wanted)) for want in wanted]
        else:
            # Every column gets its longest word; the rest goes to the columns whose text
            # would wrap, by how much they would want (the square root, as long texts wrap
            # anyway).
            extra = [(want - low) ** 0.5 for want, low in zip(wanted, least, strict=True)]
            widths = [
                int(low + spare * e / sum(extra)) if sum(extra) else low
                for low, e in zip(least, extra, strict=True)
            ]
        table.autofit = False
        for col, w in zip(grid, widths, strict=True):
            col.w = Emu(w)
        for tr in table._tbl.tr_lst:
            position = 0
            for tc in tr.tc_lst:
                span = tc.grid_span
                tc.width = Emu(sum(widths[position : position + span]))
                position += span

    def _cant_split(self, row: Any) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        tr_pr = row._tr.get_or_add_trPr()
        if tr_pr.find(qn("w:cantSplit")) is None:
            tr_pr.insert(0, OxmlElement("w:cantSplit"))

    # Paragraphs and runs ------------------------------------------------------------------

    def _fmt(self, element: Any, fmt: Fmt) -> Fmt:
        lang = element.get("lang")
        if lang is not None:
            fmt = replace(fmt, lang=clean(lang).strip() or None)
        return fmt

    def _note_id(self, element: Any) -> None:
        identifier = element.get("id")
        if identifier:
            self.pending.append(clean(identifier))

    def bookmark(self, identifier: str) -> str:
        """A bookmark name for an HTML id: Word's rules (a letter first, letters, digits and
        underscores, at most 40 characters), unique."""
        name = self.bookmarks.get(identifier)
        if name is None:
            base = "h_" + re.sub(r"[^A-Za-z0-9_]", "_", identifier)[:32]
            name, number = base, 1
            while name in self.taken:
                number += 1
                name = f"{base[:32]}_{number}"
            self.bookmarks[identifier] = name
            self.taken.add(name)
        return name

    def inline_children(self, element: Any, fmt: Fmt) -> list[Inline]:
        """An element's content as inline items (block children's text joined in)."""
        fmt = self._fmt(element, fmt)
        self._note_id(element)
        items: list[Inline] = []
        if element.text:
            items.append(Text(element.text, fmt))
        for child in element:
            if isinstance(child.tag, str) and not self._skipped(child):
                if child.tag.lower() in _BLOCK:
                    items.append(Text(" ", fmt))
                    items.extend(self.inline_children(child, fmt))
                    items.append(Text(" ", fmt))
                else:
                    items.extend(self.inline(child, fmt))
            if child.tail:
                items.append(Text(child.tail, fmt))
        return items

    def inline(self, element: Any, fmt: Fmt) -> list[Inline]:
        tag = element.tag.lower()
        classes = _classes(element)
        fmt = self._fmt(element, fmt)
        self._note_id(element)
        if tag == "br":
            return [Break()]
        if tag == "svg":
            # A drawn chart: the text it gives for those who cannot see it, unless the count
            # beside it already says it.
            parent = element.getparent()
            counts = parent.find_class("count") if parent is not None else []
            if any(_text(c) for c in counts):
                return []
            return [Text(clean(element.get("aria-label") or ""), fmt)]
        if tag == "img":
            return [Text(clean(element.get("alt") or ""), fmt)]
        if tag in ("strong", "b"):
            fmt = replace(fmt, bold=True)
        elif tag in ("em", "i", "cite", "dfn", "var"):
            fmt = replace(fmt, italic=True)
        elif tag in ("code", "kbd", "samp", "tt"):
            fmt = replace(fmt, code=True)
        elif tag == "small":
            fmt = replace(fmt, small=True)
        elif tag == "sup":
            fmt = replace(fmt, sup=True)
        elif tag == "sub":
            fmt = replace(fmt, sub=True)
        elif tag == "del":
            fmt = replace(fmt, revision="del")
        elif tag == "ins":
            fmt = replace(fmt, revision="ins")
        if classes & {"shown-del", "shown-ins"}:
            fmt = replace(fmt, shown="del" if "shown-del" in classes else "ins")
        if "code" in classes:
            fmt = replace(fmt, code=True)
        if "missing" in classes:
            fmt = replace(fmt, italic=True)
        if classes & {"short", "sev-error"}:
            fmt = replace(fmt, bold=True)
        items: list[Inline] = []
        if "source" in classes or "instruments" in classes:
            # Shown on a line of its own under the cell's main text in the HTML.
            items.append(Break())
            fmt = replace(fmt, small=True, muted=True)
        if element.text:
            items.append(Text(element.text, fmt))
        for child in element:
            if isinstance(child.tag, str) and not self._skipped(child):
                items.extend(self.inline(child, fmt))
            if child.tail:
                items.append(Text(child.tail, fmt))
        if tag == "a":
            href = clean(element.get("href") or "").strip()
            flat = [i for i in items if not isinstance(i, Link)]
            if href.startswith("#") and href[1:] in self.ids:
                return [Link(self.bookmark(href[1:]), None, flat)]
            if re.match(r"(?i)(https?|mailto):", href):
                return [Link(None, href, flat)]
        if "marker" in classes and items:
            items.append(Text(" ", fmt))  # the marker's badge, run into its label in the HTML
        return items

    def paragraph(
        self,
        container: Any,
        items: list[Inline],
        *,
        style: str | None = None,
        reuse: bool = False,
        force: bool = False,
        align: str | None = None,
    ) -> Any:
        """A paragraph of inline items, whitespace collapsed as a browser would; none when
        it would be empty (unless forced), carrying the bookmarks of the ids met before it."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        items = _collapse(items)
        if not items and not force and not reuse:
            return None
        last = container.paragraphs[-1] if reuse and container.paragraphs else None
        if last is not None and not last.text:
            paragraph = last
            if style:
                self.set_style(paragraph, self.style(style))
        else:
            paragraph = self._add_paragraph(container)
            if style:
                self.set_style(paragraph, self.style(style))
            self.made.append(paragraph)
        if align == "right":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self._bookmarks(paragraph)
        rtl = False
        for item in items:
            if isinstance(item, Link):
                self._link(paragraph, item)
            else:
                self._run(paragraph, item)
            if isinstance(item, Text) and is_rtl(item.fmt.lang):
                rtl = True
        if rtl and items and all(is_rtl(i.fmt.lang) for i in items if isinstance(i, Text)):
            from docx.oxml import OxmlElement

            successors = (f"w:{name}" for name in _AFTER_BIDI)
            paragraph._p.get_or_add_pPr().insert_element_before(OxmlElement("w:bidi"), *successors)
        return paragraph

    def _bookmarks(self, paragraph: Any) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        while self.pending:
            identifier = self.pending.pop(0)
            if identifier in self.placed:
                continue  # the first place an id is seen is where it points
            self.placed.add(identifier)
            name = self.bookmark(identifier)
            number = str(self.next_bookmark)
            self.next_bookmark += 1
            start = OxmlElement("w:bookmarkStart")
            start.set(qn("w:id"), number)
            start.set(qn("w:name"), name)
            end = OxmlElement("w:bookmarkEnd")
            end.set(qn("w:id"), number)
            p = paragraph._p
            p.insert(1 if p.pPr is not None else 0, end)
            end.addprevious(start)

    def _run(self, paragraph: Any, item: Text | Break, parent: Any = None) -> Any:
        if isinstance(item, Break):
            run = paragraph.add_run()
            run.add_break()
        else:
            # Break opportunities in long words: Word's and LibreOffice's layout of a word
            # of many thousand characters takes minutes.
            run = paragraph.add_run(break_long_words(item.text))
            self._format(run, item.fmt)
        if parent is not None:
            parent.append(run._r)
        if isinstance(item, Text) and item.fmt.revision is not None:
            self._track(run, item.fmt.revision)
        return run

    def _track(self, run: Any, kind: str) -> None:
        """The run as a tracked insertion or deletion (w:ins, or w:del with w:delText)."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        mark = OxmlElement(f"w:{kind}")
        mark.set(qn("w:id"), str(self.next_revision))
        self.next_revision += 1
        mark.set(qn("w:author"), REVISION_AUTHOR)
        mark.set(qn("w:date"), "{:04d}-{:02d}-{:02d}T00:00:00Z".format(*FIXED_DATE))
        r = run._r
        r.addprevious(mark)
        mark.append(r)
        if kind == "del":
            for t in r.findall(qn("w:t")):
                deleted = OxmlElement("w:delText")
                deleted.text = t.text
                deleted.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                t.addprevious(deleted)
                r.remove(t)

    def _format(self, run: Any, fmt: Fmt) -> None:
        from docx.shared import Pt, RGBColor

        if fmt.bold:
            run.bold = True
        if fmt.italic:
            run.italic = True
        if fmt.code:
            self.set_style(run, self.style("Verbatim Char", character=True))
        if fmt.small:
            run.font.size = Pt(8)
        if fmt.muted:
            run.font.color.rgb = RGBColor.from_string(_MUTED)
        if fmt.sup:
            run.font.superscript = True
        if fmt.sub:
            run.font.subscript = True
        if fmt.shown == "del":
            run.font.strike = True
            run.font.color.rgb = RGBColor.from_string(_DELETED)
        elif fmt.shown == "ins":
            run.font.underline = True
            run.font.color.rgb = RGBColor.from_string(_INSERTED)
        if fmt.lang and fmt.lang != self.lang:
            _set_lang(run._r.get_or_add_rPr(), fmt.lang)
        if is_rtl(fmt.lang):
            run.font.rtl = True

    def _link(self, paragraph: Any, link: Link) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        hyperlink = OxmlElement("w:hyperlink")
        if link.anchor:
            hyperlink.set(qn("w:anchor"), link.anchor)
            hyperlink.set(qn("w:history"), "1")
        elif link.url:
            r_id = paragraph.part.relate_to(link.url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            hyperlink.set(qn("r:id"), r_id)
        paragraph._p.append(hyperlink)
        link_style = self.style("Hyperlink", character=True)
        for item in link.items:
            run = self._run(paragraph, item, hyperlink)
            if isinstance(item, Text):
                self.set_style(run, link_style)


def _blank(paragraph: Any) -> bool:
    """A paragraph with nothing in it (no text, no picture, no field)."""
    return not paragraph._p.xpath("./w:r | ./w:hyperlink | ./w:fldSimple | ./w:sdt")


def _has_text(items: list[Inline]) -> bool:
    return any(
        (isinstance(i, Text) and i.text.strip())
        or (isinstance(i, Link) and _has_text(list(i.items)))
        for i in items
    )


def _flatten(items: list[Inline]) -> Iterator[tuple[Text | Break, Link | None]]:
    for item in items:
        if isinstance(item, Link):
            for inner in item.items:
                yield inner, item
        else:
            yield item, None


def _collapse(items: list[Inline]) -> list[Inline]:
    """Whitespace as a browser shows it: runs of it as one space, none at the paragraph's
    start or end, nor after a line break; empty texts dropped."""
    out: list[Inline] = []
    space = True  # at the start, as after a space
    pieces: list[tuple[Text | Break, Link | None]] = []
    for item, link in _flatten(items):
        if isinstance(item, Break):
            # A trailing space before a break is dropped.
            if pieces and isinstance(pieces[-1][0], Text):
                last = pieces[-1][0]
                last.text = last.text.rstrip(" ")
            pieces.append((item, link))
            space = True
            continue
        text = _SPACE.sub(" ", clean(item.text))
        if space:
            text = text.lstrip(" ")
        if not text:
            continue
        space = text.endswith(" ")
        pieces.append((Text(text, item.fmt), link))
    # No space at the end, nor breaks with nothing after them.
    while pieces:
        final = pieces[-1][0]
        if isinstance(final, Break):
            pieces.pop()
            continue
        final.text = final.text.rstrip(" ")
        if final.text:
            break
        pieces.pop()
    current: Link | None = None
    for piece, link in pieces:
        if isinstance(piece, Text) and not piece.text:
            continue
        if link is None:
            current = None
            out.append(piece)
        elif current is link:
            out[-1].items.append(piece)  # type: ignore[union-attr]
        else:
            current = link
            out.append(Link(link.anchor, link.url, [piece]))
    return out


def _set_lang(rpr: Any, lang: str) -> None:
    """A w:lang on run properties: the tag for Latin text, and for complex scripts when the
    language is written right to left."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    element = OxmlElement("w:lang")
    tag = word_lang(lang)
    element.set(qn("w:val"), tag)
    if is_rtl(lang):
        element.set(qn("w:bidi"), tag)
    # w:lang's place in CT_RPr's sequence: before eastAsianLayout, specVanish, oMath.
    successors = [rpr.find(qn(f"w:{n}")) for n in ("eastAsianLayout", "specVanish", "oMath")]
    following = next((s for s in successors if s is not None), None)
    if following is not None:
        following.addprevious(element)
    else:
        rpr.append(element)


def _set_num(paragraph: Any, num_id: str) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = p_pr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = int(num_id)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        header = OxmlElement("w:tblHeader")
        cant = tr_pr.find(qn("w:cantSplit"))
        if cant is not None:
            cant.addnext(header)
        else:
            tr_pr.insert(0, header)


def _shade(cell: Any, colour: str) -> None:
    _shade_tc(cell._tc, colour)


def _shade_tc(tc: Any, colour: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("w:shd")):
        tc_pr.remove(old)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    tc_pr.append(shading)
