"""Text made safe to show: controls made visible (terminals, documents), Markdown escaping,
text shortened to fit one line of a message, a listing or a YAML comment, long words given
break opportunities, and JSON that is safe to show on a terminal."""

from __future__ import annotations

import re

# Characters that act instead of showing: C0/C1 controls (ANSI escapes start with ESC) and the
# bidi controls that can make text read differently from what it is ("Trojan Source").
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_HIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")


def visible(text: str) -> str:
    """Text with controls shown as escapes (\\x1b, \\u202e) instead of acting on the reader."""
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    return _HIDDEN.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def inline(value: object) -> str:
    """One line of user text: controls made visible, runs of whitespace (line breaks of a YAML
    block) made one space."""
    return " ".join(visible(str(value)).split())


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
    escaped; it parses back to exactly `data`. Ends with a newline. A NaN or infinity in
    `data` is a ValueError, never written: JSON has no such numbers (Python's `NaN` is not
    JSON, and other readers refuse it)."""
    import json

    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    # Outside strings JSON is plain ASCII, so every match is inside a string literal.
    return _NON_ASCII.sub(_json_escape, text) + "\n"


def yaml_quoted(text: str) -> str:
    """Text as a YAML double-quoted scalar: a JSON string is one, and nothing in it can end the
    value early."""
    import json

    return json.dumps(text, ensure_ascii=False)


# Backslash-escaping any ASCII punctuation is always allowed in CommonMark; these are the ones
# that could make user text into markup: emphasis, code, links, HTML, table cells, strikethrough.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_WHITESPACE = re.compile(r"\s+")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# At the start of a line these begin a heading, list, quote or rule.
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=](?=[#+\-=]*(\s|$))|\d{1,9}(?=[.)](\s|$)))")


# GitHub's autolink extension (cmark-gfm extensions/autolink.c) links bare URLs, `www.` and
# e-mail addresses in text. Its URL and www matches run on the unescaped source, so escaping the
# scheme's colon or the dot after www stops them. The e-mail match also runs on text after
# escapes are undone, so a backslash cannot stop it: an empty HTML comment before the `@` (raw
# HTML that shows nothing) splits the text where an address would start.
_AUTOLINK_URL = re.compile(r"(?<=[A-Za-z]):(?=//)")
_AUTOLINK_WWW = re.compile(r"(?i)(?<=www)\.")
_AUTOLINK_EMAIL = re.compile(r"(?<=[A-Za-z0-9.+\-_])@")
EMPTY_COMMENT = "<!-- -->"


def markdown(value: object) -> str:
    """User text as literal Markdown on one line: safe in a paragraph and in a table cell, and
    never a link (GitHub links bare URLs and e-mail addresses: the template decides what is a
    link, not the value). Line breaks become spaces; spaces at either end are kept (a
    template's "; ")."""
    text = _MD_SPECIAL.sub(r"\\\1", _WHITESPACE.sub(" ", visible(str(value))))
    text = _MD_ENTITY.sub(r"\\&", text)
    text = _AUTOLINK_URL.sub(r"\\:", text)
    text = _AUTOLINK_WWW.sub(r"\\.", text)
    text = _AUTOLINK_EMAIL.sub(f"{EMPTY_COMMENT}@", text)
    return _MD_LINE_START.sub(_escape_line_start, text)


def code_span(value: object) -> str:
    """User text as a Markdown code span on one line, for a table cell. Nothing can be
    escaped inside a code span, so the fence is one backtick longer than the longest run of
    backticks in the text (CommonMark), padded with a space where the text starts or ends with
    a backtick; `|` is written `\\|`, which a GFM table cell needs even inside code (and shows
    as `|`)."""
    text = inline(value).replace("|", "\\|")
    if not text:
        return ""  # a code span cannot be empty: "``" would show as two backticks
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _escape_line_start(match: re.Match[str]) -> str:
    lead, marker = match.group(1), match.group(2)
    if marker[0].isdigit():  # "1." would start an ordered list: escape the dot's meaning
        return f"{lead}{marker}\\"
    return f"{lead}\\{marker}"


# A word longer than this (a URL, a reference, a hostile string) gets a break opportunity every
# this many characters in Word and PDF. Their layout engines search a word for a place to break
# it anew on every line: a word of 100,000 characters takes WeasyPrint minutes and LibreOffice
# longer. Words of a language are shorter; a browser breaks a long one itself (the HTML's
# `overflow-wrap`), so the HTML for browsers has none.
LONG_WORD = 50
_LONG_WORD = re.compile(rf"[^\s\u200b]{{{LONG_WORD + 1},}}")
_ENTITY_OR_CHARACTER = re.compile(r"&#?[0-9A-Za-z]{1,32};|.", re.DOTALL)


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
