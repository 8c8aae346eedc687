"""PDF documents from the rendered HTML and its print stylesheet, with WeasyPrint (the
optional `pdf` extra)."""

from __future__ import annotations


def from_html(html: str) -> bytes:
    """The PDF of a rendered HTML document."""
    raise NotImplementedError


def written(data: bytes) -> bool:
    """Whether a PDF file is one hrdplan wrote."""
    return False


def check_available() -> None:
    """HrdplanError (exit 2) naming the extra when WeasyPrint cannot be used, checked once per
    command before any document is made."""
    raise NotImplementedError
