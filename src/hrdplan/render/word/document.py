"""The Word writer's document: the document as a whole (page setup, settings, language,
properties), its header and footer, styles, and paragraphs and runs. The blocks and tables
are the writer's (`writer`)."""

from __future__ import annotations

import io
import re
from abc import ABC, abstractmethod
from dataclasses import replace
from datetime import UTC
from typing import Any

from hrdplan.io.locale import is_rtl
from hrdplan.io.text import break_long_words
from hrdplan.render.word.ooxml import (
    _AFTER_BIDI,
    _BLOCK,
    _DELETED,
    _INSERTED,
    _MUTED,
    _SKIP,
    _W,
    REVISION_AUTHOR,
    Break,
    Fmt,
    Inline,
    Link,
    Text,
    _blank,
    _classes,
    _collapse,
    _set_lang,
    _text,
    _words,
    clean,
    word_lang,
)
from hrdplan.render.word.package import FIXED_DATE, MARK


class Document(ABC):
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

    def _skipped(self, element: Any) -> bool:
        tag = element.tag.lower()
        if tag in _SKIP or element.get("hidden") is not None:
            return True
        if element.get("aria-hidden") == "true":
            return True
        return "banner" in _classes(element)  # the marking is in the header and footer

    def _add_paragraph(self, container: Any) -> Any:
        if container is self.doc:
            return self.end.insert_paragraph_before()
        return container.add_paragraph()

    @abstractmethod
    def flow(self, element: Any, container: Any, fmt: Fmt) -> None:
        """The children of a block element (the writer's)."""

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
