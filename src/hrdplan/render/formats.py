"""The document formats: Markdown and HTML straight from their templates, Word and PDF made
from the HTML (its templates are the one layout of the documents that officials circulate)."""

from __future__ import annotations

from typing import Literal

from hrdplan.render.environment import Format

DocumentFormat = Literal["md", "html", "docx", "pdf"]
BINARY: tuple[DocumentFormat, ...] = ("docx", "pdf")


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
