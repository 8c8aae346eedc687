"""The Word writer's blocks and tables: how each element of the rendered HTML becomes
Word's own structures."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hrdplan.render.word.document import Document
from hrdplan.render.word.ooxml import (
    _BLOCK,
    _HEADER_SHADE,
    _HEADING_STYLES,
    _PORTRAIT_COLUMNS,
    _SHADES,
    _SPACE,
    _TEXT_WIDTH,
    _TOTAL_ROWS,
    _W,
    _WHOLE_ROW,
    _WIDTH,
    Break,
    Fmt,
    Inline,
    Text,
    _classes,
    _has_text,
    _repeat_header,
    _set_num,
    _shade,
    _shade_tc,
    _text,
    clean,
)
from hrdplan.render.word.package import normalized


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


class _Writer(Document):
    """The blocks of a document: paragraphs, headings, lists, quotes, figures and tables."""

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
