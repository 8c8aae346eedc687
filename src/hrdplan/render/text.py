"""User text as documents show it: dates, numbers, headings, CSS strings and paragraphs.
Control characters made visible and Markdown escaping are `hrdplan.io.text`'s (HTML escaping
is Jinja's autoescape)."""

from __future__ import annotations

import re

from hrdplan.io.text import visible


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
