"""User text made safe to show: control and bidi characters made visible, paragraphs, and
Markdown escaping (HTML escaping is Jinja's autoescape)."""

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


def heading_case(title: str) -> str:
    """A title set in capitals in the source (the lines of action) in sentence case."""
    return title[:1] + title[1:].lower() if title.isupper() else title


def css_string(value: object) -> str:
    """A quoted CSS string: anything but letters, digits and spaces as a CSS escape, so no
    value can end the string, the rule or the <style> element."""
    body = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in str(value))
    return f'"{body}"'


def paragraphs(value: str | None) -> list[str]:
    """A block of user text as paragraphs: blank lines separate them, other line breaks are
    the author's wrapping."""
    if not value:
        return []
    blocks = re.split(r"\n\s*\n", visible(value).strip())
    return [text for text in (" ".join(b.split()) for b in blocks) if text]


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
