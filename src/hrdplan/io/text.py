"""Text shortened to fit one line of a message, a listing or a YAML comment, and JSON that is
safe to show on a terminal."""

from __future__ import annotations

import re

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


def is_utf8(text: str) -> bool:
    """Whether UTF-8 can write text: not so when it holds the lone surrogates Python puts for
    the bytes of a command-line argument or a file name that were not UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# Characters JSON leaves raw with ensure_ascii=False that would act on a terminal showing the
# output (bidi overrides, C1 controls, DEL, line separators): written as \u escapes instead.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
_NON_ASCII = re.compile(r"[^\x20-\x7e\n]")


def _json_escape(match: re.Match[str]) -> str:
    import unicodedata

    char = match.group()
    if unicodedata.category(char) not in _UNSAFE_CATEGORIES:
        return char
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_text(data: object) -> str:
    """JSON with indent 2, non-ASCII text kept readable, invisible and control characters
    escaped; it parses back to exactly `data`. Ends with a newline."""
    import json

    text = json.dumps(data, indent=2, ensure_ascii=False)
    # Outside strings JSON is plain ASCII, so every match is inside a string literal.
    return _NON_ASCII.sub(_json_escape, text) + "\n"


def yaml_quoted(text: str) -> str:
    """Text as a YAML double-quoted scalar: a JSON string is one, and nothing in it can end the
    value early."""
    import json

    return json.dumps(text, ensure_ascii=False)
