"""The document formats: Markdown and HTML straight from their templates, Word and PDF made
from the HTML (its templates are the one layout of the documents that officials circulate)."""

from __future__ import annotations

import re
from typing import Literal

from hrdplan.render.environment import Format

DocumentFormat = Literal["md", "html", "docx", "pdf"]
BINARY: tuple[DocumentFormat, ...] = ("docx", "pdf")

# A word longer than this (a URL, a reference, a hostile string) gets a break opportunity every
# this many characters in Word and PDF. Their layout engines search a word for a place to break
# it anew on every line: a word of 100,000 characters takes WeasyPrint minutes and LibreOffice
# longer. Words of a language are shorter; a browser breaks a long one itself (the HTML's
# `overflow-wrap`), so the HTML for browsers has none.
LONG_WORD = 50
_LONG_WORD = re.compile(rf"[^\s\u200b]{{{LONG_WORD + 1},}}")
_ENTITY_OR_CHARACTER = re.compile(r"&#?[0-9A-Za-z]{1,32};|.", re.DOTALL)


def template_format(fmt: DocumentFormat) -> Format:
    """Which templates make a document of this format."""
    return "md" if fmt == "md" else "html"


def convert(fmt: DocumentFormat, text: str, *, reference: bytes | None = None) -> str | bytes:
    """The document in its format from its template's text; `reference` is a Word template
    for the styles of a DOCX (--reference-doc)."""
    if fmt == "docx":
        from hrdplan.render import word

        return word.from_html(text, reference=reference)
    if fmt == "pdf":
        from hrdplan.render import pdf

        return pdf.from_html(text)
    return text


def break_long_words(text: str, *, mark: str = "\u200b", markup: bool = False) -> str:
    """The text with `mark` (a zero-width space: a break opportunity that shows nothing) every
    LONG_WORD characters inside each longer word; `markup`: the text is HTML's, whose entities
    (`&amp;`) are one character each and never cut."""

    def pieces(match: re.Match[str]) -> str:
        word = match.group()
        units = _ENTITY_OR_CHARACTER.findall(word) if markup else word
        return mark.join(
            "".join(units[start : start + LONG_WORD]) for start in range(0, len(units), LONG_WORD)
        )

    return _LONG_WORD.sub(pieces, text)
