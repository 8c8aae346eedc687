"""Numbers, percentages, dates and language names as a language writes them, from CLDR through
Babel: `1,234.5` and `62.5%` in English, `1.234,5` and `62,5%` in Dutch, `62,5 %` in French;
"24 November 2020", "24 november 2020"; "English", "Engels".

A document's language is a two-letter code (en, nl, fr); the EU writes British English, so `en`
is read as en-GB. Babel is imported where a value is formatted, not at start-up: `hrdplan lint`
formats a number only when a message quotes one.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date
    from decimal import Decimal

    from babel import Locale

# The variant of a language the EU's documents are written in, where CLDR's default differs
# (CLDR's `en` is American: "November 24, 2020"; its likely region for pt is Brazil).
_EU_VARIANT = {"en": "en-GB", "pt": "pt-PT"}
# Word's tag for a language without a region where CLDR's likely one is not the one Word has
# always been told (Arabic: CLDR's is Egypt).
_WORD_VARIANT = {**_EU_VARIANT, "ar": "ar-SA"}


def _locale(lang: str) -> Locale:
    """The CLDR locale numbers and dates are written in for a document's language; British
    English for a language CLDR does not know (a template's own `lang`)."""
    parsed = _parsed(_EU_VARIANT.get(lang, lang))
    return parsed if parsed is not None else _english()


def _english() -> Locale:
    from babel import Locale

    return Locale("en", "GB")


def decimal(value: float | Decimal, lang: str, places: int = 1) -> str:
    """A number rounded to `places` decimals as lang writes it, without trailing zeros: 85,
    62.5 and 1,234.5 in English; 62,5 and 1.234,5 in Dutch."""
    from decimal import Decimal

    from babel.numbers import format_decimal

    # Rounded as Python rounds (half to even on the float's exact value), then written by CLDR.
    rounded = Decimal(f"{value:.{places}f}")
    return format_decimal(rounded, locale=_locale(lang), decimal_quantization=False)


def percent(value: float | Decimal, lang: str, places: int = 1) -> str:
    """A share given in percent (62.5 for 62.5%) as lang writes a percentage: 62.5% in
    English, 62,5% in Dutch, 62,5 % in French; rounded to `places` decimals."""
    from decimal import Decimal

    from babel.numbers import format_percent

    rounded = Decimal(f"{value:.{places}f}")
    return format_percent(rounded / 100, locale=_locale(lang), decimal_quantization=False)


# A number as `strategy.measures.shown` writes it (an exponent form is left as it is).
_ENGLISH_NUMBER = re.compile(r"-?\d{1,3}(,\d{3})*(\.\d+)?%?")


def local_number(shown: str, lang: str) -> str:
    """A number or percentage as English writes it (`strategy.measures.shown`: 1,234.5; 62.5%)
    written as lang writes it; anything else is left as it is."""
    from babel.numbers import parse_decimal

    if lang == "en" or not _ENGLISH_NUMBER.fullmatch(shown):
        return shown
    body = shown.removesuffix("%")
    amount = parse_decimal(body, locale="en", strict=True)
    places = max(0, -int(amount.as_tuple().exponent))
    return percent(amount, lang, places) if body != shown else decimal(amount, lang, places)


def written_date(day: date, lang: str) -> str:
    """A date as the document's readers write it: "24 November 2020", "24 november 2020"."""
    from babel.dates import format_date

    return format_date(day, "long", locale=_locale(lang))


def month_abbreviations(lang: str) -> list[str]:
    """The months January to December abbreviated as a label on their own (a timeline's
    cell): Jan ... Sept ... Dec in British English, jan ... mrt ... dec in Dutch."""
    from babel.dates import get_month_names

    names = get_month_names("abbreviated", context="stand-alone", locale=_locale(lang))
    return [str(names[month]) for month in range(1, 13)]


def language_name(tag: str, lang: str) -> str | None:
    """The name in lang of the language a BCP 47 tag's first part names ("Engels" for `en` in
    Dutch), as CLDR writes it mid-sentence; None when CLDR does not know it."""
    in_lang = _parsed(lang)
    primary = tag.split("-")[0].strip().lower()
    if in_lang is None or not primary:
        return None
    return in_lang.languages.get(primary)


def is_rtl(tag: str | None) -> bool:
    """Whether text in this language (a BCP 47 tag: ar, ur, pa-Arab) is written right to
    left; False for a tag CLDR does not know."""
    parsed = _parsed(tag) if tag else None
    return parsed is not None and parsed.character_order == "right-to-left"


@cache
def with_region(tag: str) -> str:
    """A language tag with a region, as Word's w:lang wants it: `en` -> `en-GB`, `nl` ->
    `nl-NL`; a tag with a region, or one CLDR does not know, as it is."""
    from babel.core import get_global

    primary = tag.lower()
    if "-" in tag or "_" in tag:
        return tag
    if primary in _WORD_VARIANT:
        return _WORD_VARIANT[primary]
    likely = str(get_global("likely_subtags").get(primary, ""))  # nl_Latn_NL
    return f"{primary}-{likely.split('_')[-1]}" if likely.count("_") == 2 else tag


@cache
def _parsed(tag: str) -> Locale | None:
    """The CLDR locale of a BCP 47 tag (its first part when the whole is unknown), or None."""
    from babel import Locale, UnknownLocaleError

    for candidate in (tag.strip(), tag.strip().split("-")[0]):
        try:
            return Locale.parse(candidate, sep="-")
        except (ValueError, TypeError, UnknownLocaleError):
            continue
    return None
