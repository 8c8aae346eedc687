"""PDF documents from the rendered HTML and its print stylesheet, with WeasyPrint (the
optional `pdf` extra).

WeasyPrint is imported only here, inside the functions: it loads Pango through cffi, which
costs a few tenths of a second that no other command should pay.

Nothing is ever fetched: the HTML is self-contained (inline CSS, SVG drawn inline), so every URL
a document could name (a user's template, `url(...)` in a strategy's text) is refused without
opening it, and relative URLs have no base to resolve against.

The same HTML gives the same bytes. WeasyPrint writes a creation or modification date only
when the HTML's `dcterms.created` / `dcterms.modified` metadata asks for one (ours never does),
and a file identifier only when asked: we ask for the one computed from the content (an MD5 of
the file's objects, both entries equal as the PDF standard wants for a first version), which
is the same for the same document. Font subsets are named from their content, not at random.
"""

from __future__ import annotations

import re
import zlib
from typing import TYPE_CHECKING, Any

from hrdplan.io.errors import HrdplanError
from hrdplan.io.text import break_long_words

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcherResponse

# The document's /Creator: what tells our PDF from someone's own file of the same name.
CREATOR = "hrdplan"
_MARK = b"/Creator (" + CREATOR.encode() + b")"

UNAVAILABLE = (
    "PDF needs the pdf extra and Pango: pip install 'hrdplan[pdf]' "
    "(and the system's Pango, e.g. apt install libpango-1.0-0)"
)

# has_mark(): how far to look into a file that may be anything (a PDF of ours keeps its
# metadata in an object stream of a few tens of kilobytes).
_MAX_STREAMS = 8
_MAX_INFLATED = 4 * 1024 * 1024
# What is not the document's text: comments, elements whose content is not text to lay out,
# tags.
_NOT_TEXT = re.compile(
    r"<!--.*?-->|<(script|style|svg|math|title|textarea)\b.*?</\1\s*>|<[^>]*>",
    re.DOTALL | re.IGNORECASE,
)
_OBJECT_STREAM = re.compile(rb"<<[^<>]{0,200}/Type\s*/ObjStm[^<>]{0,200}>>\s*stream\r?\n")


def from_html(html: str) -> bytes:
    """The PDF of a rendered HTML document, laid out by its print stylesheet."""
    return written_pdf(layout(html))


def layout(html: str) -> Any:
    """The document laid out in pages (a `weasyprint.Document`): what `from_html` writes, and
    what the print layout tests measure."""
    import weasyprint

    return weasyprint.HTML(
        string=with_word_breaks(html), base_url=None, url_fetcher=_refuse()
    ).render()


def with_word_breaks(html: str) -> str:
    """The HTML with a <wbr> every few characters inside each long word of its text (never in
    a tag, a comment, a style sheet or a drawing). Each piece is a text box of its own for
    WeasyPrint, which lays a text box out again for every line it breaks, so that a long word
    costs time in proportion to its length rather than its square. A reader copying the text
    gets the word's characters (WeasyPrint draws <wbr> as a zero-width space, which PDF readers
    leave out of the text)."""
    out: list[str] = []
    position = 0
    for match in _NOT_TEXT.finditer(html):
        out.append(break_long_words(html[position : match.start()], mark="<wbr>", markup=True))
        out.append(match.group())
        position = match.end()
    out.append(break_long_words(html[position:], mark="<wbr>", markup=True))
    return "".join(out)


def written_pdf(document: Any) -> bytes:
    """The PDF bytes of a laid-out document, marked as ours and without dates."""
    # The mark of a file hrdplan wrote, whatever a user's template puts in its <head>.
    document.metadata.generator = CREATOR
    # No dates (ours are wanted the same for the same input): a user's template may not add one.
    document.metadata.created = None
    document.metadata.modified = None
    data: bytes = document.write_pdf(pdf_identifier=True)
    return data


def has_mark(data: bytes) -> bool:
    """Whether a PDF file carries hrdplan's mark: its /Creator is hrdplan. Bounded, and never
    raises, whatever the bytes."""
    if not data.startswith(b"%PDF-"):
        return False
    if _MARK in data:  # an uncompressed PDF
        return True
    for count, match in enumerate(_OBJECT_STREAM.finditer(data)):
        if count >= _MAX_STREAMS:
            break
        try:
            inflated = zlib.decompressobj().decompress(data[match.end() :], _MAX_INFLATED)
        except zlib.error:
            continue
        if _MARK in inflated:
            return True
    return False


def check_available() -> None:
    """HrdplanError (exit 2) naming the extra when WeasyPrint cannot be used, checked once per
    command before any document is made."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        # ImportError: the extra is not installed; OSError: it is, but cffi cannot load Pango
        # (or GObject, HarfBuzz) from the system.
        raise HrdplanError(UNAVAILABLE) from None


def _refuse() -> Any:
    """A WeasyPrint URL fetcher that fetches nothing: every URL is refused, and WeasyPrint
    leaves out the resource (an image, a stylesheet, a font) as it does one it cannot reach."""
    from weasyprint.urls import URLFetcher

    class Refuse(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            raise ValueError(f"hrdplan fetches nothing: {url[:80]}")

    return Refuse()
