"""User text as documents show it: dates, numbers, headings, CSS strings and paragraphs.
Control characters made visible and Markdown escaping are `hrdplan.io.text`'s (HTML escaping
is Jinja's autoescape)."""

from __future__ import annotations

import re
from datetime import date

# `inline` is re-exported for the modules that still import it from here.
from hrdplan.io.text import inline as inline
from hrdplan.io.text import visible

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}


def written_date(day: date, lang: str) -> str:
    """A date as the document's readers write it: "24 November 2020", "24 november 2020"."""
    month = _MONTHS.get(lang, _MONTHS["en"]).split()[day.month - 1]
    return f"{day.day} {month} {day.year}"


def decimal(value: float, lang: str) -> str:
    """A share as people write it in lang: 85, 62.5 in English, 62,5 in Dutch (no trailing
    zero)."""
    shown = f"{float(value):.1f}".removesuffix(".0")
    return shown.replace(".", ",") if lang == "nl" else shown


_SWAP = str.maketrans(",.", ".,")
_NUMBER = re.compile(r"-?\d{1,3}(,\d{3})*(\.\d+)?%?")


def local_number(shown: str, lang: str) -> str:
    """A number as `measures.shown` writes it (1,234.5; 62.5%) with lang's marks: 1.234,5 and
    62,5% in Dutch. Anything that is not such a number is left as it is."""
    if lang != "nl" or not _NUMBER.fullmatch(shown):
        return shown
    return shown.translate(_SWAP)


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
