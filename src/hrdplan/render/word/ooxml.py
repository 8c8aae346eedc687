"""OOXML for the Word writer: the inline model (formatting, text, breaks, links), the
languages and styles, and the helpers that write the XML python-docx has no API for."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from hrdplan.io.locale import is_rtl, with_region

if TYPE_CHECKING:
    from collections.abc import Iterator

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


def _classes(element: Any) -> set[str]:
    return set((element.get("class") or "").split())


def _text(element: Any) -> str:
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


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
