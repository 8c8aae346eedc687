"""Text shortened to fit one line of a message, a listing or a YAML comment."""

from __future__ import annotations

ELLIPSIS = "..."


def shorten(text: str, width: int, *, ellipsis: str = ELLIPSIS) -> str:
    """The text on one line (runs of whitespace made one space), at most `width` characters:
    a longer text is cut at the last word that fits and ends in `ellipsis`."""
    line = " ".join(text.split())
    if len(line) <= width:
        return line
    cut = line[: max(width - len(ellipsis), 0)]
    # Cut at a word boundary when the cut falls inside a word; a single long word is cut as is.
    if " " in cut and line[len(cut)] != " ":
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + ellipsis
