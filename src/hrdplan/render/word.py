"""Word documents (DOCX) from the rendered HTML, with python-docx.

The HTML templates are the one layout of every document; this module maps their elements to
Word's own styles and structures."""

from __future__ import annotations

from pathlib import Path


def from_html(html: str, *, reference: bytes | None = None) -> bytes:
    """The DOCX of a rendered HTML document; `reference`, an organisation's Word template
    (--reference-doc), gives the styles."""
    raise NotImplementedError


def written(data: bytes) -> bool:
    """Whether a DOCX file is one hrdplan wrote."""
    return False


def read_reference(path: Path) -> bytes:
    """The bytes of a --reference-doc, checked once per command: InputError naming the file
    when it is not a Word document."""
    raise NotImplementedError
